// The backward passes of elementwise activations in one loop each: the gradient flowing in and
// one saved tensor (the op's input or output) give the gradient flowing out. Autograd uses them
// when the backward pass records nothing (no `createGraph`); each computes exactly the
// expression its op's differentiable backward does, in the same order, so the bits are the same
// without the temporaries (on small tensors their allocations are most of the cost).

internal import CNeuronaKernels

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
            gradientKernel(kind, range, upstream: pg, saved: ps, into: po, dtype: dtype)
        }
        return out
    }

    /// The activation's backward over `range` of float32 or float64 buffers: CNeuronaKernels'
    /// loop (`elementwise_loops.h`), which a debug build also runs optimized.
    static func gradientKernel(_ kind: ElementwiseGradient, _ range: Range<Int>, upstream g: UnsafeMutableRawPointer,
                               saved s: UnsafeMutableRawPointer, into out: UnsafeMutableRawPointer, dtype: DType) {
        let (code, low, high): (neurona_gradient_kind, Double, Double) = switch kind {
        case .sigmoid: (NEURONA_GRADIENT_SIGMOID, 0, 0)
        case .tanh: (NEURONA_GRADIENT_TANH, 0, 0)
        case .relu: (NEURONA_GRADIENT_RELU, 0, 0)
        case .clip(let low, let high): (NEURONA_GRADIENT_CLIP, low, high)
        }
        let n = range.count
        if dtype == .float32 {
            let at = range.lowerBound * MemoryLayout<Float>.stride
            neurona_activation_gradient_f32(code, (g + at).assumingMemoryBound(to: Float.self), (s + at).assumingMemoryBound(to: Float.self),
                                            (out + at).assumingMemoryBound(to: Float.self), n, Float(low), Float(high))
        } else {
            let at = range.lowerBound * MemoryLayout<Double>.stride
            neurona_activation_gradient_f64(code, (g + at).assumingMemoryBound(to: Double.self), (s + at).assumingMemoryBound(to: Double.self),
                                            (out + at).assumingMemoryBound(to: Double.self), n, low, high)
        }
    }
}
