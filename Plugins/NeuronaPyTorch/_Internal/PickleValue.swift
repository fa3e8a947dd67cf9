import NeuronaCore

/// A value on the restricted unpickler's stack: Python's plain values, the few objects a
/// state_dict is made of, and the marks of the allowed globals. Dicts and lists are reference
/// types, as in Python: `SETITEMS` after `BINPUT` changes the memoized dict too.
package indirect enum PickleValue {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case tuple([PickleValue])
    case list(PickleList)
    case dict(PickleDict)
    /// An allowed global, pushed by `GLOBAL` or `STACK_GLOBAL` (never anything else).
    case global(AllowedGlobal)
    /// A persistent id resolved to a storage reference (`BINPERSID`).
    case storage(StorageReference)
    /// A tensor described by `_rebuild_tensor_v2` (its bytes are read later, from the archive).
    case tensor(TensorDescription)

    /// The kind of value, for error messages.
    package var kindName: String {
        switch self {
        case .none: return "None"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .bytes: return "bytes"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        case .global(let g): return "\(g.module).\(g.name)"
        case .storage: return "storage"
        case .tensor: return "tensor"
        }
    }
}

/// A Python list under construction (`EMPTY_LIST`, `APPEND`, `APPENDS`).
package final class PickleList {
    package var items: [PickleValue]
    package init(_ items: [PickleValue] = []) { self.items = items }
}

/// A Python dict (or `OrderedDict`) under construction: its items in insertion order, as
/// `state_dict()` keeps them (the order Neurona pairs modules in).
package final class PickleDict {
    package private(set) var items: [(key: PickleValue, value: PickleValue)] = []
    private var indexOfStringKey: [String: Int] = [:]
    package init() {}

    /// Sets `key` to `value`: a string key seen before keeps its place (as Python's dicts do).
    package func set(_ key: PickleValue, _ value: PickleValue) {
        if case .string(let s) = key {
            if let i = indexOfStringKey[s] { items[i].value = value; return }
            indexOfStringKey[s] = items.count
        }
        items.append((key, value))
    }
}

/// A storage a persistent id names: `('storage', torch.FloatStorage, '<key>', 'cpu', numel)`.
package struct StorageReference {
    /// The element type the storage's class names.
    package var type: TorchStorageType
    /// The entry `<archive>/data/<key>` holding its bytes.
    package var key: String
    /// The number of elements the pickle says it holds.
    package var elementCount: Int
}

/// What `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)` describes: a view
/// of a storage, perhaps non-contiguous, perhaps sharing its storage with other tensors.
package struct TensorDescription {
    package var storage: StorageReference
    package var storageOffset: Int
    package var shape: [Int]
    package var strides: [Int]
}
