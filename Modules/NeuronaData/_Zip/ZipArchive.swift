import Foundation

/// A zip archive in a file or in memory: its central directory, read and checked when the
/// archive is opened, and each entry's bytes on demand.
///
/// Neurona reads two zip formats that Python writes: `torch.save`'s checkpoints (stored entries,
/// ZIP64 for large ones) and Keras's `.keras` files (deflated entries). An archive from outside
/// is untrusted, so every offset and size the end record and the directory give (their ZIP64
/// forms included) must lie inside the file before it is used, an entry is read only up to the
/// size its header declares and no further than its method can make of its stored bytes, and its
/// CRC-32 is compared with the header's. Anything else throws ``ZipError``.
package struct ZipArchive {
    /// How an entry's bytes are stored: the two methods Python's `zipfile` writes.
    package enum Method: UInt16, Sendable {
        case stored = 0
        case deflated = 8
    }

    /// One file of the archive, as the central directory describes it.
    package struct Entry: Equatable, Sendable {
        /// Its path inside the archive (`archive/data.pkl`); folders end with `/`.
        package let name: String
        /// How its bytes are stored; nil for a method Neurona does not read.
        package let method: Method?
        /// The method's number in the header (for the error that names an unknown one).
        let methodCode: UInt16
        /// The bytes it takes in the file.
        package let compressedSize: UInt64
        /// The bytes it holds.
        package let uncompressedSize: UInt64
        /// The CRC-32 of the bytes it holds.
        package let checksum: UInt32
        /// Whether it is encrypted (general-purpose flag bit 0).
        let isEncrypted: Bool
        /// Where its local header starts.
        let localHeaderOffset: UInt64

        /// Whether it is a folder rather than a file.
        package var isDirectory: Bool { name.hasSuffix("/") }
    }

    /// Deflate's largest expansion: 1032 output bytes per input byte. An entry that declares
    /// more is a corrupt header or a zip bomb.
    package static let largestDeflateRatio: UInt64 = 1032

    /// Every entry, in the directory's order.
    package let entries: [Entry]
    private let source: Source
    private let fileSize: UInt64

    /// Where the archive's bytes are: a file, opened for each read, or bytes in memory.
    private enum Source {
        case file(URL)
        case memory(Data)

        func open() throws -> ZipFile {
            switch self {
            case .file(let url): return try ZipFile(url)
            case .memory(let bytes): return ZipFile(bytes)
            }
        }
    }

    /// Opens the archive in the file at `url` and reads its central directory.
    /// - Throws: ``ZipError`` when the file cannot be read or its directory does not hold together.
    package init(contentsOf url: URL) throws {
        try self.init(.file(url))
    }

    /// Reads the central directory of the archive `bytes` holds.
    /// - Throws: ``ZipError`` when its directory does not hold together.
    package init(bytes: Data) throws {
        try self.init(.memory(bytes))
    }

    private init(_ source: Source) throws {
        let file = try source.open()
        defer { file.close() }
        self.source = source
        fileSize = file.size
        entries = try Self.readDirectory(file)
        var seen = Set<String>()
        for entry in entries where !seen.insert(entry.name).inserted {
            throw ZipError("a damaged zip directory: \(entry.name) appears twice")
        }
    }

    /// The entry called `name`, or nil.
    package subscript(name: String) -> Entry? { entries.first { $0.name == name } }

    /// The bytes `entry` holds, checked against its declared size and CRC-32.
    /// - Parameters:
    ///   - entry: One of ``entries``.
    ///   - zeroChecksumIsUnwritten: Whether a CRC-32 of 0 means the writer left it out, as
    ///     torch.save does under `torch.serialization.set_crc32_options(False)`, which `torch.load`
    ///     reads; such an entry is read without the comparison (its sizes are still checked).
    /// - Throws: ``ZipError`` naming the entry.
    package func contents(of entry: Entry, zeroChecksumIsUnwritten: Bool = false) throws -> Data {
        let name = entry.name
        guard !entry.isEncrypted else { throw ZipError("\(name) is encrypted") }
        guard let method = entry.method else {
            throw ZipError("\(name) uses compression method \(entry.methodCode); only stored (0) and deflated (8) entries are read")
        }
        let limit = method == .stored ? entry.compressedSize
                                      : entry.compressedSize.multipliedReportingOverflow(by: Self.largestDeflateRatio).partialValue
        guard entry.uncompressedSize <= limit, entry.uncompressedSize <= UInt64(Int.max - 1) else {
            throw ZipError("\(name) declares \(entry.uncompressedSize) bytes from \(entry.compressedSize) stored, more than they can hold")
        }
        let file = try source.open()
        defer { file.close() }
        guard file.size == fileSize else { throw ZipError("the file changed size while it was read") }
        guard let header = file.read(entry.localHeaderOffset, 30), header.uint32(at: 0) == ZipSignature.localHeader else {
            throw ZipError("\(name): no local header where the directory says (byte \(entry.localHeaderOffset))")
        }
        let dataOffset = entry.localHeaderOffset + 30 + UInt64(header.uint16(at: 26)) + UInt64(header.uint16(at: 28))
        guard let stored = file.read(dataOffset, entry.compressedSize) else {
            throw ZipError("\(name): its \(entry.compressedSize) bytes at \(dataOffset) run past the end of the file")
        }
        let bytes: Data
        switch method {
        case .stored:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw ZipError("\(name) is stored in \(entry.compressedSize) bytes but declares \(entry.uncompressedSize)")
            }
            bytes = stored
        case .deflated:
            bytes = try RawDeflate.inflate(stored, size: Int(entry.uncompressedSize), name: name)
        }
        guard (zeroChecksumIsUnwritten && entry.checksum == 0) || RawDeflate.crc32(bytes) == entry.checksum else {
            throw ZipError("\(name) is corrupt (its CRC-32 does not match its header's)")
        }
        return bytes
    }

    // MARK: - The central directory

    /// The entries of the directory the end record points to.
    private static func readDirectory(_ file: ZipFile) throws -> [Entry] {
        // The end record is in the last 22 + 65,535 bytes (its comment is at most 65,535 long);
        // the nearest to the end is the archive's, as Python's zipfile takes it.
        let tailLength = min(file.size, 22 + 65_535)
        guard tailLength >= 22, let tail = file.read(file.size - tailLength, tailLength) else {
            throw ZipError("no zip directory: the file is too short to be a zip archive")
        }
        guard let position = stride(from: tail.count - 22, through: 0, by: -1).first(where: { tail.uint32(at: $0) == ZipSignature.endRecord }) else {
            throw ZipError("no zip directory (no end-of-central-directory record: truncated, or not a zip file)")
        }
        let recordOffset = file.size - tailLength + UInt64(position)
        guard tail.uint16(at: position + 4) == 0, tail.uint16(at: position + 6) == 0 else {
            throw ZipError("a damaged zip directory: the archive spans several disks")
        }
        var count = UInt64(tail.uint16(at: position + 10))
        var directorySize = UInt64(tail.uint32(at: position + 12))
        var directoryOffset = UInt64(tail.uint32(at: position + 16))
        // A ZIP64 end record, found through the locator just before the end record.
        if recordOffset >= 20, let locator = file.read(recordOffset - 20, 20), locator.uint32(at: 0) == ZipSignature.zip64Locator {
            let zip64Offset = locator.uint64(at: 8)
            guard let record = file.read(zip64Offset, 56), record.uint32(at: 0) == ZipSignature.zip64EndRecord else {
                throw ZipError("a damaged zip directory: its ZIP64 end record lies outside the file")
            }
            count = record.uint64(at: 32)
            directorySize = record.uint64(at: 40)
            directoryOffset = record.uint64(at: 48)
        }
        guard directoryOffset <= file.size, directorySize <= file.size - directoryOffset else {
            throw ZipError("a damaged zip directory: its central directory (\(directorySize) bytes at \(directoryOffset)) "
                           + "lies outside the file of \(file.size) bytes")
        }
        guard count <= directorySize / 46 else {
            throw ZipError("a damaged zip directory: \(count) entries cannot fit a central directory of \(directorySize) bytes")
        }
        guard let directory = file.read(directoryOffset, directorySize) else {
            throw ZipError("a damaged zip directory: its central directory cannot be read")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(Int(count))
        var offset = 0
        for index in 0..<Int(count) {
            let entry = try readEntry(directory, at: &offset, index: index, fileSize: file.size)
            entries.append(entry)
        }
        return entries
    }

    /// The directory entry at `offset` (moved past it), its data checked to lie inside the file.
    private static func readEntry(_ directory: Data, at offset: inout Int, index: Int, fileSize: UInt64) throws -> Entry {
        func damaged(_ problem: String) -> ZipError { ZipError("a damaged zip directory: central directory entry \(index) \(problem)") }
        guard offset + 46 <= directory.count, directory.uint32(at: offset) == ZipSignature.directoryEntry else {
            throw damaged("is not where the directory says")
        }
        let flags = directory.uint16(at: offset + 8), methodCode = directory.uint16(at: offset + 10)
        let checksum = directory.uint32(at: offset + 16)
        var compressed = UInt64(directory.uint32(at: offset + 20)), uncompressed = UInt64(directory.uint32(at: offset + 24))
        var localHeader = UInt64(directory.uint32(at: offset + 42))
        let nameLength = Int(directory.uint16(at: offset + 28)), extraLength = Int(directory.uint16(at: offset + 30))
        let commentLength = Int(directory.uint16(at: offset + 32))
        guard offset + 46 + nameLength + extraLength + commentLength <= directory.count else { throw damaged("runs past the directory") }
        let nameBytes = directory.subdata(in: directory.startIndex + offset + 46 ..< directory.startIndex + offset + 46 + nameLength)
        // The ZIP64 extra field (id 1) holds the 8-byte values whose 4-byte fields are all ones, in this order.
        var extra = offset + 46 + nameLength
        let extraEnd = extra + extraLength
        while extra + 4 <= extraEnd {
            let id = directory.uint16(at: extra), length = Int(directory.uint16(at: extra + 2))
            guard extra + 4 + length <= extraEnd else { throw damaged("has a broken extra field") }
            if id == 1 {
                var field = extra + 4
                let end = field + length
                func widen(_ value: inout UInt64) -> Bool {
                    guard value == 0xFFFF_FFFF else { return true }
                    guard field + 8 <= end else { return false }
                    value = directory.uint64(at: field)
                    field += 8
                    return true
                }
                guard widen(&uncompressed), widen(&compressed), widen(&localHeader) else { throw damaged("has a short ZIP64 field") }
            }
            extra += 4 + length
        }
        guard localHeader <= fileSize, fileSize - localHeader >= 30, compressed <= fileSize - localHeader - 30 else {
            throw damaged("has its data (\(compressed) bytes at \(localHeader)) outside the file")
        }
        guard uncompressed <= UInt64(Int64.max) else { throw damaged("claims \(uncompressed) bytes") }
        offset += 46 + nameLength + extraLength + commentLength
        return Entry(name: String(decoding: nameBytes, as: UTF8.self), method: Method(rawValue: methodCode), methodCode: methodCode,
                     compressedSize: compressed, uncompressedSize: uncompressed, checksum: checksum,
                     isEncrypted: flags & 1 != 0, localHeaderOffset: localHeader)
    }
}

