// Binary cross-entropy on probabilities, elementwise, in one loop forward and one backward.
// Both compute exactly what the composite of clip, log, subtract, multiply, add and negate
// computes, in the same order and with the same roundings (the loss of `BinaryCrossentropy`
// keeps its bits), without the dozen temporary tensors.

extension Tensor {
    /// `−(t·log(p̂) + (1 − t)·log(1 − p̂))` elementwise, with `p̂` the probabilities clipped to
    /// `[epsilon, 1 − epsilon]`.
    /// - Parameters:
    ///   - probabilities: Predicted probabilities; floating point.
    ///   - targets: Targets in `[0, 1]`, of the same shape and dtype.
    ///   - epsilon: How far from 0 and 1 the probabilities are clipped.
    package static func binaryCrossEntropy(_ probabilities: Tensor, _ targets: Tensor, epsilon: Double) -> Tensor {
        checkBinaryCrossEntropyOperands(probabilities, targets)
        let out = Tensor(uninitializedShape: probabilities.shape, dtype: probabilities.dtype)
        let pp = probabilities.storage.pointer, pt = targets.storage.pointer, po = out.storage.pointer
        let n = probabilities.count
        if probabilities.dtype == .float32 {
            crossEntropyLoop(n, pp.assumingMemoryBound(to: Float.self), pt.assumingMemoryBound(to: Float.self),
                             po.assumingMemoryBound(to: Float.self), Float(epsilon), Float(1 - epsilon))
        } else {
            crossEntropyLoop(n, pp.assumingMemoryBound(to: Double.self), pt.assumingMemoryBound(to: Double.self),
                             po.assumingMemoryBound(to: Double.self), epsilon, 1 - epsilon)
        }
        return out
    }

    /// The gradient of ``binaryCrossEntropy(_:_:epsilon:)`` with respect to the probabilities,
    /// given `upstream`, the gradient flowing in: `(−g·t/p̂ − (−g·(1 − t))/(1 − p̂))` inside the
    /// clip range and 0 outside (written as the composite's backward computes it).
    /// - Parameters:
    ///   - upstream: The gradient of the loss elements; same shape and dtype as `probabilities`.
    ///   - probabilities: The forward pass's probabilities (before clipping).
    ///   - targets: The forward pass's targets.
    ///   - epsilon: The forward pass's clip distance.
    package static func binaryCrossEntropyGradient(upstream: Tensor, _ probabilities: Tensor, _ targets: Tensor,
                                                   epsilon: Double) -> Tensor {
        checkBinaryCrossEntropyOperands(probabilities, targets)
        checkBinaryCrossEntropyOperands(probabilities, upstream)
        let out = Tensor(uninitializedShape: probabilities.shape, dtype: probabilities.dtype)
        let pg = upstream.storage.pointer, pp = probabilities.storage.pointer
        let pt = targets.storage.pointer, po = out.storage.pointer
        let n = probabilities.count
        if probabilities.dtype == .float32 {
            crossEntropyGradientLoop(n, pg.assumingMemoryBound(to: Float.self), pp.assumingMemoryBound(to: Float.self),
                                     pt.assumingMemoryBound(to: Float.self), po.assumingMemoryBound(to: Float.self),
                                     Float(epsilon), Float(1 - epsilon))
        } else {
            crossEntropyGradientLoop(n, pg.assumingMemoryBound(to: Double.self), pp.assumingMemoryBound(to: Double.self),
                                     pt.assumingMemoryBound(to: Double.self), po.assumingMemoryBound(to: Double.self),
                                     epsilon, 1 - epsilon)
        }
        return out
    }

    private static func checkBinaryCrossEntropyOperands(_ p: Tensor, _ other: Tensor) {
        checkPrecondition(p.shape == other.shape && p.dtype == other.dtype && p.dtype.isFloatingPoint,
                          "binaryCrossEntropy: operands \(p.shape) \(p.dtype) and \(other.shape) \(other.dtype) "
                          + "must have one shape and one floating-point dtype")
    }

    private static func crossEntropyLoop<T: FloatingScalar>(
        _ n: Int, _ p: UnsafeMutablePointer<T>, _ t: UnsafeMutablePointer<T>, _ out: UnsafeMutablePointer<T>,
        _ low: T, _ high: T
    ) {
        for i in 0..<n {
            let clipped = Swift.min(Swift.max(p[i], low), high)
            let positive = t[i] * T.log(clipped)
            let negative = (1 - t[i]) * T.log(1 - clipped)
            out[i] = -(positive + negative)
        }
    }

    private static func crossEntropyGradientLoop<T: FloatingScalar>(
        _ n: Int, _ g: UnsafeMutablePointer<T>, _ p: UnsafeMutablePointer<T>, _ t: UnsafeMutablePointer<T>,
        _ out: UnsafeMutablePointer<T>, _ low: T, _ high: T
    ) {
        for i in 0..<n {
            let clipped = Swift.min(Swift.max(p[i], low), high)
            let negated = -g[i]
            let throughPositive = (negated * t[i]) / clipped
            let throughNegative = -((negated * (1 - t[i])) / (1 - clipped))
            let inside: T = p[i] >= low && p[i] <= high ? 1 : 0
            out[i] = (throughPositive + throughNegative) * inside
        }
    }
}
