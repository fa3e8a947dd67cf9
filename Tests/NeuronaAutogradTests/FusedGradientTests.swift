@testable import NeuronaAutograd
import NeuronaCore
import Testing

/// The one-kernel backward passes (activations, `Tensor+ElementwiseGradient.swift`; binary
/// cross-entropy, `Variable+BinaryCrossEntropy.swift`; softmax along the last axis,
/// `Tensor+Softmax.swift`; sparse cross-entropy, `Variable+SparseCrossEntropy.swift`) give the
/// same bits as the composite of ops they replace. The composite is what a recording backward pass (`createGraph`) builds, and for
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
        let w = values(x.count, -2, 2, seed: 5).converted(to: x.dtype)
        let a = Variable(x, requiresGrad: true)
        try (f(a) * w).sum().backward()
        let b = Variable(x, requiresGrad: true)
        let composite = try gradients(of: (f(b) * w).sum(), withRespectTo: [b], createGraph: true)[0]
        return (a.grad!, composite.value)
    }

    @Test(arguments: ["sigmoid", "tanh", "relu", "clip"], [DType.float32, .float64])
    func activationGradientsKeepTheirBits(_ name: String, _ dtype: DType) throws {
        let x = Self.values(64, -3, 3, seed: 1).converted(to: dtype)
        let f: (Variable) -> Variable = switch name {
        case "sigmoid": { $0.sigmoid() }
        case "tanh": { $0.tanh() }
        case "relu": { $0.relu() }
        default: { $0.clipped(min: -0.5, max: 1) }
        }
        let (fused, composite) = try Self.bothGradients(x, f)
        #expect(fused.isIdentical(to: composite), "\(name), \(dtype): \(fused) vs \(composite)")
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

    /// Rows of logits with the cases the composite handles specially: a NaN first and in the
    /// middle (NaN wins the maximum), an infinity, ties, and large logits.
    static func logits(_ dtype: DType) -> Tensor {
        var x = values(96, -4, 4, seed: 6).doubles
        x[12] = .nan; x[25] = .nan; x[36] = .infinity; x[48] = 3; x[49] = 3; x[60] = 80; x[61] = -80
        return Tensor(x, shape: [8, 12], dtype: dtype)
    }

    /// Softmax along the last axis as `Variable.softmax` composed it before its row kernel.
    static func compositeSoftmax(_ x: Tensor) -> Tensor {
        let e = (x - x.max(axes: [-1], keepDims: true)).exp()
        return e / e.sum(axes: [-1], keepDims: true)
    }

    @Test(arguments: [DType.float32, .float64])
    func softmaxRowsKeepTheCompositesBits(_ dtype: DType) throws {
        let x = Self.logits(dtype)
        let fused = try #require(x.softmaxAlongLastAxis())
        #expect(fused.isIdentical(to: Self.compositeSoftmax(x)), "\(fused) vs \(Self.compositeSoftmax(x))")
        // Three dimensions: the rows are the last axis whatever the leading ones.
        let x3 = x.reshaped([2, 4, 12])
        #expect(x3.softmaxAlongLastAxis()!.isIdentical(to: Self.compositeSoftmax(x3)))
        // Backward: the non-recording pass (row kernel) against the recording one (ops).
        let (gradient, composite) = try Self.bothGradients(x.converted(to: .float32).reshaped([24, 4])) { $0.softmax() }
        #expect(gradient.isIdentical(to: composite), "\(gradient) vs \(composite)")
        let w = Self.values(96, -2, 2, seed: 7).converted(to: dtype).reshaped([8, 12])
        let a = Variable(x, requiresGrad: true), b = Variable(x, requiresGrad: true)
        try (a.softmax() * Variable(w)).sum().backward()
        let recorded = try gradients(of: (b.softmax() * Variable(w)).sum(), withRespectTo: [b], createGraph: true)[0]
        #expect(a.grad!.isIdentical(to: recorded.value), "\(a.grad!) vs \(recorded.value)")
    }

    @Test func softmaxRowKernelDeclinesWhatItCannotMatch() {
        #expect(Tensor(2.0, dtype: .float32).softmaxAlongLastAxis() == nil)
        #expect(Tensor.zeros([3, 0]).softmaxAlongLastAxis() == nil)
        #expect(Tensor([1, 2], dtype: .int64).softmaxAlongLastAxis() == nil)
        let y = Tensor.zeros([2, 3])
        #expect(Tensor.softmaxGradientAlongLastAxis(output: y, upstream: Tensor.zeros([3, 2])) == nil)
        #expect(Tensor.softmaxGradientAlongLastAxis(output: y, upstream: Tensor.zeros([2, 3], dtype: .float64)) == nil)
    }

    @Test(arguments: [DType.float32, .float64])
    func sparseCrossEntropyKeepsTheCompositesBits(_ dtype: DType) throws {
        // Probabilities with one at 0 and one at 1 picked (clipped: no gradient), the rest inside.
        var p = Self.values(40, 0, 1, seed: 8).doubles
        let labels = Tensor([Int64(0), 3, 1, 2, 3, 0, 1, 2, 0, 3], shape: [10])
        p[0] = 0; p[4 * 1 + 3] = 1; p[4 * 4 + 3] = -0.0
        let probabilities = Tensor(p, shape: [10, 4], dtype: dtype)
        let eps = 1e-7
        func composite(_ x: Variable) -> Variable {
            -x.gather(labels.reshaped([10, 1]), axis: 1).reshaped([10]).clipped(min: eps, max: 1 - eps).log()
        }
        let a = Variable(probabilities, requiresGrad: true), b = Variable(probabilities, requiresGrad: true)
        let fusedLoss = a.sparseCrossEntropy(labels: labels, epsilon: eps)
        let compositeLoss = composite(b)
        #expect(fusedLoss.value.isIdentical(to: compositeLoss.value), "\(fusedLoss.value) vs \(compositeLoss.value)")
        let w = Self.values(12, -2, 2, seed: 9).converted(to: dtype).reshaped([12])[0..<10]
        try (fusedLoss * Variable(w)).sum().backward()
        try (compositeLoss * Variable(w)).sum().backward()
        #expect(a.grad!.isIdentical(to: b.grad!), "\(a.grad!) vs \(b.grad!)")
        // The recording road (second derivatives) gives the same first derivative too.
        let c = Variable(probabilities, requiresGrad: true)
        let recorded = try gradients(of: (c.sparseCrossEntropy(labels: labels, epsilon: eps) * Variable(w)).sum(),
                                     withRespectTo: [c], createGraph: true)[0]
        #expect(recorded.value.isIdentical(to: b.grad!))
    }
}
