// The softmax along the last axis, one row at a time, forward and backward. Each computes exactly
// what the composite of ops `Variable.softmax` is built from computes, in the same order and with
// the same roundings, so the bits are the same without the composite's temporary tensors (on a
// batch of 32 rows of 10 classes their allocations and broadcast plans are most of the cost):
//
//   forward:  m = max(x) (NaN wins), e = exp(x − m), s = Σ e (pairwise, as `sum`), y = e / s
//   backward: s = Σ g·y (pairwise), dx = y · (g − s)

extension Tensor {
    /// Whether the row kernels below give the composite's bits for rows of `rowLength` along the
    /// last axis of a tensor of `dtype`: a floating dtype, and rows non-empty and short enough
    /// that `sum` adds each on one core (a longer single row is summed in two halves).
    static func fusesSoftmaxRows(dtype: DType, rowLength: Int) -> Bool {
        dtype.isFloatingPoint && rowLength > 0 && rowLength < 2 * Parallel.elementwiseGrain
    }

    /// `exp(x − max x) / Σ exp(x − max x)` along the last axis, bit for bit the composite's
    /// (`max`, subtract, `exp`, `sum`, divide); nil when the tensor is a scalar, not floating
    /// point, or its rows are empty or too long for the row kernel (the caller then composes the ops).
    package func softmaxAlongLastAxis() -> Tensor? {
        guard rank >= 1, Tensor.fusesSoftmaxRows(dtype: dtype, rowLength: shape[rank - 1]) else { return nil }
        let n = shape[rank - 1], rows = count / n
        let out = Tensor(uninitializedShape: shape, dtype: dtype)
        let px = storage.pointer, py = out.storage.pointer
        let dtype = self.dtype
        Parallel.forEachChunk(count: rows, minimumPerChunk: Swift.max(1, Parallel.elementwiseGrain / n)) { range in
            if dtype == .float32 {
                Tensor.softmaxRows(px.assumingMemoryBound(to: Float.self), py.assumingMemoryBound(to: Float.self), n, range)
            } else {
                Tensor.softmaxRows(px.assumingMemoryBound(to: Double.self), py.assumingMemoryBound(to: Double.self), n, range)
            }
        }
        return out
    }

    /// The gradient of the softmax along the last axis, `y · (g − Σ g·y)` row by row, bit for
    /// bit the composite's; nil when `output` and `upstream` differ in shape or dtype or the rows
    /// do not suit the row kernel (see ``softmaxAlongLastAxis()``).
    /// - Parameters:
    ///   - output: The softmax's output `y`.
    ///   - upstream: The gradient flowing in, shaped like `y`.
    package static func softmaxGradientAlongLastAxis(output: Tensor, upstream: Tensor) -> Tensor? {
        guard output.rank >= 1, output.shape == upstream.shape, output.dtype == upstream.dtype,
              fusesSoftmaxRows(dtype: output.dtype, rowLength: output.shape[output.rank - 1]) else { return nil }
        let n = output.shape[output.rank - 1], rows = output.count / n
        let out = Tensor(uninitializedShape: output.shape, dtype: output.dtype)
        let py = output.storage.pointer, pg = upstream.storage.pointer, pd = out.storage.pointer
        let dtype = output.dtype
        Parallel.forEachChunk(count: rows, minimumPerChunk: Swift.max(1, Parallel.elementwiseGrain / n)) { range in
            if dtype == .float32 {
                softmaxGradientRows(py.assumingMemoryBound(to: Float.self), pg.assumingMemoryBound(to: Float.self),
                                    pd.assumingMemoryBound(to: Float.self), n, range)
            } else {
                softmaxGradientRows(py.assumingMemoryBound(to: Double.self), pg.assumingMemoryBound(to: Double.self),
                                    pd.assumingMemoryBound(to: Double.self), n, range)
            }
        }
        return out
    }

    /// Rows `rows` of `n` values: `y = exp(x − m) / s`. The maximum is `max`'s own kernel
    /// (``extremumKernel(_:_:_:_:_:_:largest:isNaN:)``: the first NaN wins), the sum `sum`'s
    /// (``pairwiseSum(_:_:)``); `y` holds `exp(x − m)` until it is divided.
    static func softmaxRows<T: FloatingScalar>(_ x: UnsafeMutablePointer<T>, _ y: UnsafeMutablePointer<T>,
                                               _ n: Int, _ rows: Range<Int>) {
        var best = T.zero
        var bestIndex: Int64 = 0
        for r in rows {
            let xr = x + r * n, yr = y + r * n
            extremumKernel(xr, &best, &bestIndex, 1, n, 1, largest: true, isNaN: { $0.isNaN })
            for k in 0..<n { yr[k] = T.exp(xr[k] - best) }
            let total = pairwiseSum(UnsafePointer(yr), n)
            for k in 0..<n { yr[k] = yr[k] / total }
        }
    }

    /// Rows `rows` of `n` values: `dx = y · (g − Σ g·y)`; `dx` holds the products `g·y` until
    /// they are summed.
    static func softmaxGradientRows<T: FloatingScalar>(_ y: UnsafeMutablePointer<T>, _ g: UnsafeMutablePointer<T>,
                                                       _ dx: UnsafeMutablePointer<T>, _ n: Int, _ rows: Range<Int>) {
        for r in rows {
            let yr = y + r * n, gr = g + r * n, dr = dx + r * n
            for k in 0..<n { dr[k] = gr[k] * yr[k] }
            let total = pairwiseSum(UnsafePointer(dr), n)
            for k in 0..<n { dr[k] = yr[k] * (gr[k] - total) }
        }
    }
}
