/// An N-dimensional array of numbers: the value everything in Neurona computes with.
///
/// A tensor has a ``shape`` (any rank, from a 0-D scalar up), a runtime ``dtype`` and row-major,
/// contiguous elements. It is a value type: copies share their storage until one of them is
/// written to (copy-on-write), so passing tensors around is cheap.
///
/// ```swift
/// let x = Tensor([[1, 2, 3], [4, 5, 6]])           // shape [2, 3], float32
/// let y = (x * 2 + 1).sum(axes: [1])                // [15, 33]
/// let w = Tensor.normal([3, 4], using: &generator)  // seeded random weights
/// ```
///
/// Shape mistakes inside the program (adding shapes [2, 3] and [4]) stop with a message that
/// names the op and both shapes.
///
/// ### See Also
/// - ``DType``, ``RandomGenerator``, ``Safetensors``
public struct Tensor {
    /// The size of each dimension; `[]` for a scalar.
    public let shape: [Int]
    /// The element type.
    public let dtype: DType
    /// The number of elements (the product of the shape).
    public let count: Int
    @usableFromInline
    var storage: TensorStorage

    /// A tensor over existing storage. `storage` must hold at least `count · dtype.byteSize` bytes.
    @inlinable
    init(shape: [Int], dtype: DType, storage: TensorStorage) {
        self.shape = shape
        self.dtype = dtype
        self.count = Tensor.elementCount(shape)
        self.storage = storage
    }

    /// A tensor whose elements are not yet initialized; the caller fills every element.
    @inlinable
    init(uninitializedShape shape: [Int], dtype: DType) {
        let count = Tensor.elementCount(shape)
        self.init(shape: shape, dtype: dtype,
                  storage: TensorStorage.allocate(byteCount: count * dtype.byteSize))
    }

    /// The number of dimensions.
    @inlinable
    public var rank: Int { shape.count }

    /// The number of elements of `shape`. Stops on a negative dimension.
    @inlinable
    static func elementCount(_ shape: [Int]) -> Int {
        // An index loop with the check's failing branch spelled out: every new tensor comes
        // through here, and a debug build runs `for d in shape` through a generic iterator and
        // would build the check's two closures per dimension (a 20-layer network's training
        // spent 6 % of its time here).
        var n = 1
        for i in 0..<shape.count {
            let d = shape[i]
            if d < 0 { preconditionFailed("Tensor: negative dimension in shape \(shape)") }
            n *= d
        }
        return n
    }

    /// Row-major strides (in elements) of `shape`.
    @inlinable
    static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = s
            s *= shape[i]
        }
        return strides
    }
}

// MARK: - Creating tensors

extension Tensor {
    /// A tensor of `shape` holding `scalars` in row-major order.
    /// - Parameters:
    ///   - scalars: The values, row-major (the last axis varies fastest); their type picks the dtype.
    ///   - shape: The shape; its element count must equal `scalars.count`.
    public init<T: TensorScalar>(_ scalars: [T], shape: [Int]) {
        checkPrecondition(Tensor.elementCount(shape) == scalars.count,
                          "Tensor(_:shape:): \(scalars.count) values do not fill shape \(shape)")
        self.init(uninitializedShape: shape, dtype: T.dtype)
        storeScalars(scalars)
    }

    /// A tensor of `shape` holding `scalars` (given as doubles) converted to `dtype`.
    /// - Parameters:
    ///   - scalars: The values, row-major.
    ///   - shape: The shape; its element count must equal `scalars.count`.
    ///   - dtype: The element type to store them as.
    public init(_ scalars: [Double], shape: [Int], dtype: DType) {
        self = Tensor(scalars, shape: shape).converted(to: dtype)
    }

    /// A 0-D tensor holding one value.
    /// - Parameter scalar: The value; its type picks the dtype.
    public init<T: TensorScalar>(scalar: T) {
        self.init([scalar], shape: [])
    }

    /// A 0-D tensor of `dtype` holding `value`.
    /// - Parameters:
    ///   - value: The value.
    ///   - dtype: The element type (float32 unless given).
    public init(_ value: Double, dtype: DType = .float32) {
        self = Tensor([value], shape: [], dtype: dtype)
    }

    /// A tensor from nested arrays of any depth: `Tensor([[1, 2], [3, 4]])` has shape [2, 2].
    /// Integer and floating literals make float32 unless `dtype` says otherwise; the nesting must
    /// be rectangular.
    /// - Parameters:
    ///   - nested: Numbers, or arrays of them nested to any depth, all of one length per level.
    ///   - dtype: The element type (float32 unless given).
    public init<Nested: TensorLiteral>(_ nested: [Nested], dtype: DType = .float32) {
        var values: [Double] = []
        var shape: [Int] = []
        Array.collectLiteral(nested, depth: 0, values: &values, shape: &shape)
        self = Tensor(values, shape: shape, dtype: dtype)
    }

    private mutating func storeScalars<T: TensorScalar>(_ scalars: [T]) {
        scalars.withUnsafeBytes { source in
            if let base = source.baseAddress, source.count > 0 {
                storage.pointer.copyMemory(from: base, byteCount: source.count)
            }
        }
    }
}

