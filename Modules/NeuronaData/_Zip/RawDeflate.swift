import CSystemZlib
import Foundation
import NeuronaCore

/// Deflate without a wrapper (zlib's negative window bits), the form a zip entry stores.
package enum RawDeflate {
    /// zlib counts bytes in 32-bit units: input and output are fed in pieces of at most this.
    private static let piece = 1 << 30

    /// `data` deflated, by default at zlib's default level and without a wrapper; `windowBits`
    /// `16 + MAX_WBITS` gives the gzip format instead (``Gzip/compress(_:level:)``).
    package static func deflate(_ data: Data, level: Int32 = Z_DEFAULT_COMPRESSION, windowBits: Int32 = -MAX_WBITS) -> Data {
        var stream = z_stream()
        let started = deflateInit2_(&stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY,
                                    ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        checkPrecondition(started == Z_OK, "deflate: zlib could not start (level \(level), window bits \(windowBits), status \(started))")
        defer { deflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            let base = input.bindMemory(to: Bytef.self).baseAddress
            var consumed = 0
            var result = Z_OK
            repeat {
                if stream.avail_in == 0, consumed < input.count, let base {
                    let count = min(input.count - consumed, piece)
                    stream.next_in = UnsafeMutablePointer(mutating: base + consumed)
                    stream.avail_in = uInt(count)
                    consumed += count
                }
                let flush = consumed == input.count ? Z_FINISH : Z_NO_FLUSH
                result = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    let status = CSystemZlib.deflate(&stream, flush)
                    output.append(buffer.baseAddress!, count: buffer.count - Int(stream.avail_out))
                    return status
                }
            } while result == Z_OK || result == Z_BUF_ERROR
            checkPrecondition(result == Z_STREAM_END, "deflate: zlib stopped with status \(result)")
        }
        return output
    }

    /// The `size` bytes that `data` inflates to; a stream that ends early, inflates to more,
    /// runs past its own end or is corrupt throws ``ZipError`` (`name` names the entry).
    package static func inflate(_ data: Data, size: Int, name: String) throws -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipError("\(name): zlib could not start")
        }
        defer { inflateEnd(&stream) }
        // One byte more than declared: filling it means the entry is longer than its header says.
        var output = Data(count: size + 1)
        let result: Int32 = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int32 in
            output.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) -> Int32 in
                let inBase = input.bindMemory(to: Bytef.self).baseAddress
                let outBase = out.bindMemory(to: Bytef.self).baseAddress!
                var consumed = 0, produced = 0
                while true {
                    if stream.avail_in == 0, consumed < input.count, let inBase {
                        let count = min(input.count - consumed, piece)
                        stream.next_in = UnsafeMutablePointer(mutating: inBase + consumed)
                        stream.avail_in = uInt(count)
                        consumed += count
                    }
                    if stream.avail_out == 0, produced < out.count {
                        let count = min(out.count - produced, piece)
                        stream.next_out = outBase + produced
                        stream.avail_out = uInt(count)
                        produced += count
                    }
                    let before = (stream.avail_in, stream.avail_out)
                    let status = CSystemZlib.inflate(&stream, Z_NO_FLUSH)
                    if status == Z_STREAM_END || (status != Z_OK && status != Z_BUF_ERROR) { return status }
                    // No progress with input and room left to give: the stream stops short.
                    if (stream.avail_in, stream.avail_out) == before, consumed == input.count || produced == out.count {
                        return Z_BUF_ERROR
                    }
                }
            }
        }
        let inflated = Int(stream.total_out)
        if inflated > size { throw ZipError("\(name) inflates to more than the \(size) bytes its header says") }
        switch result {
        case Z_STREAM_END where inflated == size:
            guard Int(stream.total_in) == data.count else {
                throw ZipError("\(name) holds \(data.count - Int(stream.total_in)) bytes after the end of its deflate stream")
            }
            return output.prefix(size)
        case Z_STREAM_END:
            throw ZipError("\(name) inflates to \(inflated) bytes, its header says \(size)")
        case Z_BUF_ERROR:
            throw ZipError("\(name) is truncated (its deflate stream stops after \(inflated) of \(size) bytes)")
        default:
            let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(result)"
            throw ZipError("\(name) is corrupt (\(detail))")
        }
    }

    /// The CRC-32 of `data`, as zip headers give it.
    package static func crc32(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> UInt32 in
            var crc = CSystemZlib.crc32(0, nil, 0)
            var offset = 0
            while offset < bytes.count {
                let count = min(bytes.count - offset, piece)
                crc = CSystemZlib.crc32(crc, bytes.baseAddress!.assumingMemoryBound(to: Bytef.self) + offset, uInt(count))
                offset += count
            }
            return UInt32(crc)
        }
    }
}
