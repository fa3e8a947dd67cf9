import Foundation

/// Reads the regular files of a tar archive (POSIX ustar, with GNU long names and pax
/// `path` records), as data sets are published (`cifar-10-binary.tar.gz`: decompress it with
/// ``Gzip`` first).
///
/// Every header is checked before it is believed: its checksum, its size (octal or GNU base-256,
/// never past the archive's end), its name. Directories, links and other special entries are
/// skipped; nothing is written to disk, so a name like `../x` cannot escape a folder.
///
/// ```swift
/// let files = try TarArchive.regularFiles(in: Gzip.readFile(url), file: url.path)
/// files.map(\.name)   // ["cifar-10-batches-bin/data_batch_1.bin", …]
/// ```
public enum TarArchive {
    /// One regular file of an archive.
    public struct Entry: Sendable, Equatable {
        /// The path inside the archive (`cifar-10-batches-bin/test_batch.bin`).
        public var name: String
        /// The file's bytes.
        public var contents: Data
    }

    /// The size of a header and the unit every entry's contents are padded to.
    static let blockSize = 512

    /// The regular files of the archive `data`, in the archive's order.
    ///
    /// - Parameters:
    ///   - data: The archive's bytes (uncompressed).
    ///   - file: Names the archive in errors.
    /// - Throws: ``DataError`` of kind `badArchive` naming `file` and the byte of the header at
    ///   fault: a wrong header checksum, a size that is no number or runs past the archive's end,
    ///   an archive that ends inside a header.
    public static func regularFiles(in data: Data, file: String) throws -> [Entry] {
        let bytes = [UInt8](data)
        var entries: [Entry] = []
        var offset = 0
        var pendingName: String?   // from a GNU long-name entry or a pax header, for the next entry
        while offset < bytes.count {
            guard offset + blockSize <= bytes.count else {
                throw DataError(.badArchive, file: file, position: "byte \(offset)",
                                "the archive ends inside a header (\(bytes.count - offset) of its \(blockSize) bytes)")
            }
            let header = bytes[offset..<(offset + blockSize)]
            if header.allSatisfy({ $0 == 0 }) { break }   // the end-of-archive marker
            try checkChecksum(header, offset: offset, file: file)
            let size = try number(header, from: 124, length: 12, field: "size", offset: offset, file: file)
            let start = offset + blockSize
            guard size <= bytes.count - start else {
                throw DataError(.badArchive, file: file, position: "byte \(offset)",
                                "an entry of \(size) bytes runs past the archive's end (\(bytes.count - start) bytes left)")
            }
            let contents = bytes[start..<(start + size)]
            let name = pendingName ?? headerName(header)
            switch header[header.startIndex + 156] {
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"):   // a regular file (7: contiguous, read as one)
                entries.append(Entry(name: name, contents: Data(contents)))
                pendingName = nil
            case UInt8(ascii: "L"):   // GNU: the next entry's long name
                pendingName = string(contents)
            case UInt8(ascii: "x"):   // pax: the next entry's attributes; only its path matters here
                pendingName = paxPath(contents) ?? pendingName
            default:                  // directories, links, devices, pax global headers
                pendingName = nil
            }
            // Contents are padded to whole blocks; `size` is at most the bytes left, so no overflow.
            offset = start + (size + blockSize - 1) / blockSize * blockSize
        }
        return entries
    }

    /// The header's name: `prefix/name` for ustar headers with a prefix.
    private static func headerName(_ header: ArraySlice<UInt8>) -> String {
        let base = header.startIndex
        let name = string(header[base..<(base + 100)])
        let isUstar = header[(base + 257)..<(base + 262)].elementsEqual("ustar".utf8)
        let prefix = isUstar ? string(header[(base + 345)..<(base + 500)]) : ""
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    /// Checks the header's checksum: the sum of its bytes with the checksum field read as spaces.
    private static func checkChecksum(_ header: ArraySlice<UInt8>, offset: Int, file: String) throws {
        let stored = try number(header, from: 148, length: 8, field: "checksum", offset: offset, file: file)
        var sum = 0
        for (index, byte) in header.enumerated() {
            sum += (148..<156).contains(index) ? Int(UInt8(ascii: " ")) : Int(byte)
        }
        guard sum == stored else {
            throw DataError(.badArchive, file: file, position: "byte \(offset)",
                            "header checksum \(stored), the header's bytes sum to \(sum): not a tar header, or a damaged one")
        }
    }

    /// A numeric field: octal digits ended by a space or NUL, or GNU's base-256 (high bit set).
    private static func number(_ header: ArraySlice<UInt8>, from start: Int, length: Int, field: String,
                               offset: Int, file: String) throws -> Int {
        let bytes = header[(header.startIndex + start)..<(header.startIndex + start + length)]
        let bad = { DataError(.badArchive, file: file, position: "byte \(offset + start)",
                              "the header's \(field) field is not a number: \(Array(bytes))") }
        if let first = bytes.first, first & 0x80 != 0 {
            // Base-256, big-endian; sizes past Int.max (or negative ones) cannot be in memory anyway.
            guard length > 8, first == 0x80, bytes.dropFirst().prefix(length - 1 - 8).allSatisfy({ $0 == 0 }) else { throw bad() }
            var value: UInt64 = 0
            for byte in bytes.suffix(8) { value = value << 8 | UInt64(byte) }
            guard value <= UInt64(Int.max) else { throw bad() }
            return Int(value)
        }
        let digits = bytes.drop { $0 == UInt8(ascii: " ") }.prefix { $0 != 0 && $0 != UInt8(ascii: " ") }
        guard !digits.isEmpty, digits.count <= 21, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) }),
              let value = Int(String(decoding: digits, as: UTF8.self), radix: 8) else { throw bad() }
        return value
    }

    /// The bytes up to the first NUL, as UTF-8.
    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// The `path` of a pax extended header (records `"<length> <key>=<value>\n"`), if any.
    private static func paxPath(_ contents: ArraySlice<UInt8>) -> String? {
        let text = string(contents)
        for record in text.split(separator: "\n") {
            guard let space = record.firstIndex(of: " ") else { continue }
            let pair = record[record.index(after: space)...]
            if pair.hasPrefix("path=") { return String(pair.dropFirst(5)) }
        }
        return nil
    }
}
