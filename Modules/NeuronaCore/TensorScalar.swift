import RealModule

/// A Swift type that can be the element of a ``Tensor``: `Float`, `Double`, `Int64`, `Int`
/// (stored as int64) and `Bool`.
public protocol TensorScalar {
    /// The dtype a tensor of this element type has.
    static var dtype: DType { get }
    /// This value as a `Double` (for printing and comparisons in tests).
    var doubleValue: Double { get }
    /// The value nearest to `value`.
    /// - Parameter value: The double to convert (rounded to the nearest representable value).
    init(fromDouble value: Double)
}

extension Float: TensorScalar {
    public static var dtype: DType { .float32 }
    @inlinable public var doubleValue: Double { Double(self) }
    @inlinable public init(fromDouble value: Double) { self = Float(value) }
}

extension Double: TensorScalar {
    public static var dtype: DType { .float64 }
    @inlinable public var doubleValue: Double { self }
    @inlinable public init(fromDouble value: Double) { self = value }
}

extension Int64: TensorScalar {
    public static var dtype: DType { .int64 }
    @inlinable public var doubleValue: Double { Double(self) }
    @inlinable public init(fromDouble value: Double) { self = Int64(value) }
}

extension Int: TensorScalar {
    public static var dtype: DType { .int64 }
    @inlinable public var doubleValue: Double { Double(self) }
    @inlinable public init(fromDouble value: Double) { self = Int(value) }
}

extension Bool: TensorScalar {
    public static var dtype: DType { .bool }
    @inlinable public var doubleValue: Double { self ? 1 : 0 }
    @inlinable public init(fromDouble value: Double) { self = value != 0 }
}

/// The floating-point element types the math kernels are written for (`Float` and `Double`).
/// Kernels are generic over this protocol and specialized inside NeuronaCore.
public protocol FloatingScalar: TensorScalar, Real, BinaryFloatingPoint, SIMDScalar, Codable
{}

extension Float: FloatingScalar {}
extension Double: FloatingScalar {}
