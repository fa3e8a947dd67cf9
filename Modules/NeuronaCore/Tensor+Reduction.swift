internal import CNeuronaKernels

// Reductions over all elements or any set of axes, with keepDims.

extension Tensor {
    /// `axes` made non-negative, sorted and unique; every axis when `nil` or empty. Stops naming
    /// `op` and the shape when an axis is out of range.
    public func normalizedAxes(_ axes: [Int]?, op: String) -> [Int] {
        guard let axes, !axes.isEmpty else { return Array(0..<rank) }
        var result: [Int] = []
        result.reserveCapacity(axes.count)
        for a in axes {
            let axis = a < 0 ? a + rank : a
            checkPrecondition(axis >= 0 && axis < rank, "\(op): axis \(a) is out of range for shape \(shape)")
            if !result.contains(axis) { result.append(axis) }
        }
        if result.count > 1 { result.sort() }
        return result
    }

    /// The three-level view `[outer, reduced, inner]` a reduction walks, permuting the tensor
    /// first when the reduced axes are not adjacent, and the result's shape with and without
    /// kept dimensions.
    func reductionLayout(_ axes: [Int]) -> (source: Tensor, outer: Int, reduced: Int, inner: Int, keptShape: [Int], droppedShape: [Int]) {
        var keptShape = shape
        var droppedShape: [Int] = []
        for i in 0..<rank {
            if axes.contains(i) { keptShape[i] = 1 } else { droppedShape.append(shape[i]) }
        }
        let reduced = axes.reduce(1) { $0 * shape[$1] }
        guard let first = axes.first else {
            return (self, count, 1, 1, keptShape, droppedShape)
        }
        let adjacent = axes.last! - first + 1 == axes.count
        if adjacent {
            let outer = shape[..<first].reduce(1, *)
            let inner = shape[(axes.last! + 1)...].reduce(1, *)
            return (self, outer, reduced, inner, keptShape, droppedShape)
        }
        let kept = (0..<rank).filter { !axes.contains($0) }
        let permuted = permuted(kept + axes)
        return (permuted, count / Swift.max(reduced, 1), reduced, 1, keptShape, droppedShape)
    }

    // MARK: Sum and mean

