/// An object's header: the list of its messages (what it is, its dataspace, datatype, layout,
/// links...), gathered from its first chunk and the chunks continuation messages point to.
///
/// Both header versions are read: version 1 (h5py's and libhdf5's default) and version 2
/// (`OHDR`, libhdf5's `latest` format; its checksums are not verified, every read being bounded
/// anyway). A continuation chunk reached twice, from its own header or another, is refused, so a
/// loop of continuations ends and no chunk is read twice.
struct HDF5ObjectHeader {
    /// One message: its type (``MessageType``), flags, and where its bytes are.
    struct Message {
        var type: Int
        var flags: UInt8
        var start: Int
        var size: Int

        /// HDF5's "shared" flag: the message's body is elsewhere (a shared datatype...), which
        /// files Keras writes never use.
        var isShared: Bool { flags & 0x02 != 0 }
    }

    /// The message types this reader looks at.
    enum MessageType {
        static let dataspace = 0x01
        static let linkInfo = 0x02
        static let datatype = 0x03
        static let link = 0x06
        static let fillValue = 0x05
        static let externalFiles = 0x07
        static let layout = 0x08
        static let filterPipeline = 0x0B
        static let continuation = 0x10
        static let symbolTable = 0x11
    }

    let address: Int
    private(set) var messages: [Message] = []

    /// The messages of `type`.
    func messages(_ type: Int) -> [Message] { messages.filter { $0.type == type } }

    /// A cursor over `message`'s bytes.
    func cursor(_ message: Message, in file: HDF5File, part: String) throws -> HDF5Cursor {
        try HDF5Cursor(file, at: message.start, length: message.size, part: part)
    }

    /// Reads the header at `address`.
    /// - Parameter visitedChunks: The continuation chunks read so far in the file.
    /// - Throws: ``HDF5Error`` naming the header's address when it, or a chunk, runs past the end
    ///   of the file, has an unknown version, or loops.
    init(in file: HDF5File, at address: Int, visitedChunks: inout Set<Int>) throws {
        self.address = address
        let part = "object header at \(HDF5Error.hex(address))"
        var header = try HDF5Cursor(file, at: address, part: part)
        var chunks: [(start: Int, length: Int)] = []
        let version: Int
        var creationOrderTracked = false
        guard address < file.bytes.count else { throw HDF5Error("\(part) is past the end of the file (\(file.bytes.count) bytes)") }
        if file.bytes[address] == 1 {
            version = 1
            try header.skip(1 + 1 + 2 + 4)          // version, reserved, message count, reference count
            let size = try header.uint32()
            try header.skip(4)                      // padding to 8 bytes
            chunks.append((header.position, size))
        } else {
            try header.signature("OHDR")
            version = Int(try header.byte())
            guard version == 2 else { throw HDF5Error("\(part) has version \(version) (1 and 2 are supported)") }
            let flags = try header.byte()
            creationOrderTracked = flags & 0x04 != 0
            if flags & 0x20 != 0 { try header.skip(16) }     // access, modification, change, birth times
            if flags & 0x10 != 0 { try header.skip(4) }      // attribute storage phase change
            let size = Int(try header.unsigned(1 << Int(flags & 0x03)))
            guard size <= header.remaining else {
                throw HDF5Error("\(part) declares a first chunk of \(size) bytes, past the end of the file (\(file.bytes.count) bytes)")
            }
            chunks.append((header.position, size))
        }
        var index = 0
        while index < chunks.count {
            let chunk = chunks[index]
            index += 1
            var cursor = try HDF5Cursor(file, at: chunk.start, length: chunk.length, part: part)
            // Version 1 headers: type (2), size (2), flags (1), reserved (3). Version 2: type (1),
            // size (2), flags (1), the creation order (2) when tracked. A shorter tail is a gap.
            let headerSize = version == 1 ? 8 : (creationOrderTracked ? 6 : 4)
            while cursor.remaining >= headerSize {
                let type = version == 1 ? try cursor.uint16() : Int(try cursor.byte())
                let size = try cursor.uint16()
                let flags = try cursor.byte()
                try cursor.skip(version == 1 ? 3 : headerSize - 4)    // reserved, or the creation order
                guard size <= cursor.remaining else {
                    throw HDF5Error("\(part): a message of type \(type) (\(size) bytes) runs past its chunk's end at \(HDF5Error.hex(cursor.end))")
                }
                let message = Message(type: type, flags: flags, start: cursor.position, size: size)
                try cursor.skip(size)
                if type == MessageType.continuation {
                    var body = try self.cursor(message, in: file, part: "\(part): its continuation message")
                    guard let next = try body.address("the continuation chunk") else { continue }
                    let length = try body.length("the continuation chunk's size", limit: file.bytes.count - next)
                    guard next != address, visitedChunks.insert(next).inserted else {
                        throw HDF5Error("\(part): its continuation chunk at \(HDF5Error.hex(next)) is reached twice (a loop)")
                    }
                    if version == 1 {
                        chunks.append((next, length))
                    } else {
                        // OCHK, the messages, then a 4-byte checksum.
                        var chunkCursor = try HDF5Cursor(file, at: next, length: length, part: "\(part): its continuation chunk at \(HDF5Error.hex(next))")
                        try chunkCursor.signature("OCHK")
                        guard length >= 8 else { throw HDF5Error("\(part): its continuation chunk at \(HDF5Error.hex(next)) is \(length) bytes, too short") }
                        chunks.append((next + 4, length - 8))
                    }
                } else {
                    messages.append(message)
                }
            }
        }
    }
}