/// A value or a nested array of values that ``Tensor/init(_:dtype:)-([Nested],_)`` accepts.
public protocol TensorLiteral {
    /// Appends this literal's values to `values` and records the size of each nesting level.
    static func collectLiteral(_ value: Self, depth: Int, values: inout [Double], shape: inout [Int])
}

extension Double: TensorLiteral {
    public static func collectLiteral(_ value: Double, depth: Int, values: inout [Double], shape: inout [Int]) {
        values.append(value)
    }
}
extension Float: TensorLiteral {
    public static func collectLiteral(_ value: Float, depth: Int, values: inout [Double], shape: inout [Int]) {
        values.append(Double(value))
    }
}
extension Bool: TensorLiteral {
    public static func collectLiteral(_ value: Bool, depth: Int, values: inout [Double], shape: inout [Int]) {
        values.append(value ? 1 : 0)
    }
}
extension Int: TensorLiteral {
    public static func collectLiteral(_ value: Int, depth: Int, values: inout [Double], shape: inout [Int]) {
        values.append(Double(value))
    }
}

extension Array: TensorLiteral where Element: TensorLiteral {
    public static func collectLiteral(_ value: [Element], depth: Int, values: inout [Double], shape: inout [Int]) {
        if shape.count == depth {
            shape.append(value.count)
        } else {
            checkPrecondition(shape[depth] == value.count,
                              "Tensor(_:): ragged nested array: level \(depth) has lengths \(shape[depth]) and \(value.count)")
        }
        for element in value {
            Element.collectLiteral(element, depth: depth + 1, values: &values, shape: &shape)
        }
    }
}

// MARK: - Reading and writing elements

extension Tensor {
    /// Calls `body` with the elements as a buffer of `T`. `T` must match the dtype.
    @inlinable
    public func withUnsafeBufferPointer<T: TensorScalar, R>(
        as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R
    ) rethrows -> R {
        checkPrecondition(T.dtype == dtype, "Tensor: elements are \(dtype), not \(T.self)")
        let typed = storage.pointer.bindMemory(to: T.self, capacity: count)
        return try body(UnsafeBufferPointer(start: typed, count: count))
    }

    /// Calls `body` with the elements as a mutable buffer of `T`, copying the storage first if it
    /// is shared with another tensor.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<T: TensorScalar, R>(
        as type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R
    ) rethrows -> R {
        checkPrecondition(T.dtype == dtype, "Tensor: elements are \(dtype), not \(T.self)")
        if !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy()
        }
        let typed = storage.pointer.bindMemory(to: T.self, capacity: count)
        return try body(UnsafeMutableBufferPointer(start: typed, count: count))
    }

    /// The raw bytes of the elements (row-major, native little-endian).
    @inlinable
    public func withUnsafeRawBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: storage.pointer, count: count * dtype.byteSize))
    }

    /// The elements as an array of `T`. `T` must match the dtype (see ``converted(to:)``).
    public func scalars<T: TensorScalar>(as type: T.Type = T.self) -> [T] {
        withUnsafeBufferPointer(as: T.self) { Array($0) }
    }

    /// The elements converted to `Double`, whatever the dtype.
    public var doubles: [Double] {
        converted(to: .float64).scalars(as: Double.self)
    }

    /// The only element of a one-element tensor, as a `Double`.
    public var item: Double {
        checkPrecondition(count == 1, "Tensor.item: tensor of shape \(shape) has \(count) elements, not 1")
        return Tensor.readDouble(storage.pointer, dtype: dtype, offset: 0)
    }

    /// The element at a full index (one integer per dimension), as a `Double`.
    public func value(at index: [Int]) -> Double {
        checkPrecondition(index.count == rank, "Tensor.value(at:): index \(index) for shape \(shape)")
        var offset = 0
        for (axis, i) in index.enumerated() {
            checkPrecondition(i >= 0 && i < shape[axis], "Tensor.value(at:): index \(index) out of range for shape \(shape)")
            offset = offset * shape[axis] + i
        }
        return Tensor.readDouble(storage.pointer, dtype: dtype, offset: offset)
    }

    @usableFromInline
    static func readDouble(_ p: UnsafeMutableRawPointer, dtype: DType, offset: Int) -> Double {
        switch dtype {
        case .float32: return Double(p.assumingMemoryBound(to: Float.self)[offset])
        case .float64: return p.assumingMemoryBound(to: Double.self)[offset]
        case .int64: return Double(p.assumingMemoryBound(to: Int64.self)[offset])
        case .bool: return p.assumingMemoryBound(to: Bool.self)[offset] ? 1 : 0
        }
    }

    /// Whether this tensor and `other` use the same storage (a reshape does; most ops do not).
    public func sharesStorage(with other: Tensor) -> Bool { storage === other.storage }

    /// Whether two tensors have the same shape, dtype and elements.
    public func isIdentical(to other: Tensor) -> Bool {
        guard shape == other.shape, dtype == other.dtype else { return false }
        if storage === other.storage { return true }
        return withUnsafeRawBytes { a in other.withUnsafeRawBytes { b in a.elementsEqual(b) } }
    }
}

extension Tensor: Equatable {
    /// Tensors are equal when shape, dtype and every element are equal.
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.shape == rhs.shape, lhs.dtype == rhs.dtype else { return false }
        return lhs.doubles == rhs.doubles
    }
}
