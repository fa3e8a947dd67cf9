/// The links of a "new-style" group (libhdf5's `latest` format): link messages in the group's
/// own header ("compact" storage). Dense storage (a fractal heap and a version 2 B-tree, for
/// groups of many links in that format) is refused with its own error: neither h5py's defaults
/// nor Keras write it.
enum HDF5LinkMessages {
    /// The group's hard links, name → object header address.
    /// - Parameter group: The group's path, for messages.
    static func links(of header: HDF5ObjectHeader, in file: HDF5File, group: String) throws -> [(name: String, address: Int)] {
        let part = "group \(group)"
        for info in header.messages(HDF5ObjectHeader.MessageType.linkInfo) {
            var body = try header.cursor(info, in: file, part: "\(part): its link info message")
            try body.skip(1)                        // version
            let flags = try body.byte()
            if flags & 0x01 != 0 { try body.skip(8) }          // the largest creation index
            if try body.address("the fractal heap") != nil {
                throw HDF5Error("\(part): dense link storage not supported (only symbol tables and compact links are)")
            }
        }
        return try header.messages(HDF5ObjectHeader.MessageType.link).map { message in
            var body = try header.cursor(message, in: file, part: "\(part): a link message")
            let version = try body.byte()
            guard version == 1 else { throw HDF5Error("\(body.part) has version \(version) (1 is supported)") }
            let flags = try body.byte()
            let type = flags & 0x08 != 0 ? try body.byte() : 0
            if flags & 0x04 != 0 { try body.skip(8) }          // creation order
            if flags & 0x10 != 0 { try body.skip(1) }          // character set
            let length = Int(try body.unsigned(1 << Int(flags & 0x03)))
            guard let name = String(validating: try body.bytes(length), as: UTF8.self), !name.isEmpty, !name.contains("/") else {
                throw HDF5Error("\(body.part) has a name that is empty, not UTF-8, or holds a /")
            }
            guard type == 0 else {
                throw HDF5Error("\(part): the link \(name) is a soft or external link (type \(type)); only hard links are supported")
            }
            guard let address = try body.address("the object of \(name)") else {
                throw HDF5Error("\(part): the link \(name) has no object")
            }
            return (name, address)
        }
    }
}
