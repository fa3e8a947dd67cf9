import NeuronaCore

/// Adam (lecture 001): momentum on the gradient and on its square, with bias correction.
///
/// Concretely, at step t: `m ← β₁·m + (1 − β₁)·g`, `v ← β₂·v + (1 − β₂)·g²`,
/// `m̂ = m / (1 − β₁ᵗ)`, `v̂ = v / (1 − β₂ᵗ)`, `x ← x − α·m̂ / (ε + √v̂)`;
/// β₁ = 0.9, β₂ = 0.999, ε = 1e-7 (Keras's defaults).
///
/// The float32 update is NeuronaCore's C kernel (`AdamKernel`), written for AVX-512, AVX2 and
/// SSE2 and chosen at run time: Swift lowers SIMD square roots to one libm call per lane, which made
/// this update a quarter of a Fashion-MNIST epoch. Float64 (gradient checks) runs the Swift loop.
public final class Adam: OptimizerBase<Adam.Config>, ConfigurableOptimizer {
    public static let typeName = "adam"

    /// Adam's hyperparameters, as in JSON: `beta_1`, `beta_2`, `epsilon`.
    public struct Config: Configuration {
        /// The decay of the running average of the gradient (`η_v` in lecture 001).
        public var beta1: Double
        /// The decay of the running average of the squared gradient (`η_s` in lecture 001).
        public var beta2: Double
        /// Added to the denominator, for stability.
        public var epsilon: Double
        public func validate() throws {
            try requireFraction("beta_1", beta1)
            try requireFraction("beta_2", beta2)
            try requireNonNegative("epsilon", epsilon)
        }
    }

    public static var defaults: Adam { Adam() }
    /// - Parameters:
    ///   - learningRate: α, a finite number ≥ 0.
    ///   - beta1: β₁, the decay of the gradient's running mean, in [0, 1).
    ///   - beta2: β₂, the decay of the squared gradient's running mean, in [0, 1).
    ///   - epsilon: ε, added to the denominator (≥ 0).
    public convenience init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7) {
        self.init(settings: OptimizerSettings(learningRate: learningRate), config: Config(beta1: beta1, beta2: beta2, epsilon: epsilon))
    }

    public var slotNames: [String] { ["m", "v"] }

    public func update(_ parameter: inout Tensor, gradient: Tensor, slots: inout [Tensor], step: Int, learningRate: Double) {
        Adam.adamUpdate(&parameter, gradient, &slots, step: step, learningRate: learningRate,
                        beta1: config.beta1, beta2: config.beta2, epsilon: config.epsilon)
    }
    /// The Adam update shared with ``AdamW``.
    static func adamUpdate(_ parameter: inout Tensor, _ gradient: Tensor, _ slots: inout [Tensor], step: Int,
                           learningRate: Double, beta1: Double, beta2: Double, epsilon: Double) {
        let t = Double(step)
        let c1 = learningRate / (1 - Foundation.pow(beta1, t))   // α / (1 − β₁ᵗ)
        let c2 = 1 / (1 - Foundation.pow(beta2, t))              // 1 / (1 − β₂ᵗ)
        withUpdatePointers(&parameter, gradient, &slots,
                           float: { x, g, s, n in
                               #if arch(x86_64)
                               AdamKernel.update(parameters: UnsafeMutableBufferPointer(start: x, count: n),
                                                 gradients: UnsafeBufferPointer(start: g, count: n),
                                                 m: UnsafeMutableBufferPointer(start: s[0], count: n),
                                                 v: UnsafeMutableBufferPointer(start: s[1], count: n),
                                                 beta1: Float(beta1), beta2: Float(beta2), stepScale: Float(c1),
                                                 varianceScale: Float(c2), epsilon: Float(epsilon))
                               #else
                               Adam.kernel(x, g, s[0], s[1], n, Float(beta1), Float(beta2), Float(c1), Float(c2), Float(epsilon))
                               #endif
                           },
                           double: { Adam.kernel($0, $1, $2[0], $2[1], $3, beta1, beta2, c1, c2, epsilon) })
    }


    static func kernel<T: FloatingScalar>(
        _ x: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ m: UnsafeMutablePointer<T>, _ v: UnsafeMutablePointer<T>,
        _ n: Int, _ b1: T, _ b2: T, _ c1: T, _ c2: T, _ eps: T
    ) {
        typealias V = SIMD8<T>
        let (b1v, b2v, c1v, c2v, epsv) = (V(repeating: b1), V(repeating: b2), V(repeating: c1), V(repeating: c2), V(repeating: eps))
        let (ob1, ob2) = (V(repeating: 1 - b1), V(repeating: 1 - b2))
        var i = 0
        while i + 8 <= n {
            let gv = UnsafeRawPointer(g + i).loadUnaligned(as: V.self)
            let mv = b1v * UnsafeRawPointer(m + i).loadUnaligned(as: V.self) + ob1 * gv
            let vv = b2v * UnsafeRawPointer(v + i).loadUnaligned(as: V.self) + ob2 * gv * gv
            let xv = UnsafeRawPointer(x + i).loadUnaligned(as: V.self) - c1v * mv / (epsv + (vv * c2v).squareRoot())
            UnsafeMutableRawPointer(m + i).storeBytes(of: mv, as: V.self)
            UnsafeMutableRawPointer(v + i).storeBytes(of: vv, as: V.self)
            UnsafeMutableRawPointer(x + i).storeBytes(of: xv, as: V.self)
            i += 8
        }
        while i < n {
            m[i] = b1 * m[i] + (1 - b1) * g[i]
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
            x[i] -= c1 * m[i] / (eps + (v[i] * c2).squareRoot())
            i += 1
        }
    }
}

import Foundation
