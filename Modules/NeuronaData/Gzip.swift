import CSystemZlib
import Foundation
import NeuronaCore

/// Gzip decompression through zlib, for `.gz` data files.
public enum Gzip {
    /// The most bytes ``decompress(_:file:sizeLimit:)`` produces unless told otherwise: 4 GiB,
    /// well above any data set file it reads (MNIST's training images inflate to 47 MB), and a
    /// stop for a decompression bomb (a few megabytes that would inflate to terabytes).
    public static let defaultSizeLimit = 1 << 32

    /// Whether `data` starts with the gzip magic bytes (1f 8b).
    public static func isCompressed(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b
    }

    /// The bytes a gzip stream holds (several concatenated members are read one after the
    /// other, as `gzip -d` does). The output grows as the stream inflates: the trailer's size
    /// field is never trusted. Throws ``DataError`` naming `file` and the byte offset for a
    /// truncated or corrupt stream (zlib checks every member's CRC-32 and length) and for output
    /// past `sizeLimit`.
    ///
    /// - Parameters:
    ///   - data: The compressed bytes.
    ///   - file: Names the data in errors.
    ///   - sizeLimit: The most bytes the stream may inflate to.
    public static func decompress(_ data: Data, file: String, sizeLimit: Int = defaultSizeLimit) throws -> Data {
        var stream = z_stream()
        // 16 + MAX_WBITS: expect a gzip header.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DataError(.badCompression, file: file, "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        enum Outcome { case finished, truncated, tooLarge, corrupt(Int32), trailingBytes(Int) }
        let outcome: Outcome = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Outcome in
            guard let base = input.bindMemory(to: Bytef.self).baseAddress else { return .truncated }
            var consumed = 0
            while true {
                // zlib counts input in 32-bit units: feed at most 1 GiB at a time.
                if stream.avail_in == 0 && consumed < input.count {
                    let piece = Swift.min(input.count - consumed, 1 << 30)
                    stream.next_in = UnsafeMutablePointer(mutating: base + consumed)
                    stream.avail_in = uInt(piece)
                    consumed += piece
                }
                let before = stream.avail_in
                let result = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    let r = inflate(&stream, Z_NO_FLUSH)
                    output.append(buffer.baseAddress!, count: buffer.count - Int(stream.avail_out))
                    return r
                }
                if output.count > sizeLimit { return .tooLarge }
                switch result {
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    // No progress possible: the input ran out before the stream's end.
                    if stream.avail_in == 0 && consumed == input.count { return .truncated }
                    if stream.avail_in != 0 && stream.avail_in == before { return .truncated }  // no progress at all
                    continue
                case Z_STREAM_END:
                    let offset = consumed - Int(stream.avail_in)
                    let rest = UnsafeRawBufferPointer(rebasing: input[offset...])
                    if rest.isEmpty || rest.allSatisfy({ $0 == 0 }) { return .finished }  // zero padding, as gzip allows
                    guard rest.count >= 2, rest[0] == 0x1f, rest[1] == 0x8b else { return .trailingBytes(offset) }
                    guard inflateReset(&stream) == Z_OK else { return .corrupt(Z_STREAM_ERROR) }  // next member
                    stream.next_in = UnsafeMutablePointer(mutating: base + offset)
                    stream.avail_in = uInt(Swift.min(rest.count, 1 << 30))
                    consumed = offset + Int(stream.avail_in)
                default:
                    return .corrupt(result)
                }
            }
        }
        let position = "byte \(Int(stream.total_in))"
        switch outcome {
        case .finished:
            return output
        case .truncated:
            throw DataError(.badCompression, file: file, position: "byte \(data.count)",
                            "the gzip stream is truncated (ends after \(data.count) bytes)")
        case .tooLarge:
            throw DataError(.badCompression, file: file, position: position,
                            "the gzip stream inflates past the limit of \(sizeLimit) bytes (sizeLimit)")
        case .trailingBytes(let offset):
            throw DataError(.badCompression, file: file, position: "byte \(offset)",
                            "\(data.count - offset) bytes after the end of the gzip stream are not a gzip member")
        case .corrupt(let status):
            let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw DataError(.badCompression, file: file, position: position, "the gzip stream is corrupt: \(reason)")
        }
    }

    /// `data` compressed in the gzip format.
    public static func compress(_ data: Data, level: Int32 = 6) -> Data {
        RawDeflate.deflate(data, level: level, windowBits: 16 + MAX_WBITS)
    }

    /// A file's bytes, decompressed when it is gzip.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - sizeLimit: The most bytes a gzip file may inflate to.
    public static func readFile(_ url: URL, sizeLimit: Int = defaultSizeLimit) throws -> Data {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError(.unreadable, file: url.path, "cannot read the file: \(error.localizedDescription)")
        }
        return isCompressed(data) ? try decompress(data, file: url.path, sizeLimit: sizeLimit) : data
    }
}
