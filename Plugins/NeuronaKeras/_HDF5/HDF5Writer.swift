import Foundation

/// Writes an ``HDF5Tree`` as the HDF5 files h5py writes by default, the format Keras's own
/// `model.weights.h5` has: superblock version 0, version 1 object headers, each group a symbol
/// table (a version 1 B-tree leaf, its symbol nodes and a local heap of the names), each dataset
/// little-endian float32 in contiguous storage. No C library; ``HDF5Reader`` reads it back, and
/// Keras 3 loads it (`Scripts/keras-checks.sh`).
enum HDF5Writer {
    /// Symbol-node entries per half node (libhdf5's default): 8 links per symbol node.
    static let groupLeafK = 4
    /// B-tree children per half node, at least libhdf5's default (16); raised for a group with more
    /// than 32 symbol nodes so that every group's B-tree is one leaf node.
    static let defaultGroupInternalK = 16
    static let undefined = UInt64.max
    /// One symbol-table entry: the name's heap offset, the object header, the cache type, a
    /// reserved word and 16 bytes of scratch pad.
    static let entrySize = 8 + 8 + 4 + 4 + 16

    /// The bytes of the HDF5 file holding `tree`.
    static func image(_ tree: HDF5Tree) -> Data {
        var children: [String: [String]] = [:]
        for path in tree.groups { children[path] = tree.children(of: path) }
        let leafCapacity: Int = 2 * groupLeafK
        let nodes: [Int] = children.values.map { (names: [String]) -> Int in (names.count + leafCapacity - 1) / leafCapacity }
        let mostNodes: Int = nodes.max() ?? 0
        let internalK: Int = Swift.max(defaultGroupInternalK, (mostNodes + 1) / 2)
        var writer = Writer(tree: tree, children: children, internalK: internalK)
        writer.bytes = [UInt8](repeating: 0, count: 96)          // the superblock, written last
        let root = writer.group("")
        writer.superblock(root: root)
        return Data(writer.bytes)
    }

    /// A written object, as its parent's symbol-table entry describes it.
    struct Written {
        var header: Int
        /// A group's B-tree and local heap (the entry's scratch pad caches them).
        var symbolTable: (tree: Int, heap: Int)?
    }

    struct Writer {
        let tree: HDF5Tree
        let children: [String: [String]]
        let internalK: Int
        var bytes: [UInt8] = []

