// The backward passes of elementwise activations in one loop each: the gradient flowing in and
// one saved tensor (the op's input or output) give the gradient flowing out. Autograd uses them
// when the backward pass records nothing (no `createGraph`); each computes exactly the
// expression its op's differentiable backward does, in the same order, so the bits are the same
// without the temporaries (on small tensors their allocations are most of the cost).

/// Which activation's backward ``Tensor/elementwiseGradient(_:upstream:saved:)`` computes.
package enum ElementwiseGradient: Sendable {
    /// `g · y · (1 − y)` with `y` the sigmoid's output.
    case sigmoid
    /// `g · (1 − y · y)` with `y` the tanh's output.
    case tanh
    /// `g · step(x)` with `x` the relu's input (`step(x)` is 0 for `x ≤ 0`, else 1).
    case relu
    /// `g · indicator(x)` with `x` the clip's input (1 strictly inside `(low, high)`, 0 at the
    /// bounds, beyond them and at NaN: PyTorch's `clamp`).
    case clip(low: Double, high: Double)
}

extension Tensor {
    /// The gradient flowing out of an elementwise activation, or nil when `upstream` and `saved`
    /// differ in shape or dtype, or are not floating point (the caller then takes the general road).
    /// - Parameters:
    ///   - kind: The activation.
    ///   - upstream: The gradient flowing in, shaped like the activation's output.
    ///   - saved: The activation's output (sigmoid, tanh) or input (relu, clip).
    package static func elementwiseGradient(_ kind: ElementwiseGradient, upstream: Tensor, saved: Tensor) -> Tensor? {
        guard upstream.dtype == saved.dtype, upstream.dtype.isFloatingPoint, upstream.shape == saved.shape else { return nil }
        let out = Tensor(uninitializedShape: saved.shape, dtype: saved.dtype)
        let pg = upstream.storage.pointer, ps = saved.storage.pointer, po = out.storage.pointer
        let dtype = saved.dtype
        Parallel.forEachChunk(count: saved.count, minimumPerChunk: Parallel.elementwiseGrain) { range in
            if dtype == .float32 {
                gradientKernel(kind, range, pg.assumingMemoryBound(to: Float.self), ps.assumingMemoryBound(to: Float.self),
                               po.assumingMemoryBound(to: Float.self))
            } else {
                gradientKernel(kind, range, pg.assumingMemoryBound(to: Double.self), ps.assumingMemoryBound(to: Double.self),
                               po.assumingMemoryBound(to: Double.self))
            }
        }
        return out
    }

    static func gradientKernel<T: FloatingScalar>(
        _ kind: ElementwiseGradient, _ range: Range<Int>,
        _ g: UnsafeMutablePointer<T>, _ s: UnsafeMutablePointer<T>, _ out: UnsafeMutablePointer<T>
    ) {
        // The constants outside the loops: in a debug build a literal of a generic type is a
        // protocol call each time it is evaluated, a fifth of a debug-built CNN's training time.
        let zero: T = 0, one: T = 1
        switch kind {
        case .sigmoid:
            for i in range {
                let gy = g[i] * s[i]
                out[i] = gy * (one - s[i])
            }
        case .tanh:
            for i in range {
                let yy = s[i] * s[i]
                out[i] = g[i] * (one - yy)
            }
        case .relu:
            for i in range { out[i] = g[i] * (s[i] <= zero ? zero : one) }
        case .clip(let low, let high):
            let lo = T(low), hi = T(high)
            for i in range { out[i] = g[i] * (s[i] > lo && s[i] < hi ? one : zero) }
        }
    }
}