/// The four-byte signatures that open a zip archive's records.
enum ZipSignature {
    static let localHeader: UInt32 = 0x0403_4b50
    static let directoryEntry: UInt32 = 0x0201_4b50
    static let endRecord: UInt32 = 0x0605_4b50
    static let zip64EndRecord: UInt32 = 0x0606_4b50
    static let zip64Locator: UInt32 = 0x0706_4b50
}

/// An open zip archive read at offsets, each read checked to lie inside it.
private struct ZipFile {
    private let handle: FileHandle?
    private let bytes: Data
    let size: UInt64

    /// The file at `url`.
    init(_ url: URL) throws {
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw ZipError("cannot open the file") }
        guard let size = try? handle.seekToEnd() else {
            try? handle.close()
            throw ZipError("cannot read the file's size")
        }
        self.handle = handle
        self.size = size
        bytes = Data()
    }

    /// Bytes in memory.
    init(_ bytes: Data) {
        handle = nil
        self.bytes = bytes
        size = UInt64(bytes.count)
    }

    /// `count` bytes at `offset`, or nil when they are not all inside the archive.
    func read(_ offset: UInt64, _ count: UInt64) -> Data? {
        guard offset <= size, count <= size - offset, count <= UInt64(Int.max) else { return nil }
        guard count > 0 else { return Data() }
        guard let handle else { return bytes.subdata(in: bytes.startIndex + Int(offset) ..< bytes.startIndex + Int(offset + count)) }
        guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.read(upToCount: Int(count)),
              data.count == Int(count) else { return nil }
        return data
    }

    func close() { try? handle?.close() }
}

fileprivate extension Data {
    /// The little-endian integers zip records are made of, at `offset` from the start.
    func uint16(at offset: Int) -> UInt16 {
        UInt16(self[startIndex + offset]) | UInt16(self[startIndex + offset + 1]) << 8
    }

    func uint32(at offset: Int) -> UInt32 {
        UInt32(uint16(at: offset)) | UInt32(uint16(at: offset + 2)) << 16
    }

    func uint64(at offset: Int) -> UInt64 {
        UInt64(uint32(at: offset)) | UInt64(uint32(at: offset + 4)) << 32
    }
}
