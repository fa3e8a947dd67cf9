@testable import NeuronaAutograd
import NeuronaCore
import Testing

/// The one-kernel backward passes (activations, `Tensor+ElementwiseGradient.swift`; binary
/// cross-entropy, `Variable+BinaryCrossEntropy.swift`) give the same bits as the composite of ops
/// they replace. The composite is what a recording backward pass (`createGraph`) builds, and for
/// the loss the expression `BinaryCrossentropy` used before: `−(y·log p̂ + (1 − y)·log(1 − p̂))`.
struct FusedGradientTests {
    /// Float32 values in `[low, high)` with a few at the edges (0, ±1, just outside a clip range).
    static func values(_ count: Int, _ low: Double, _ high: Double, seed: UInt64) -> Tensor {
        var g = RandomGenerator(seed: seed)
        var v = Tensor.uniform([count], low: low, high: high, dtype: .float32, using: &g).doubles
        v[0] = 0; v[1] = 1; v[2] = -1; v[3] = 1e-9; v[4] = 1 - 1e-9
        return Tensor(v, shape: [count / 4, 4], dtype: .float32)
    }

    /// The gradient of `sum(f(x) · w)` for `x`, by the fused (non-recording) and by the
    /// composite (recording) backward pass.
    static func bothGradients(_ x: Tensor, _ f: (Variable) -> Variable) throws -> (fused: Tensor, composite: Tensor) {
        let w = values(x.count, -2, 2, seed: 5)
        let a = Variable(x, requiresGrad: true)
        try (f(a) * w).sum().backward()
        let b = Variable(x, requiresGrad: true)
        let composite = try gradients(of: (f(b) * w).sum(), withRespectTo: [b], createGraph: true)[0]
        return (a.grad!, composite.value)
    }

    @Test(arguments: ["sigmoid", "tanh", "relu", "clip"])
    func activationGradientsKeepTheirBits(_ name: String) throws {
        let x = Self.values(64, -3, 3, seed: 1)
        let f: (Variable) -> Variable = switch name {
        case "sigmoid": { $0.sigmoid() }
        case "tanh": { $0.tanh() }
        case "relu": { $0.relu() }
        default: { $0.clipped(min: -0.5, max: 1) }
        }
        let (fused, composite) = try Self.bothGradients(x, f)
        #expect(fused.isIdentical(to: composite), "\(name): \(fused) vs \(composite)")
    }

    @Test func binaryCrossEntropyKeepsTheCompositesBits() throws {
        let p = Self.values(64, 0, 1, seed: 2)
        let t = Self.values(64, 0, 1, seed: 3)
        let eps = 1e-7
        func composite(_ x: Variable) -> Variable {
            let clipped = x.clipped(min: eps, max: 1 - eps)
            return -(Variable(t) * clipped.log() + Variable(1 - t) * (1 - clipped).log())
        }
        let a = Variable(p, requiresGrad: true), b = Variable(p, requiresGrad: true)
        let w = Self.values(64, -2, 2, seed: 5)
        let fusedLoss = a.binaryCrossEntropy(targets: t, epsilon: eps)
        let compositeLoss = composite(b)
        #expect(fusedLoss.value.isIdentical(to: compositeLoss.value))
        try (fusedLoss * w).sum().backward()
        try (compositeLoss * w).sum().backward()
        #expect(a.grad!.isIdentical(to: b.grad!), "\(a.grad!) vs \(b.grad!)")
        // The recording road (second derivatives) gives the same first derivative too.
        let c = Variable(p, requiresGrad: true)
        let recorded = try gradients(of: (c.binaryCrossEntropy(targets: t, epsilon: eps) * w).sum(),
                                     withRespectTo: [c], createGraph: true)[0]
        #expect(recorded.value.isIdentical(to: b.grad!))
    }
}
