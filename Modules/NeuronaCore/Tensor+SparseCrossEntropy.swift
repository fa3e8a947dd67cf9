// Sparse categorical cross-entropy on probabilities, one loop forward and one backward. Both
// compute exactly what the composite of gather, clip, log and negate computes (with gather's
// backward, a scatter-add into zeros), in the same order and with the same roundings, so the
// loss of `SparseCategoricalCrossentropy` keeps its bits without the composite's temporaries:
//
//   forward:  loss[i] = −log(clip(p[i, label[i]], ε, 1 − ε))
//   backward: dp[i, label[i]] = 0 + (−g[i] / clip(p[i, label[i]])) · [ε ≤ p[i, label[i]] ≤ 1 − ε],
//             every other dp zero

extension Tensor {
    /// `−log(clip(p[i, labels[i]], epsilon, 1 − epsilon))` for each row `i` of `probabilities`
    /// (`[batch, classes]`, floating point); `labels` holds `batch` int64 class indices (any
    /// shape). Stops naming the row when a label is not in `0..<classes`.
    package static func sparseCrossEntropy(_ probabilities: Tensor, labels: Tensor, epsilon: Double) -> Tensor {
        let (batch, classes) = checkSparseCrossEntropyOperands(probabilities, labels)
        let out = Tensor(uninitializedShape: [batch], dtype: probabilities.dtype)
        let pp = probabilities.storage.pointer, po = out.storage.pointer
        labels.withUnsafeBufferPointer(as: Int64.self) { labels in
            if probabilities.dtype == .float32 {
                sparseCrossEntropyLoop(pp.assumingMemoryBound(to: Float.self), labels, classes,
                                       po.assumingMemoryBound(to: Float.self), Float(epsilon), Float(1 - epsilon))
            } else {
                sparseCrossEntropyLoop(pp.assumingMemoryBound(to: Double.self), labels, classes,
                                       po.assumingMemoryBound(to: Double.self), epsilon, 1 - epsilon)
            }
        }
        return out
    }

    /// The gradient of ``sparseCrossEntropy(_:labels:epsilon:)`` for its probabilities, given
    /// the gradient `upstream` of its `[batch]` output: zero but at each row's label.
    /// - Parameters:
    ///   - upstream: The gradient flowing in, one value per row, of the probabilities' dtype.
    ///   - probabilities: The op's input, `[batch, classes]`.
    ///   - labels: The op's labels.
    ///   - epsilon: The op's clip bound.
    package static func sparseCrossEntropyGradient(upstream: Tensor, _ probabilities: Tensor, labels: Tensor,
                                                   epsilon: Double) -> Tensor {
        let (batch, classes) = checkSparseCrossEntropyOperands(probabilities, labels)
        checkPrecondition(upstream.count == batch && upstream.dtype == probabilities.dtype,
                          "sparseCrossEntropy: gradient \(upstream.shape) \(upstream.dtype) for \(batch) rows of \(probabilities.dtype)")
        let out = Tensor.zeros(probabilities.shape, dtype: probabilities.dtype)
        let pg = upstream.storage.pointer, pp = probabilities.storage.pointer, po = out.storage.pointer
        labels.withUnsafeBufferPointer(as: Int64.self) { labels in
            if probabilities.dtype == .float32 {
                sparseCrossEntropyGradientLoop(pg.assumingMemoryBound(to: Float.self), pp.assumingMemoryBound(to: Float.self),
                                               labels, classes, po.assumingMemoryBound(to: Float.self),
                                               Float(epsilon), Float(1 - epsilon))
            } else {
                sparseCrossEntropyGradientLoop(pg.assumingMemoryBound(to: Double.self), pp.assumingMemoryBound(to: Double.self),
                                               labels, classes, po.assumingMemoryBound(to: Double.self), epsilon, 1 - epsilon)
            }
        }
        return out
    }

    /// The batch and class counts, after stopping unless `p` is `[batch, classes]` floating
    /// point and `labels` holds `batch` int64 values.
    private static func checkSparseCrossEntropyOperands(_ p: Tensor, _ labels: Tensor) -> (batch: Int, classes: Int) {
        checkPrecondition(p.rank == 2 && p.dtype.isFloatingPoint && labels.dtype == .int64 && labels.count == p.shape[0],
                          "sparseCrossEntropy: probabilities \(p.shape) \(p.dtype) and labels \(labels.shape) \(labels.dtype) "
                          + "must be [batch, classes] floating point and batch int64 values")
        return (p.shape[0], p.shape[1])
    }

    /// Stops naming the row unless `label` is a class index in `0..<classes`.
    @inline(__always)
    private static func checkLabel(_ label: Int64, row: Int, classes: Int) {
        checkPrecondition(label >= 0 && label < classes,
                          "sparseCrossEntropy: label \(label) of row \(row) is not a class index in 0..<\(classes)")
    }

    private static func sparseCrossEntropyLoop<T: FloatingScalar>(
        _ p: UnsafeMutablePointer<T>, _ labels: UnsafeBufferPointer<Int64>, _ classes: Int,
        _ out: UnsafeMutablePointer<T>, _ low: T, _ high: T
    ) {
        for i in labels.indices {
            checkLabel(labels[i], row: i, classes: classes)
            let clipped = Swift.min(Swift.max(p[i * classes + Int(labels[i])], low), high)
            out[i] = -T.log(clipped)
        }
    }

    private static func sparseCrossEntropyGradientLoop<T: FloatingScalar>(
        _ g: UnsafeMutablePointer<T>, _ p: UnsafeMutablePointer<T>, _ labels: UnsafeBufferPointer<Int64>, _ classes: Int,
        _ out: UnsafeMutablePointer<T>, _ low: T, _ high: T
    ) {
        for i in labels.indices {
            checkLabel(labels[i], row: i, classes: classes)
            let at = i * classes + Int(labels[i])
            let picked = p[at]
            let clipped = Swift.min(Swift.max(picked, low), high)
            let throughLog = -g[i] / clipped
            let inside: T = picked >= low && picked <= high ? 1 : 0
            out[at] += throughLog * inside
        }
    }
}
