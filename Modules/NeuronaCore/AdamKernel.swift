internal import CNeuronaKernels

/// Adam's float32 update in Neurona's C kernel (`adam.c` in CNeuronaKernels), written for
/// AVX-512, AVX2 + FMA and SSE2 and chosen at run time from ``CPUFeatures/vectorLevel``: Swift
/// lowers SIMD square roots to one libm call per lane, which made this update a quarter of a
/// Fashion-MNIST epoch. NeuronaOptimizers' `Adam` and `AdamW` call it; off x86-64 they run their
/// own Swift loop.
package enum AdamKernel {
    /// One Adam step over every element, in place:
    /// `m ← β₁·m + (1 − β₁)·g`, `v ← β₂·v + (1 − β₂)·g²`, `x ← x − c₁·m / (ε + √(c₂·v))`,
    /// with the bias corrections folded into `stepScale` c₁ = α / (1 − β₁ᵗ) and
    /// `varianceScale` c₂ = 1 / (1 − β₂ᵗ).
    ///
    /// - Parameters:
    ///   - parameters: x, updated in place.
    ///   - gradients: g, as many elements as `parameters`.
    ///   - m: the running mean of the gradients, updated in place.
    ///   - v: the running mean of the squared gradients, updated in place.
    ///   - beta1: β₁.
    ///   - beta2: β₂.
    ///   - stepScale: c₁.
    ///   - varianceScale: c₂.
    ///   - epsilon: ε, added to the denominator.
    ///   - level: the kernel (3: AVX-512, 2: AVX2, 1: SSE2); tests pass each level the CPU runs.
    ///     It must not exceed ``CPUFeatures/vectorLevel``.
    package static func update(parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeBufferPointer<Float>,
                               m: UnsafeMutableBufferPointer<Float>, v: UnsafeMutableBufferPointer<Float>,
                               beta1: Float, beta2: Float, stepScale: Float, varianceScale: Float, epsilon: Float,
                               level: Int32 = CPUFeatures.vectorLevel) {
        let n = parameters.count
        checkPrecondition(gradients.count == n && m.count == n && v.count == n,
                          "adam: \(n) parameters with \(gradients.count) gradients, \(m.count) m and \(v.count) v values")
        checkPrecondition(level <= CPUFeatures.vectorLevel, "adam: kernel level \(level) on a CPU at level \(CPUFeatures.vectorLevel)")
        guard n > 0 else { return }
        neurona_adam_f32(level, parameters.baseAddress!, gradients.baseAddress!, m.baseAddress!, v.baseAddress!, n,
                         beta1, beta2, stepScale, varianceScale, epsilon)
    }
}
