import Foundation
@testable import NeuronaCore
@testable import NeuronaOptimizers
import Testing
import _NeuronaTestSupport

/// Adam's float32 update runs in one of NeuronaCore's C kernels (`AdamKernel`: AVX-512, AVX2,
/// SSE2), picked by the CPU; the portable one (Swift SIMD, used off x86-64 and for float64) is another. Each kernel
/// this machine can run is called directly here, so every path is checked on every x86-64
/// machine, not only the one the CPU picks, and the log says which ran.
struct AdamKernelTests {
    /// Three steps of Adam over 37 elements (blocks of 16, 8 and 4 with a tail), in float64 by
    /// the formula (Kingma & Ba, algorithm 1, with ε outside the square root as in Keras):
    /// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², x ← x − α/(1−β₁ᵗ) · m / (ε + √(v/(1−β₂ᵗ))).
    static let count = 37
    static let (beta1, beta2, learningRate, epsilon) = (0.9, 0.999, 0.01, 1e-7)

    static func gradients(step: Int) -> [Double] {
        (0..<count).map { i in sin(Double(i * 7 + step * 3)) * Double(1 + i % 5) }
    }

    static func reference() -> [Double] {
        var x = (0..<count).map { Double($0) / 10 - 1 }, m = [Double](repeating: 0, count: count), v = m
        for t in 1...3 {
            let g = gradients(step: t)
            for i in 0..<count {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
                x[i] -= learningRate / (1 - pow(beta1, Double(t))) * m[i] / (epsilon + (v[i] / (1 - pow(beta2, Double(t)))).squareRoot())
            }
        }
        return x
    }

    /// Runs three steps with `kernel(x, g, m, v, n, β₁, β₂, c₁, c₂, ε)` in float32.
    static func run(_ kernel: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>,
                               UnsafeMutablePointer<Float>, Int, Float, Float, Float, Float, Float) -> Void) -> [Double] {
        var x = (0..<count).map { Float(Double($0) / 10 - 1) }, m = [Float](repeating: 0, count: count), v = m
        for t in 1...3 {
            var g = gradients(step: t).map { Float($0) }
            let c1 = learningRate / (1 - pow(beta1, Double(t))), c2 = 1 / (1 - pow(beta2, Double(t)))
            kernel(&x, &g, &m, &v, count, Float(beta1), Float(beta2), Float(c1), Float(c2), Float(epsilon))
        }
        return x.map(Double.init)
    }

    /// The kernels this machine runs, by name.
    static var kernels: [(String, [Double])] {
        var result: [(String, [Double])] = []
        #if arch(x86_64)
        for level in (1...CPUFeatures.vectorLevel).reversed() {
            result.append((CPUFeatures.name(level: level), run { x, g, m, v, n, b1, b2, c1, c2, eps in
                AdamKernel.update(parameters: UnsafeMutableBufferPointer(start: x, count: n), gradients: UnsafeBufferPointer(start: g, count: n),
                                  m: UnsafeMutableBufferPointer(start: m, count: n), v: UnsafeMutableBufferPointer(start: v, count: n),
                                  beta1: b1, beta2: b2, stepScale: c1, varianceScale: c2, epsilon: eps, level: level)
            }))
        }
        #endif
        result.append(("portable (Swift SIMD)", run { Adam.kernel($0, $1, $2, $3, $4, $5, $6, $7, $8, $9) }))
        return result
    }

    @Test func everyFloat32KernelFollowsTheFormula() {
        let expected = Self.reference()
        let kernels = Self.kernels
        print("Adam kernels: float32 updates use \(CPUFeatures.name(level: CPUFeatures.vectorLevel)); tests run \(kernels.map { $0.0 })")
        #if arch(x86_64)
        expectEqual(kernels.count, Int(CPUFeatures.vectorLevel) + 1)
        #endif
        for (name, x) in kernels {
            // Each step moves x by about α = 0.01; float32 rounding of the update is ~1e-7 relative.
            let error = zip(x, expected).map { abs($0 - $1) }.max()!
            #expect(error < 2e-6, "\(name): max error \(error)")
            // The update moved every element (a kernel that skipped the tail would leave x₀).
            let start: [Double] = (0..<Self.count).map { (index: Int) -> Double in Double(Float(Double(index) / 10 - 1)) }
            #expect(zip(x, start).allSatisfy { $0 != $1 }, "\(name)")
        }
    }
}
