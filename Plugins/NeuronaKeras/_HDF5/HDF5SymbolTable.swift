/// The links of an "old-style" group, the kind h5py and Keras write: a symbol table message
/// points to a version 1 B-tree whose leaves are symbol nodes (`SNOD`, each entry a name and an
/// object header address) and to a local heap (`HEAP`) holding the names.
///
/// Each B-tree node and symbol node is visited once in the whole file (one reached twice, from
/// its own group or another, is refused: a damaged tree cannot loop or make reading quadratic),
/// each level must be one less than its parent's, and every name must end inside the heap within
/// ``longestName`` bytes.
enum HDF5SymbolTable {
    /// The longest link name read: Keras's are layer names; a longer one is a damaged heap, and
    /// the bound keeps the search for its end short.
    static let longestName = 4096

    /// The group's links, name → object header address, in the order the tree holds them.
    /// - Parameters:
    ///   - group: The group's path, for messages.
    ///   - visited: The B-tree and symbol nodes read so far in the file.
    static func links(_ message: HDF5ObjectHeader.Message, of header: HDF5ObjectHeader, in file: HDF5File,
                      group: String, visited: inout Set<Int>) throws -> [(name: String, address: Int)] {
        let part = "group \(group)"
        var body = try header.cursor(message, in: file, part: "\(part): its symbol table message")
        guard let tree = try body.address("the B-tree"), let heapAddress = try body.address("the local heap") else {
            throw HDF5Error("\(part): its symbol table has no B-tree or no local heap")
        }
        let heap = try localHeap(at: heapAddress, in: file, group: group)
        var links: [(name: String, address: Int)] = []
        try walk(node: tree, expectedLevel: nil, in: file, heap: heap, group: group, visited: &visited, links: &links)
        return links
    }

    /// The bytes of a local heap's data segment.
    static func localHeap(at address: Int, in file: HDF5File, group: String) throws -> ArraySlice<UInt8> {
        var cursor = try HDF5Cursor(file, at: address, part: "group \(group): its local heap at \(HDF5Error.hex(address))")
        try cursor.signature("HEAP")
        let version = try cursor.byte()
        guard version == 0 else { throw HDF5Error("\(cursor.part) has version \(version) (0 is supported)") }
        try cursor.skip(3)
        let size = try cursor.length("its data segment's size", limit: file.bytes.count)
        try cursor.skip(file.sizeOfLengths)        // the free list's head
        guard let data = try cursor.address("its data segment") else {
            if size == 0 { return [] }
            throw HDF5Error("\(cursor.part) has \(size) bytes of data but no address for them")
        }
        var segment = try HDF5Cursor(file, at: data, length: size, part: "\(cursor.part): its data segment")
        return try segment.bytes(size)
    }

    /// The NUL-terminated name at `offset` in the heap.
    static func name(at offset: UInt64, heap: ArraySlice<UInt8>, group: String) throws -> String {
        guard offset < UInt64(heap.count) else {
            throw HDF5Error("group \(group): a link name at offset \(offset) is past its local heap's \(heap.count) bytes")
        }
        let start = heap.startIndex + Int(offset)
        guard let end = heap[start..<min(heap.endIndex, start + longestName + 1)].firstIndex(of: 0) else {
            throw HDF5Error("group \(group): the link name at offset \(offset) of its local heap does not end inside it within \(longestName) bytes")
        }
        guard let name = String(validating: heap[start..<end], as: UTF8.self), !name.isEmpty, !name.contains("/") else {
            throw HDF5Error("group \(group): the link name at offset \(offset) of its local heap is empty, not UTF-8, or holds a /")
        }
        return name
    }

    private static func walk(node address: Int, expectedLevel: Int?, in file: HDF5File, heap: ArraySlice<UInt8>, group: String,
                             visited: inout Set<Int>, links: inout [(name: String, address: Int)]) throws {
        let part = "group \(group): its B-tree node at \(HDF5Error.hex(address))"
        guard visited.insert(address).inserted else { throw HDF5Error("\(part) is reached twice (a loop)") }
        var cursor = try HDF5Cursor(file, at: address, part: part)
        try cursor.signature("TREE")
        let type = try cursor.byte(), level = Int(try cursor.byte()), entries = try cursor.uint16()
        guard type == 0 else { throw HDF5Error("\(part) is of type \(type), not a group node (0)") }
        if let expectedLevel, level != expectedLevel {
            throw HDF5Error("\(part) is at level \(level), its parent expects \(expectedLevel)")
        }
        try cursor.skip(2 * file.sizeOfOffsets)    // left and right siblings
        for _ in 0..<entries {
            try cursor.skip(file.sizeOfLengths)     // the key: a name's heap offset
            guard let child = try cursor.address("a child") else { throw HDF5Error("\(part) has a child with no address") }
            if level > 0 {
                try walk(node: child, expectedLevel: level - 1, in: file, heap: heap, group: group, visited: &visited, links: &links)
            } else {
                try symbols(at: child, in: file, heap: heap, group: group, visited: &visited, links: &links)
            }
        }
    }

    private static func symbols(at address: Int, in file: HDF5File, heap: ArraySlice<UInt8>, group: String,
                                visited: inout Set<Int>, links: inout [(name: String, address: Int)]) throws {
        let part = "group \(group): its symbol node at \(HDF5Error.hex(address))"
        guard visited.insert(address).inserted else { throw HDF5Error("\(part) is reached twice (a loop)") }
        var cursor = try HDF5Cursor(file, at: address, part: part)
        try cursor.signature("SNOD")
        let version = try cursor.byte()
        guard version == 1 else { throw HDF5Error("\(part) has version \(version) (1 is supported)") }
        try cursor.skip(1)
        let count = try cursor.uint16()
        for _ in 0..<count {
            let nameOffset = try cursor.unsigned(file.sizeOfOffsets)
            guard let object = try cursor.address("an entry's object header") else { throw HDF5Error("\(part) has an entry with no object header") }
            try cursor.skip(4 + 4 + 16)             // cache type, reserved, scratch pad
            links.append((try name(at: nameOffset, heap: heap, group: group), object))
        }
    }
}