    /// The sum over `axes` (every axis when `nil`).
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axes = normalizedAxes(axes, op: "sum")
        // Taken apart once: each read of a field of the tuple would copy the whole of it.
        let (source, outer, reduced, inner, keptShape, droppedShape) = reductionLayout(axes)
        let outShape = keepDims ? keptShape : droppedShape
        switch dtype {
        case .float32: return Tensor.sumKernel(source, Float.self, outer, reduced, inner, outShape)
        case .float64: return Tensor.sumKernel(source, Double.self, outer, reduced, inner, outShape)
        case .int64: return Tensor.integerSumKernel(source, outer, reduced, inner, outShape)
        case .bool:
            return converted(to: .int64).sum(axes: axes, keepDims: keepDims)
        }
    }

    /// The sum of a contiguous run, pairwise (as NumPy): error grows with log n, not n. The
    /// order is CNeuronaKernels' (`neurona_pairwise_sum_*`), which a debug build also runs optimized.
    static func pairwiseSum<T: FloatingScalar>(_ p: UnsafePointer<T>, _ n: Int) -> T {
        let raw = UnsafeRawPointer(p)
        if T.self == Float.self {
            return unsafeBitCast(neurona_pairwise_sum_f32(raw.assumingMemoryBound(to: Float.self), n), to: T.self)
        }
        return unsafeBitCast(neurona_pairwise_sum_f64(raw.assumingMemoryBound(to: Double.self), n), to: T.self)
    }

    /// The column sums of a `rows × columns` float32 or float64 matrix, written to `dst`: the
    /// first row, then each next row added (CNeuronaKernels' loop, optimized in a debug build too).
    static func sumRows(_ src: UnsafeRawPointer, rows: Int, columns: Int, into dst: UnsafeMutableRawPointer, dtype: DType) {
        if dtype == .float32 {
            neurona_column_sums_f32(src.assumingMemoryBound(to: Float.self), rows, columns, dst.assumingMemoryBound(to: Float.self))
        } else {
            neurona_column_sums_f64(src.assumingMemoryBound(to: Double.self), rows, columns, dst.assumingMemoryBound(to: Double.self))
        }
    }

    static func sumKernel<T: FloatingScalar>(
        _ x: Tensor, _: T.Type, _ outer: Int, _ reduced: Int, _ inner: Int, _ outShape: [Int]
    ) -> Tensor {
        let out = Tensor(uninitializedShape: outShape, dtype: T.dtype)
        let src = UnsafePointer(x.storage.pointer.assumingMemoryBound(to: T.self))
        let dst = out.storage.pointer.assumingMemoryBound(to: T.self)
        if inner == 1 {
            if outer == 1 && reduced >= 2 * Parallel.elementwiseGrain && Parallel.coreCount > 1 {
                // One large sum: halves on two cores.
                var partial = [T](repeating: 0, count: 2)
                let half = reduced / 2
                partial.withUnsafeMutableBufferPointer { part in
                    Parallel.forEachChunk(count: 2, minimumPerChunk: 1) { range in
                        for c in range {
                            part[c] = c == 0 ? pairwiseSum(src, half) : pairwiseSum(src + half, reduced - half)
                        }
                    }
                }
                dst[0] = partial[0] + partial[1]
            } else {
                for o in 0..<outer { dst[o] = pairwiseSum(src + o * reduced, reduced) }
            }
        } else {
            for o in 0..<outer {
                sumRows(src + o * reduced * inner, rows: reduced, columns: inner, into: dst + o * inner, dtype: T.dtype)
            }
        }
        return out
    }

    static func integerSumKernel(_ x: Tensor, _ outer: Int, _ reduced: Int, _ inner: Int, _ outShape: [Int]) -> Tensor {
        let out = Tensor.zeros(outShape, dtype: .int64)
        let src = x.storage.pointer.assumingMemoryBound(to: Int64.self)
        let dst = out.storage.pointer.assumingMemoryBound(to: Int64.self)
        for o in 0..<outer {
            for k in 0..<reduced {
                let r = src + (o * reduced + k) * inner
                for i in 0..<inner { dst[o * inner + i] &+= r[i] }
            }
        }
        return out
    }

    /// The mean over `axes` (every axis when `nil`). Integer tensors give float32.
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axes = normalizedAxes(axes, op: "mean")
        let n = axes.reduce(1) { $0 * shape[$1] }
        let floating = dtype.isFloatingPoint ? self : converted(to: .float32)
        return floating.sum(axes: axes, keepDims: keepDims) / Double(n)
    }

    /// The variance over `axes`: the mean squared deviation, divided by `n - correction`
    /// (0 gives NumPy's default, 1 the unbiased estimate, PyTorch's default).
    public func variance(axes: [Int]? = nil, keepDims: Bool = false, correction: Int = 0) -> Tensor {
        let axes = normalizedAxes(axes, op: "variance")
        let n = axes.reduce(1) { $0 * shape[$1] }
        let floating = dtype.isFloatingPoint ? self : converted(to: .float32)
        let centered = floating - floating.mean(axes: axes, keepDims: true)
        return (centered * centered).sum(axes: axes, keepDims: keepDims) / Double(n - correction)
    }

    /// The standard deviation over `axes` (see ``variance(axes:keepDims:correction:)``).
    public func standardDeviation(axes: [Int]? = nil, keepDims: Bool = false, correction: Int = 0) -> Tensor {
        variance(axes: axes, keepDims: keepDims, correction: correction).sqrt()
    }

    // MARK: Max, min, argmax, argmin

    /// The largest element over `axes` (every axis when `nil`). NaN propagates.
    public func max(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        extremum(axes: axes, keepDims: keepDims, largest: true, op: "max").values
    }

    /// The smallest element over `axes` (every axis when `nil`). NaN propagates.
    public func min(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        extremum(axes: axes, keepDims: keepDims, largest: false, op: "min").values
    }

    /// The int64 index of the largest element over `axes` (every axis when `nil`), counted in
    /// the row-major order of those axes; the first one on ties.
    public func argmax(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        extremum(axes: axes, keepDims: keepDims, largest: true, op: "argmax").indices
    }

    /// The int64 index of the smallest element over `axes` (every axis when `nil`).
    public func argmin(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        extremum(axes: axes, keepDims: keepDims, largest: false, op: "argmin").indices
    }

    /// `argmax(axes: [axis])`.
    public func argmax(axis: Int, keepDims: Bool = false) -> Tensor { argmax(axes: [axis], keepDims: keepDims) }
    /// `argmin(axes: [axis])`.
    public func argmin(axis: Int, keepDims: Bool = false) -> Tensor { argmin(axes: [axis], keepDims: keepDims) }

    func extremum(axes: [Int]?, keepDims: Bool, largest: Bool, op: String) -> (values: Tensor, indices: Tensor) {
        let axes = normalizedAxes(axes, op: op)
        let (source, outer, reduced, inner, keptShape, droppedShape) = reductionLayout(axes)
        checkPrecondition(reduced > 0, "\(op): cannot reduce an empty dimension of shape \(shape)")
        let outShape = keepDims ? keptShape : droppedShape
        let values = Tensor(uninitializedShape: outShape, dtype: dtype)
        let indices = Tensor(uninitializedShape: outShape, dtype: .int64)
        let idx = indices.storage.pointer.assumingMemoryBound(to: Int64.self)
        let src = source.storage.pointer, dst = values.storage.pointer
        switch dtype {
        case .float32 where inner == 1:   // contiguous rows: a classifier's argmax
            neurona_row_extremum_f32(src.assumingMemoryBound(to: Float.self), dst.assumingMemoryBound(to: Float.self), idx,
                                     outer, reduced, largest ? 1 : 0)
        case .float64 where inner == 1:
            neurona_row_extremum_f64(src.assumingMemoryBound(to: Double.self), dst.assumingMemoryBound(to: Double.self), idx,
                                     outer, reduced, largest ? 1 : 0)
        case .float32:
            Tensor.extremumKernel(src.assumingMemoryBound(to: Float.self), dst.assumingMemoryBound(to: Float.self), idx,
                                  outer, reduced, inner, largest: largest, isNaN: { $0.isNaN })
        case .float64:
            Tensor.extremumKernel(src.assumingMemoryBound(to: Double.self), dst.assumingMemoryBound(to: Double.self), idx,
                                  outer, reduced, inner, largest: largest, isNaN: { $0.isNaN })
        case .int64:
            Tensor.extremumKernel(src.assumingMemoryBound(to: Int64.self), dst.assumingMemoryBound(to: Int64.self), idx,
                                  outer, reduced, inner, largest: largest, isNaN: { _ in false })
        case .bool:
            Tensor.extremumKernel(src.assumingMemoryBound(to: UInt8.self), dst.assumingMemoryBound(to: UInt8.self), idx,
                                  outer, reduced, inner, largest: largest, isNaN: { _ in false })
        }
        return (values, indices)
    }

    /// The extremum and its index over the middle axis of `[outer, reduced, inner]`: the first
    /// NaN wins, else the first largest (smallest) element. Always inlined into each dtype's
    /// case, so that `isNaN` and the comparisons are concrete (a generic `Comparable` loop calls
    /// through witness tables and looks up metadata on every call).
    @inline(__always)
    static func extremumKernel<T: Comparable>(
        _ src: UnsafeMutablePointer<T>, _ dst: UnsafeMutablePointer<T>, _ idx: UnsafeMutablePointer<Int64>,
        _ outer: Int, _ reduced: Int, _ inner: Int, largest: Bool, isNaN: (T) -> Bool
    ) {
        for o in 0..<outer {
            for i in 0..<inner {
                let base = src + o * reduced * inner + i
                var best = base[0]
                var bestIndex = 0
                if !isNaN(best) {
                    for k in 1..<Swift.max(reduced, 1) {
                        let v = base[k * inner]
                        if isNaN(v) { best = v; bestIndex = k; break }
                        if largest ? v > best : v < best { best = v; bestIndex = k }
                    }
                }
                dst[o * inner + i] = best
                idx[o * inner + i] = Int64(bestIndex)
            }
        }
    }
}
