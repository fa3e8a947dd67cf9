import NeuronaCore

/// The element type a torch typed storage class names, and how its bytes become a Neurona
/// tensor: float16 and bfloat16 are widened to float32, the narrow integers to int64 (Neurona's
/// dtypes are float32, float64, int64 and bool).
package enum TorchStorageType: String, CaseIterable {
    case float = "FloatStorage", double = "DoubleStorage", half = "HalfStorage", bfloat16 = "BFloat16Storage"
    case long = "LongStorage", int = "IntStorage", short = "ShortStorage", char = "CharStorage", byte = "ByteStorage"
    case bool = "BoolStorage"

    /// Bytes per element in the file.
    package var byteSize: Int {
        switch self {
        case .double, .long: return 8
        case .float, .int: return 4
        case .half, .bfloat16, .short: return 2
        case .char, .byte, .bool: return 1
        }
    }

    /// The Neurona dtype the elements become.
    package var neuronaDType: DType {
        switch self {
        case .float, .half, .bfloat16: return .float32
        case .double: return .float64
        case .long, .int, .short, .char, .byte: return .int64
        case .bool: return .bool
        }
    }
}

/// The restricted class table: every global a state_dict's pickle may name, and nothing else.
/// `GLOBAL` and `STACK_GLOBAL` look the name up here before anything else happens; a name not
/// here is refused with ``PyTorchError/refusedGlobal(file:module:name:)``.
package enum AllowedGlobal {
    /// `collections.OrderedDict`: called with no arguments (`REDUCE`, `NEWOBJ`) it makes an
    /// empty dict; state_dicts and tensors' `backward_hooks` are OrderedDicts.
    case orderedDict
    /// `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])`.
    case rebuildTensor
    /// `torch._utils._rebuild_parameter(data, requires_grad, hooks)`: an `nn.Parameter` is its tensor.
    case rebuildParameter
    /// A typed storage class (`torch.FloatStorage`), only ever the second item of a persistent id.
    case storageType(TorchStorageType)

    /// The global `module.name`, or nil when the table does not hold it.
    package init?(module: String, name: String) {
        switch (module, name) {
        case ("collections", "OrderedDict"): self = .orderedDict
        case ("torch._utils", "_rebuild_tensor_v2"): self = .rebuildTensor
        case ("torch._utils", "_rebuild_parameter"): self = .rebuildParameter
        case ("torch", _):
            guard let type = TorchStorageType(rawValue: name) else { return nil }
            self = .storageType(type)
        default: return nil
        }
    }

    /// The module the global lives in, as the pickle names it.
    package var module: String {
        switch self {
        case .orderedDict: return "collections"
        case .rebuildTensor, .rebuildParameter: return "torch._utils"
        case .storageType: return "torch"
        }
    }

    /// The global's name within its module.
    package var name: String {
        switch self {
        case .orderedDict: return "OrderedDict"
        case .rebuildTensor: return "_rebuild_tensor_v2"
        case .rebuildParameter: return "_rebuild_parameter"
        case .storageType(let type): return type.rawValue
        }
    }
}
