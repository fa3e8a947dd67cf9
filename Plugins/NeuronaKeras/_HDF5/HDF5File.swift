/// An HDF5 file's bytes and what its superblock says about reading them: the sizes of its
/// addresses and lengths, and where the root group's object header is.
///
/// Versions read: 0 and 1 (what h5py and Keras write by default, and libhdf5's defaults), 2 and 3
/// (libhdf5's `latest` format). The superblock must be at the start of the file (no user block)
/// with a base address of 0, as h5py writes it.
final class HDF5File {
    static let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

    let bytes: [UInt8]
    private(set) var sizeOfOffsets = 8
    private(set) var sizeOfLengths = 8
    private(set) var superblockVersion = 0
    /// The root group's object header.
    private(set) var rootAddress = 0
    /// HDF5's undefined address: every bit of an address set.
    var undefinedAddress: UInt64 { sizeOfOffsets == 8 ? .max : (1 << UInt64(8 * sizeOfOffsets)) - 1 }

    /// Reads the superblock of `bytes`.
    /// - Throws: ``HDF5Error`` when the bytes are not HDF5 or the superblock is one this reader
    ///   does not read.
    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        guard bytes.count >= Self.signature.count, bytes.prefix(Self.signature.count).elementsEqual(Self.signature) else {
            throw HDF5Error(bytes.isEmpty ? "the file is empty" : "not an HDF5 file (no HDF5 signature at its start)")
        }
        var cursor = try HDF5Cursor(self, at: 8, part: "the superblock")
        superblockVersion = Int(try cursor.byte())
        switch superblockVersion {
        case 0, 1:
            try cursor.skip(3)                      // free-space, root symbol table and shared header versions
            try cursor.skip(1)                      // reserved
            try readSizes(&cursor)
            try cursor.skip(1)                      // reserved
            try cursor.skip(2 + 2 + 4)              // group leaf and internal K, consistency flags
            if superblockVersion == 1 { try cursor.skip(4) }    // chunked storage K, reserved
            try readBaseAddress(&cursor)
            try cursor.skip(3 * sizeOfOffsets)      // free-space info, end of file, driver info
            // The root group's symbol-table entry: its name's heap offset, then its object header.
            try cursor.skip(sizeOfOffsets)
            guard let root = try cursor.address("the root group's object header") else {
                throw HDF5Error("the superblock gives the root group no object header")
            }
            rootAddress = root
        case 2, 3:
            try readSizes(&cursor)
            try cursor.skip(1)                      // file consistency flags
            try readBaseAddress(&cursor)
            try cursor.skip(2 * sizeOfOffsets)      // superblock extension, end of file
            guard let root = try cursor.address("the root group's object header") else {
                throw HDF5Error("the superblock gives the root group no object header")
            }
            rootAddress = root
        default:
            throw HDF5Error("superblock version \(superblockVersion) not supported (versions 0 to 3 are)")
        }
    }

    private func readSizes(_ cursor: inout HDF5Cursor) throws {
        let offsets = Int(try cursor.byte()), lengths = Int(try cursor.byte())
        guard [2, 4, 8].contains(offsets), [2, 4, 8].contains(lengths) else {
            throw HDF5Error("the superblock declares \(offsets)-byte addresses and \(lengths)-byte lengths (2, 4 or 8 are valid)")
        }
        sizeOfOffsets = offsets
        sizeOfLengths = lengths
    }

    private func readBaseAddress(_ cursor: inout HDF5Cursor) throws {
        let base = try cursor.unsigned(sizeOfOffsets)
        guard base == 0 else { throw HDF5Error("the superblock's base address is 0x\(String(base, radix: 16)); only 0 (no user block) is supported") }
    }
}