        mutating func append(_ value: UInt64, size: Int) {
            for i in 0..<size { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * i))) }
        }
        mutating func append(_ value: Int, size: Int) { append(UInt64(value), size: size) }
        mutating func append(_ text: String) { bytes += Array(text.utf8) }
        mutating func pad(to size: Int, from start: Int) { bytes += [UInt8](repeating: 0, count: start + size - bytes.count) }
        mutating func align() { bytes += [UInt8](repeating: 0, count: (8 - bytes.count % 8) % 8) }

        mutating func superblock(root: Written) {
            var header = Writer(tree: tree, children: children, internalK: internalK)
            header.bytes = HDF5File.signature
            header.bytes += [0, 0, 0, 0, 0, 8, 8, 0]         // versions, reserved, 8-byte addresses and lengths, reserved
            header.append(HDF5Writer.groupLeafK, size: 2)
            header.append(internalK, size: 2)
            header.append(0, size: 4)                          // consistency flags
            header.append(0, size: 8)                          // base address
            header.append(HDF5Writer.undefined, size: 8)      // free-space info
            header.append(bytes.count, size: 8)                // end of file
            header.append(HDF5Writer.undefined, size: 8)      // driver info
            header.entry(nameOffset: 0, root)
            bytes.replaceSubrange(0..<header.bytes.count, with: header.bytes)
        }

        mutating func entry(nameOffset: Int, _ object: Written) {
            append(nameOffset, size: 8)
            append(object.header, size: 8)
            append(object.symbolTable == nil ? 0 : 1, size: 4) // cache type 1: the scratch pad holds the symbol table
            append(0, size: 4)
            append(object.symbolTable?.tree ?? 0, size: 8)
            append(object.symbolTable?.heap ?? 0, size: 8)
        }

        /// A version 1 object header of `messages` (type, flags, body); each body padded to 8 bytes.
        mutating func objectHeader(_ messages: [(type: Int, flags: UInt8, body: [UInt8])]) -> Int {
            align()
            let start = bytes.count
            let padded = messages.map { $0.body + [UInt8](repeating: 0, count: (8 - $0.body.count % 8) % 8) }
            bytes += [1, 0]
            append(messages.count, size: 2)
            append(1, size: 4)                                 // reference count
            append(padded.reduce(0) { $0 + 8 + $1.count }, size: 4)
            append(0, size: 4)
            for (message, body) in zip(messages, padded) {
                append(message.type, size: 2)
                append(body.count, size: 2)
                bytes += [message.flags, 0, 0, 0]
                bytes += body
            }
            return start
        }

        mutating func group(_ path: String) -> Written {
            let names = children[path] ?? []
            let sorted = names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }   // libhdf5 looks names up by strcmp
            var written: [Written] = []
            for name in sorted {
                let child = path.isEmpty ? name : path + "/" + name
                written.append(tree.groups.contains(child) ? group(child) : dataset(child))
            }
            // The local heap: the empty name at offset 0 (the B-tree's first key), then each name,
            // NUL-terminated and padded to 8 bytes.
            var heapData: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0]
            var offsets: [Int] = []
            for name in sorted {
                offsets.append(heapData.count)
                heapData += Array(name.utf8) + [0]
                heapData += [UInt8](repeating: 0, count: (8 - heapData.count % 8) % 8)
            }
            align()
            let heap = bytes.count
            append("HEAP")
            bytes += [0, 0, 0, 0]
            append(heapData.count, size: 8)
            append(1, size: 8)                                 // no free block (libhdf5's H5HL_FREE_NULL)
            append(heap + 32, size: 8)
            bytes += heapData
            // Symbol nodes of 2K entries each, then one B-tree leaf over them.
            let perNode = 2 * HDF5Writer.groupLeafK
            var nodes: [(address: Int, lastName: Int)] = []
            for first in stride(from: 0, to: sorted.count, by: perNode) {
                let last = min(first + perNode, sorted.count)
                align()
                let start = bytes.count
                append("SNOD")
                bytes += [1, 0]
                append(last - first, size: 2)
                for i in first..<last { entry(nameOffset: offsets[i], written[i]) }
                pad(to: 8 + perNode * HDF5Writer.entrySize, from: start)
                nodes.append((start, offsets[last - 1]))
            }
            align()
            let btree = bytes.count
            append("TREE")
            bytes += [0, 0]                                    // a group node, level 0
            append(nodes.count, size: 2)
            append(HDF5Writer.undefined, size: 8)
            append(HDF5Writer.undefined, size: 8)
            append(0, size: 8)                                 // the first key: the empty name
            for node in nodes {
                append(node.address, size: 8)
                append(node.lastName, size: 8)
            }
            pad(to: 24 + (2 * internalK + 1) * 8 + 2 * internalK * 8, from: btree)
            var symbolTable: [UInt8] = []
            for value in [btree, heap] { for i in 0..<8 { symbolTable.append(UInt8(truncatingIfNeeded: value >> (8 * i))) } }
            let header = objectHeader([(HDF5ObjectHeader.MessageType.symbolTable, 0, symbolTable)])
            return Written(header: header, symbolTable: (btree, heap))
        }

        mutating func dataset(_ path: String) -> Written {
            let dataset = tree.datasets[path]!
            align()
            let data = bytes.count
            for value in dataset.values { append(UInt64(value.bitPattern), size: 4) }
            func le(_ value: Int, _ size: Int) -> [UInt8] { (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
            // Dataspace version 1: rank, no maximum dimensions, then each dimension.
            let dataspace: [UInt8] = [1, UInt8(dataset.shape.count), 0, 0, 0, 0, 0, 0] + dataset.shape.flatMap { le($0, 8) }
            // Datatype version 1, IEEE float32 little-endian: mantissa normalized (0x20), sign at bit
            // 31, 4 bytes; bit offset 0, precision 32, exponent at 23 (8 bits), mantissa at 0 (23
            // bits), exponent bias 127.
            let datatype: [UInt8] = [0x11, 0x20, 0x1F, 0x00] + le(4, 4) + le(0, 2) + le(32, 2) + [23, 8, 0, 23] + le(127, 4)
            // Fill value version 2: allocated late, written if set, none defined (h5py's defaults).
            let fillValue: [UInt8] = [2, 2, 2, 0]
            // Layout version 3, contiguous: the data's address and size (undefined when empty).
            let size = 4 * dataset.values.count
            let layout: [UInt8] = [3, 1] + (size == 0 ? le(-1, 8) : le(data, 8)) + le(size, 8)
            let header = objectHeader([(HDF5ObjectHeader.MessageType.dataspace, 0, dataspace), (HDF5ObjectHeader.MessageType.datatype, 1, datatype),
                                       (HDF5ObjectHeader.MessageType.fillValue, 1, fillValue), (HDF5ObjectHeader.MessageType.layout, 0, layout)])
            return Written(header: header, symbolTable: nil)
        }
    }
}
