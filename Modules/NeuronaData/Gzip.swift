import CZlib
import Foundation

/// Gzip decompression through zlib, for `.gz` data files.
public enum Gzip {
    /// Whether `data` starts with the gzip magic bytes (1f 8b).
    public static func isCompressed(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b
    }

    /// The bytes a gzip stream holds. Throws ``DataError`` (naming `file` and the byte offset)
    /// for a truncated or corrupt stream.
    public static func decompress(_ data: Data, file: String) throws -> Data {
        var stream = z_stream()
        // 16 + MAX_WBITS: expect a gzip header.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DataError(.badCompression, file: file, "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        // The last four bytes of a gzip file give the uncompressed size (mod 2³²): reserve it
        // so that the output does not grow by copying.
        var output = Data()
        if data.count >= 18 {
            let t = data.suffix(4).map(Int.init)
            let hint = t[0] | t[1] << 8 | t[2] << 16 | t[3] << 24
            if hint > 0 && hint < 1 << 31 { output.reserveCapacity(hint) }
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        let status: Int32 = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int32 in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            var result: Int32 = Z_OK
            repeat {
                result = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    let r = inflate(&stream, Z_NO_FLUSH)
                    output.append(buffer.baseAddress!, count: buffer.count - Int(stream.avail_out))
                    return r
                }
            } while result == Z_OK
            return result
        }
        switch status {
        case Z_STREAM_END:
            return output
        case Z_BUF_ERROR:
            throw DataError(.badCompression, file: file, position: "byte \(data.count)",
                            "the gzip stream is truncated (ends after \(data.count) bytes)")
        default:
            let consumed = Int(stream.total_in)
            let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
            throw DataError(.badCompression, file: file, position: "byte \(consumed)", "the gzip stream is corrupt: \(reason)")
        }
    }

    /// `data` compressed in the gzip format.
    public static func compress(_ data: Data, level: Int32 = 6) -> Data {
        var stream = z_stream()
        precondition(deflateInit2_(&stream, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK, "gzip: zlib could not start")
        defer { deflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            var result: Int32 = Z_OK
            repeat {
                result = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    let r = deflate(&stream, Z_FINISH)
                    output.append(buffer.baseAddress!, count: buffer.count - Int(stream.avail_out))
                    return r
                }
            } while result == Z_OK
        }
        return output
    }

    /// A file's bytes, decompressed when it is gzip.
    public static func readFile(_ url: URL) throws -> Data {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError(.unreadable, file: url.path, "cannot read the file: \(error.localizedDescription)")
        }
        return isCompressed(data) ? try decompress(data, file: url.path) : data
    }
}
