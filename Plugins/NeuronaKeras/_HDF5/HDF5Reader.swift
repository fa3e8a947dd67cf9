import Foundation

/// Reads the HDF5 subset Keras's `model.weights.h5` uses into an ``HDF5Tree``, by Neurona's own
/// bounds-checked code (no C library: a hostile file can only make it throw).
///
/// What it reads: superblocks 0 to 3 (``HDF5File``); object headers 1 and 2
/// (``HDF5ObjectHeader``); groups as symbol tables (``HDF5SymbolTable``, what h5py writes) or
/// compact link messages (``HDF5LinkMessages``); datasets with a contiguous or compact layout
/// (``HDF5DataLayout``) of IEEE floats or integers (``HDF5Datatype``), converted to `Float`.
/// Attributes are skipped (Keras's loader reads none). Each object is visited once: an object
/// linked twice (a cycle in the group graph) is refused, so reading always ends.
enum HDF5Reader {
    /// The deepest nesting of groups read: Keras nests a few levels
    /// (`layers/<layer>/<sublayer>/vars`); deeper is a corrupt or hostile file.
    static let deepestGroup = 32

    /// Reads a whole HDF5 file image.
    /// - Throws: ``HDF5Error`` naming the part of the file that cannot be read.
    static func read(_ image: Data) throws -> HDF5Tree {
        let file = try HDF5File([UInt8](image))
        var walk = Walk(file: file)
        walk.visited[file.rootAddress] = "/"
        let root = try HDF5ObjectHeader(in: file, at: file.rootAddress, visitedChunks: &walk.visitedChunks)
        try walk.group(root, path: "", depth: 0)
        return walk.tree
    }

    private struct Walk {
        let file: HDF5File
        var tree = HDF5Tree()
        /// Each object read, by its header's address → its path.
        var visited: [Int: String] = [:]
        /// The B-tree and symbol nodes read (``HDF5SymbolTable``).
        var visitedNodes: Set<Int> = []
        /// The object headers' continuation chunks read.
        var visitedChunks: Set<Int> = []
        /// The datasets' bytes read so far: at most the file's size, as no two datasets of a
        /// real file share their bytes (datasets pointing at the same bytes cannot make the
        /// reader allocate more than the file holds, several times over).
        var dataRead = 0

        static func display(_ path: String) -> String { path.isEmpty ? "/" : path }

        mutating func group(_ header: HDF5ObjectHeader, path: String, depth: Int) throws {
            guard depth < HDF5Reader.deepestGroup else {
                throw HDF5Error("group \(path): groups nested more than \(HDF5Reader.deepestGroup) deep")
            }
            let links: [(name: String, address: Int)]
            if let symbolTable = header.messages(HDF5ObjectHeader.MessageType.symbolTable).first {
                links = try HDF5SymbolTable.links(symbolTable, of: header, in: file, group: Self.display(path), visited: &visitedNodes)
            } else {
                links = try HDF5LinkMessages.links(of: header, in: file, group: Self.display(path))
            }
            var names: Set<String> = []
            for (name, address) in links {
                let child = path.isEmpty ? name : path + "/" + name
                guard names.insert(name).inserted else { throw HDF5Error("group \(Self.display(path)): two links named \(name)") }
                if let earlier = visited[address] {
                    throw HDF5Error("\(child): the object at \(HDF5Error.hex(address)) is also \(earlier) (a cycle, or a shared object Keras never writes)")
                }
                visited[address] = child
                let object = try HDF5ObjectHeader(in: file, at: address, visitedChunks: &visitedChunks)
                let isGroup = !object.messages(HDF5ObjectHeader.MessageType.symbolTable).isEmpty
                    || !object.messages(HDF5ObjectHeader.MessageType.linkInfo).isEmpty
                    || !object.messages(HDF5ObjectHeader.MessageType.link).isEmpty
                if isGroup {
                    tree.insertGroup(child)
                    try group(object, path: child, depth: depth + 1)
                } else if !object.messages(HDF5ObjectHeader.MessageType.layout).isEmpty {
                    try dataset(object, path: child)
                } else {
                    throw HDF5Error("\(child): the object at \(HDF5Error.hex(address)) is neither a group nor a dataset")
                }
            }
        }

        /// The one unshared message of `type` a dataset needs.
        func message(_ type: Int, named name: String, of header: HDF5ObjectHeader, part: String) throws -> HDF5Cursor {
            guard let message = header.messages(type).first else { throw HDF5Error("\(part): no \(name) message") }
            guard !message.isShared else { throw HDF5Error("\(part): a shared \(name) not supported") }
            return try header.cursor(message, in: file, part: "\(part): its \(name) message")
        }

        mutating func dataset(_ header: HDF5ObjectHeader, path: String) throws {
            let part = "dataset \(path)"
            var typeCursor = try message(HDF5ObjectHeader.MessageType.datatype, named: "datatype", of: header, part: part)
            let type = try HDF5Datatype(&typeCursor, part: part)
            if case .other = type {
                tree.otherDatasets.insert(path)
                return
            }
            var spaceCursor = try message(HDF5ObjectHeader.MessageType.dataspace, named: "dataspace", of: header, part: part)
            guard let shape = try HDF5Dataspace.shape(&spaceCursor, part: part) else {
                throw HDF5Error("\(part): a null dataspace (no values) where a weight is expected")
            }
            guard header.messages(HDF5ObjectHeader.MessageType.externalFiles).isEmpty else {
                throw HDF5Error("\(part): data in external files not supported")
            }
            var layoutCursor = try message(HDF5ObjectHeader.MessageType.layout, named: "layout", of: header, part: part)
            let layout = try HDF5DataLayout(&layoutCursor, part: part)
            let count = shape.reduce(1, *)
            // Both factors are bounded (count < 2³¹, size ≤ 8): no overflow.
            let needed = count * type.size
            guard layout.size >= needed else {
                throw HDF5Error("\(part): its layout stores \(layout.size) bytes, its shape \(shape) needs \(needed)")
            }
            guard let start = layout.start else {
                guard needed == 0 else { throw HDF5Error("\(part): its \(count) values were never written (no data address)") }
                tree.insert(HDF5Tree.Dataset(shape: shape, values: []), at: path)
                return
            }
            var data = try HDF5Cursor(file, at: start, length: needed, part: "\(part): its data at \(HDF5Error.hex(start))")
            dataRead += needed
            guard dataRead <= file.bytes.count else {
                throw HDF5Error("\(part): the datasets read so far hold \(dataRead) bytes, more than the file's \(file.bytes.count) (datasets sharing their bytes)")
            }
            tree.insert(HDF5Tree.Dataset(shape: shape, values: type.floats(try data.bytes(needed), count: count)), at: path)
        }
    }
}
