// Tensors filled by rule: zeros, ones, full, eye, arange, linspace.

extension Tensor {
    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        Tensor(shape: shape, dtype: dtype,
               storage: TensorStorage.zeroed(byteCount: elementCount(shape) * dtype.byteSize))
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        full(shape, value: 1, dtype: dtype)
    }

    /// A tensor with every element equal to `value`.
    public static func full(_ shape: [Int], value: Double, dtype: DType = .float32) -> Tensor {
        var t = Tensor(uninitializedShape: shape, dtype: dtype)
        t.fill(with: value)
        return t
    }

    /// A tensor of zeros with the shape and dtype of `other`.
    public static func zeros(like other: Tensor) -> Tensor { zeros(other.shape, dtype: other.dtype) }

    /// A tensor of ones with the shape and dtype of `other`.
    public static func ones(like other: Tensor) -> Tensor { ones(other.shape, dtype: other.dtype) }

    /// Sets every element to `value`.
    public mutating func fill(with value: Double) {
        switch dtype {
        case .float32: withUnsafeMutableBufferPointer(as: Float.self) { $0.update(repeating: Float(value)) }
        case .float64: withUnsafeMutableBufferPointer(as: Double.self) { $0.update(repeating: value) }
        case .int64: withUnsafeMutableBufferPointer(as: Int64.self) { $0.update(repeating: Int64(value)) }
        case .bool: withUnsafeMutableBufferPointer(as: Bool.self) { $0.update(repeating: value != 0) }
        }
    }

    /// The `n`×`m` identity matrix (ones on the diagonal); `m` defaults to `n`.
    public static func eye(_ n: Int, _ m: Int? = nil, dtype: DType = .float32) -> Tensor {
        let columns = m ?? n
        var values = [Double](repeating: 0, count: n * columns)
        for i in 0..<Swift.min(n, columns) { values[i * columns + i] = 1 }
        return Tensor(values, shape: [n, columns], dtype: dtype)
    }

    /// Evenly spaced values in `[start, end)` with step `step` (NumPy's `arange`).
    public static func arange(
        _ start: Double, _ end: Double, step: Double = 1, dtype: DType = .float32
    ) -> Tensor {
        checkPrecondition(step != 0, "Tensor.arange: step must not be zero")
        let n = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        return Tensor((0..<n).map { start + Double($0) * step }, shape: [n], dtype: dtype)
    }

    /// `0, 1, ..., n-1` (NumPy's `arange(n)`).
    public static func arange(_ n: Int, dtype: DType = .float32) -> Tensor {
        arange(0, Double(n), dtype: dtype)
    }

    /// `count` evenly spaced values from `start` to `end`, both included.
    public static func linspace(_ start: Double, _ end: Double, count: Int, dtype: DType = .float32) -> Tensor {
        checkPrecondition(count >= 0, "Tensor.linspace: count must not be negative, got \(count)")
        if count == 1 { return Tensor([start], shape: [1], dtype: dtype) }
        let step = (end - start) / Double(count - 1)
        let values = (0..<count).map { i in i == count - 1 ? end : start + Double(i) * step }
        return Tensor(values, shape: [count], dtype: dtype)
    }
}
