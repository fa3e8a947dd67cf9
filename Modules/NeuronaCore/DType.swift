/// The element type of a ``Tensor``, chosen at run time.
///
/// Neurona's tensors are not generic over their scalar type (as in NumPy, PyTorch and MLX), so
/// layers, configs and checkpoints stay non-generic. Kernels switch on the dtype once per op,
/// never per element.
///
/// - `float32`: the default for data and weights.
/// - `float64`: for gradient checks and exact arithmetic.
/// - `int64`: labels and indices.
/// - `bool`: masks produced by comparisons.
public enum DType: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// 32-bit IEEE floating point (`Float`), the default, as in PyTorch and Keras.
    case float32
    /// 64-bit IEEE floating point (`Double`), for gradient checks and exact references.
    case float64
    /// 64-bit signed integers (`Int64`): labels and indices.
    case int64
    /// Booleans, stored one byte each: the result of comparisons, and masks.
    case bool

    /// Bytes per element.
    @inlinable
    public var byteSize: Int {
        switch self {
        case .float32: return 4
        case .float64: return 8
        case .int64: return 8
        case .bool: return 1
        }
    }

    /// Whether values of this type are floating-point numbers.
    @inlinable
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// The name the safetensors format uses for this dtype.
    public var safetensorsName: String {
        switch self {
        case .float32: return "F32"
        case .float64: return "F64"
        case .int64: return "I64"
        case .bool: return "BOOL"
        }
    }

    /// The dtype a safetensors file names, or `nil` for a dtype Neurona does not hold.
    /// - Parameter safetensorsName: The `dtype` field of a safetensors header (`"F32"`, `"F64"`, `"I64"`, `"BOOL"`).
    public init?(safetensorsName: String) {
        switch safetensorsName {
        case "F32": self = .float32
        case "F64": self = .float64
        case "I64": self = .int64
        case "BOOL": self = .bool
        default: return nil
        }
    }

    public var description: String { rawValue }

    /// The dtype of the result of a binary op on `self` and `other` (NumPy-style promotion:
    /// bool < int64 < float32 < float64).
    public func promoted(with other: DType) -> DType {
        func rank(_ d: DType) -> Int {
            switch d {
            case .bool: return 0
            case .int64: return 1
            case .float32: return 2
            case .float64: return 3
            }
        }
        return rank(self) >= rank(other) ? self : other
    }
}
