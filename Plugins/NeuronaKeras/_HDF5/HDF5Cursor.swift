/// A bounds-checked reader over one structure of an HDF5 file: every read checks that it stays
/// inside ``end`` (the end of the file, or of the structure when its size is known), and fails
/// with an ``HDF5Error`` naming ``part`` and where it started, never reading outside the bytes.
///
/// HDF5 stores numbers little-endian; addresses and lengths take the sizes the superblock
/// declares (``HDF5File/sizeOfOffsets``, ``HDF5File/sizeOfLengths``).
struct HDF5Cursor {
    let file: HDF5File
    /// What is being read, for messages (`object header at 0x60`).
    let part: String
    private(set) var position: Int
    /// One past the last byte this structure may read.
    let end: Int

    /// A cursor over `part`, from `start` to the end of the file, or to `start + length` when the
    /// structure's size is known (itself checked against the file).
    init(_ file: HDF5File, at start: Int, length: Int? = nil, part: String) throws {
        self.file = file
        self.part = part
        guard start >= 0, start <= file.bytes.count else {
            throw HDF5Error("\(part) is at \(HDF5Error.hex(start)), past the end of the file (\(file.bytes.count) bytes)")
        }
        position = start
        if let length {
            guard length >= 0, length <= file.bytes.count - start else {
                throw HDF5Error("\(part) (\(length) bytes) runs past the end of the file (\(file.bytes.count) bytes)")
            }
            end = start + length
        } else {
            end = file.bytes.count
        }
    }

    var remaining: Int { end - position }

    /// Checks that `count` more bytes are there.
    private func require(_ count: Int) throws {
        guard count >= 0, count <= end - position else {
            let limit = end == file.bytes.count ? "the end of the file (\(file.bytes.count) bytes)" : "its end at \(HDF5Error.hex(end))"
            throw HDF5Error("\(part) runs past \(limit) (reading \(count) bytes at \(HDF5Error.hex(position)))")
        }
    }

    mutating func skip(_ count: Int) throws {
        try require(count)
        position += count
    }

    mutating func byte() throws -> UInt8 {
        try require(1)
        defer { position += 1 }
        return file.bytes[position]
    }

    /// A little-endian unsigned number of `size` bytes (1 to 8).
    mutating func unsigned(_ size: Int) throws -> UInt64 {
        try require(size)
        var value: UInt64 = 0
        for i in 0..<size { value |= UInt64(file.bytes[position + i]) << (8 * UInt64(i)) }
        position += size
        return value
    }

    mutating func uint16() throws -> Int { Int(try unsigned(2)) }
    mutating func uint32() throws -> Int { Int(try unsigned(4)) }

    /// The next `count` bytes.
    mutating func bytes(_ count: Int) throws -> ArraySlice<UInt8> {
        try require(count)
        defer { position += count }
        return file.bytes[position..<position + count]
    }

    /// Checks a structure's 4-byte signature (`TREE`, `HEAP`, `SNOD`, `OHDR`).
    mutating func signature(_ expected: String) throws {
        let found = try bytes(4)
        guard found.elementsEqual(expected.utf8) else {
            throw HDF5Error("\(part) has no \(expected) signature (found \(found.map { String(format: "%02x", $0) }.joined()))")
        }
    }

    /// An address (``HDF5File/sizeOfOffsets`` bytes): `nil` for HDF5's undefined address (all
    /// bits set); otherwise it must point inside the file, as `what` says.
    mutating func address(_ what: String) throws -> Int? {
        let raw = try unsigned(file.sizeOfOffsets)
        if raw == file.undefinedAddress { return nil }
        guard raw < UInt64(file.bytes.count) else {
            throw HDF5Error("\(part): \(what) points to 0x\(String(raw, radix: 16)), past the end of the file (\(file.bytes.count) bytes)")
        }
        return Int(raw)
    }

    /// A length (``HDF5File/sizeOfLengths`` bytes), at most `limit` (what the file can hold).
    mutating func length(_ what: String, limit: Int) throws -> Int {
        let raw = try unsigned(file.sizeOfLengths)
        guard raw <= UInt64(limit) else {
            throw HDF5Error("\(part): \(what) is \(raw), more than the \(limit) bytes the file can hold there")
        }
        return Int(raw)
    }
}
