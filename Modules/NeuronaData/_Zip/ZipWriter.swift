import Foundation

/// Writes a zip archive in memory: each entry stored or deflated, then the central directory.
///
/// The archive is the plain form every zip reader takes (no ZIP64, no data descriptors), so an
/// entry and the archive are limited to 4 GiB; larger ones throw rather than wrap around. Every
/// entry carries the same date, 1980-01-01 (zip's first), so that saving the same model twice gives
/// the same bytes.
package struct ZipWriter {
    private var archive = Data()
    private var directory = Data()
    private var count = 0

    package init() {}

    /// Adds a file called `name` holding `contents`.
    /// - Throws: ``ZipError`` when the entry or the archive would pass 4 GiB, or for a name zip cannot hold.
    package mutating func add(_ name: String, contents: Data, method: ZipArchive.Method = .deflated) throws {
        let nameBytes = Data(name.utf8)
        guard !nameBytes.isEmpty, nameBytes.count <= Int(UInt16.max) else { throw ZipError("\(name): a zip entry's name must be 1 to 65,535 bytes") }
        let stored = method == .deflated ? RawDeflate.deflate(contents) : contents
        let limit = Int(UInt32.max)
        guard contents.count < limit, stored.count < limit, archive.count + 30 + nameBytes.count + stored.count < limit,
              count < Int(UInt16.max) else {
            throw ZipError("\(name): the archive would pass 4 GiB or 65,535 entries, more than a zip without ZIP64 holds")
        }
        let offset = UInt32(archive.count)
        // The fields a local header and a directory entry share, from "version needed" to the name's length.
        var shared = Data()
        shared.appendLittleEndian(UInt16(20))                          // version needed: 2.0 (deflate)
        shared.appendLittleEndian(UInt16(1 << 11))                     // flags: the name is UTF-8
        shared.appendLittleEndian(method.rawValue)
        shared.appendLittleEndian(UInt16(0))                           // time 00:00
        shared.appendLittleEndian(UInt16(0x21))                        // date 1980-01-01
        shared.appendLittleEndian(RawDeflate.crc32(contents))
        shared.appendLittleEndian(UInt32(stored.count))
        shared.appendLittleEndian(UInt32(contents.count))
        shared.appendLittleEndian(UInt16(nameBytes.count))

        archive.appendLittleEndian(ZipSignature.localHeader)
        archive.append(shared)
        archive.appendLittleEndian(UInt16(0))                          // extra field length
        archive.append(nameBytes)
        archive.append(stored)

        directory.appendLittleEndian(ZipSignature.directoryEntry)
        directory.appendLittleEndian(UInt16(3 << 8 | 20))              // made by: Unix, zip 2.0
        directory.append(shared)
        directory.appendLittleEndian(UInt16(0))                        // extra field length
        directory.appendLittleEndian(UInt16(0))                        // comment length
        directory.appendLittleEndian(UInt16(0))                        // disk
        directory.appendLittleEndian(UInt16(0))                        // internal attributes
        directory.appendLittleEndian(UInt32(0o100644) << 16)           // external: a regular file, rw-r--r--
        directory.appendLittleEndian(offset)
        directory.append(nameBytes)
        count += 1
    }

    /// The archive's bytes: the entries added so far, then the directory and the end record.
    /// - Throws: ``ZipError`` when the directory would pass 4 GiB.
    package func bytes() throws -> Data {
        guard archive.count + directory.count + 22 < Int(UInt32.max) else {
            throw ZipError("the archive would pass 4 GiB, more than a zip without ZIP64 holds")
        }
        var bytes = archive
        bytes.append(directory)
        bytes.appendLittleEndian(ZipSignature.endRecord)
        bytes.appendLittleEndian(UInt16(0))                            // this disk
        bytes.appendLittleEndian(UInt16(0))                            // the directory's disk
        bytes.appendLittleEndian(UInt16(count))                        // entries on this disk
        bytes.appendLittleEndian(UInt16(count))                        // entries in all
        bytes.appendLittleEndian(UInt32(directory.count))
        bytes.appendLittleEndian(UInt32(archive.count))
        bytes.appendLittleEndian(UInt16(0))                            // comment length
        return bytes
    }
}

private extension Data {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
