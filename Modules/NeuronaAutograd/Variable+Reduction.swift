import NeuronaCore

// Reductions and the normalized exponentials (softmax, log-softmax).

extension Variable {
    /// The sum over `axes` (every axis when nil).
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Variable {
        let axes = value.normalizedAxes(axes, op: "sum")
        let inputShape = shape
        var kept = inputShape
        for a in axes { kept[a] = 1 }
        return Variable.record(value.sum(axes: axes, keepDims: keepDims), .sum, self) { g, _ in
            [Variable.unrecorded { g.value.reshaped(kept).broadcast(to: inputShape) }
                ?? g.reshaped(kept).broadcast(to: inputShape)]
        }
    }

    /// The mean over `axes` (every axis when nil).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Variable {
        let axes = value.normalizedAxes(axes, op: "mean")
        let n = axes.reduce(1) { $0 * shape[$1] }
        return sum(axes: axes, keepDims: keepDims) * (1 / Double(n))
    }

    /// The variance over `axes`, dividing by `n - correction`.
    public func variance(axes: [Int]? = nil, keepDims: Bool = false, correction: Int = 0) -> Variable {
        let axes = value.normalizedAxes(axes, op: "variance")
        let n = axes.reduce(1) { $0 * shape[$1] }
        let centered = self - mean(axes: axes, keepDims: true)
        return (centered * centered).sum(axes: axes, keepDims: keepDims) * (1 / Double(n - correction))
    }

    /// The largest element over `axes`; the gradient is shared equally among tied maxima.
    public func max(axes: [Int]? = nil, keepDims: Bool = false) -> Variable {
        extremum(axes: axes, keepDims: keepDims, op: .max)
    }

    /// The smallest element over `axes`; the gradient is shared equally among tied minima.
    public func min(axes: [Int]? = nil, keepDims: Bool = false) -> Variable {
        extremum(axes: axes, keepDims: keepDims, op: .min)
    }

    private func extremum(axes: [Int]?, keepDims: Bool, op: DifferentiableOp) -> Variable {
        let axes = value.normalizedAxes(axes, op: op.rawValue)
        var kept = shape
        for a in axes { kept[a] = 1 }
        let result = op == .max ? value.max(axes: axes, keepDims: true) : value.min(axes: axes, keepDims: true)
        let inputShape = shape
        let x = value
        let output = keepDims ? result : result.reshaped(value.normalizedShapeDropping(axes))
        return Variable.record(output, op, self) { g, _ in
            let hits = (x .== result).converted(to: x.dtype)
            let share = hits / hits.sum(axes: axes, keepDims: true)
            return [g.reshaped(kept).broadcast(to: inputShape) * share]
        }
    }

    /// `log Σ exp(x)` over `axes`, computed stably (shifted by the maximum).
    public func logSumExp(axes: [Int]? = nil, keepDims: Bool = false) -> Variable {
        let axes = value.normalizedAxes(axes, op: "logSumExp")
        let shift = Variable(value.max(axes: axes, keepDims: true))
        let lse = (self - shift).exp().sum(axes: axes, keepDims: true).log() + shift
        return keepDims ? lse : lse.reshaped(value.normalizedShapeDropping(axes))
    }

    /// `exp(x) / Σ exp(x)` along `axis`, computed stably.
    ///
    /// Along the last axis of short rows (a classifier's outputs), forward and backward each run
    /// as one loop per row (`Tensor.softmaxAlongLastAxis`) with the composite's bits.
    public func softmax(axis: Int = -1) -> Variable {
        let axis = value.normalizedAxes([axis], op: "softmax")[0]
        let lastAxis = axis == rank - 1
        let y: Tensor
        if lastAxis, let fused = value.softmaxAlongLastAxis() {
            y = fused
        } else {
            let shifted = value - value.max(axes: [axis], keepDims: true)
            let e = shifted.exp()
            y = e / e.sum(axes: [axis], keepDims: true)
        }
        return Variable.record(y, .softmax, self) { g, out in
            // dx = y ⊙ (g − Σ g⊙y)
            if !GradMode.isEnabled {
                if lastAxis, let fused = Tensor.softmaxGradientAlongLastAxis(output: out.value, upstream: g.value) {
                    return [Variable(fused)]
                }
                return [Variable(out.value * (g.value - (g.value * out.value).sum(axes: [axis], keepDims: true)))]
            }
            return [out * (g - (g * out).sum(axes: [axis], keepDims: true))]
        }
    }

    /// `x − log Σ exp(x)` along `axis`, computed stably.
    public func logSoftmax(axis: Int = -1) -> Variable {
        let axis = value.normalizedAxes([axis], op: "logSoftmax")[0]
        let shifted = value - value.max(axes: [axis], keepDims: true)
        let y = shifted - shifted.exp().sum(axes: [axis], keepDims: true).log()
        return Variable.record(y, .logSoftmax, self) { g, out in
            // dx = g − softmax(x) · Σ g
            [Variable.unrecorded { g.value - out.value.exp() * g.value.sum(axes: [axis], keepDims: true) }
                ?? g - out.exp() * g.sum(axes: [axis], keepDims: true)]
        }
    }
}

extension Tensor {
    /// This tensor's shape without the given (normalized) axes.
    func normalizedShapeDropping(_ axes: [Int]) -> [Int] {
        shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
    }
}

// The ops this file records.
extension DifferentiableOp {
    /// The sum over axes (mean and variance too).
    @inlinable public static var sum: DifferentiableOp { DifferentiableOp(rawValue: "sum") }
    /// The largest element over axes.
    @inlinable public static var max: DifferentiableOp { DifferentiableOp(rawValue: "max") }
    /// The smallest element over axes.
    @inlinable public static var min: DifferentiableOp { DifferentiableOp(rawValue: "min") }
    /// The softmax along an axis.
    @inlinable public static var softmax: DifferentiableOp { DifferentiableOp(rawValue: "softmax") }
    /// The log-softmax along an axis (logSumExp too).
    @inlinable public static var logSoftmax: DifferentiableOp { DifferentiableOp(rawValue: "logSoftmax") }
    /// Reductions and normalized exponentials: the ops of this file, for ``allCases``.
    static var reductions: [DifferentiableOp] {
        [.sum, .max, .min, .softmax, .logSoftmax]
    }
}
