import NeuronaAutograd
import NeuronaCore
import Testing
import _NeuronaTestSupport

/// Gradients of gradients (PyTorch's `create_graph=True`).
struct HigherOrderTests {
    @Test func secondDerivativeOfXCubed() throws {
        let x = Variable(Tensor([-1.5, 0.5, 2], dtype: .float64), requiresGrad: true)
        let y = x.pow(3).sum()
        let dy = try gradients(of: y, withRespectTo: [x], createGraph: true)[0]
        #expect(isClose(dy.value, Tensor([6.75, 0.75, 12], dtype: .float64), absolute: 1e-12))   // 3x²
        let d2y = try gradients(of: dy.sum(), withRespectTo: [x])[0]
        #expect(isClose(d2y.value, Tensor([-9, 3, 12], dtype: .float64), absolute: 1e-12))       // 6x
        // Through multiply too: x·x·x.
        let z = (x * x * x).sum()
        let dz = try gradients(of: z, withRespectTo: [x], createGraph: true)[0]
        let d2z = try gradients(of: dz.sum(), withRespectTo: [x])[0]
        #expect(isClose(d2z.value, Tensor([-9, 3, 12], dtype: .float64), absolute: 1e-12))
    }

    /// Max pooling's backward is a recorded op whose own derivative picks the winners back out:
    /// the gradient of a function of max pooling's gradient matches finite differences.
    @Test(arguments: [(2, 2), (3, 1)])
    func maxPoolIsDifferentiableTwice(kernelAndStride: (Int, Int)) {
        let (k, s) = kernelAndStride
        var generator = RandomGenerator(seed: 8)
        let x = Tensor.uniform([2, 5, 4, 3], low: -1, high: 1, dtype: .float64, using: &generator)
        let g = WindowGeometry(input: (5, 4), kernel: (k, k), strides: (s, s), same: true)
        let result = GradientChecker.checkSecondOrder(inputs: [x]) { v in v[0].maxPool2d(g).pow(3) }
        #expect(result.passed, "\(result)")
        #expect(result.recordedOps.contains(.maxPool2dGradient))
    }

    /// A small MLP's loss as a function of its flattened parameters.
    static func mlpLoss(_ w1: Variable, _ b1: Variable, _ w2: Variable, _ x: Tensor, _ y: Tensor) -> Variable {
        let h = (Variable(x).matmul(w1) + b1).tanh()
        let out = h.matmul(w2).sigmoid()
        return (out - Variable(y)).squared().mean()
    }

    @Test func hessianVectorProductOfAnMLPMatchesFiniteDifferences() throws {
        var g = RandomGenerator(seed: 4)
        let x = Tensor.normal([5, 3], dtype: .float64, using: &g)
        let y = Tensor.uniform([5, 1], dtype: .float64, using: &g)
        let params = [Tensor.normal([3, 4], dtype: .float64, using: &g),
                      Tensor.normal([4], dtype: .float64, using: &g),
                      Tensor.normal([4, 1], dtype: .float64, using: &g)]
        let vs = params.map { Tensor.normal($0.shape, dtype: .float64, using: &g) }

        func grads(at p: [Tensor], createGraph: Bool) throws -> ([Variable], [Variable]) {
            let vars = p.map { Variable($0, requiresGrad: true) }
            let loss = Self.mlpLoss(vars[0], vars[1], vars[2], x, y)
            return (vars, try gradients(of: loss, withRespectTo: vars, createGraph: createGraph))
        }
        // Analytic: H·v = ∇(∇L · v).
        let (vars, g1) = try grads(at: params, createGraph: true)
        var dot = (g1[0] * Variable(vs[0])).sum()
        for i in 1..<3 { dot = dot + (g1[i] * Variable(vs[i])).sum() }
        let hv = try gradients(of: dot, withRespectTo: vars).map(\.value)
        // Numeric: (∇L(p + εv) − ∇L(p − εv)) / 2ε.
        let eps = 1e-5
        let plus = try grads(at: zip(params, vs).map { $0 + $1 * eps }, createGraph: false).1.map(\.value)
        let minus = try grads(at: zip(params, vs).map { $0 - $1 * eps }, createGraph: false).1.map(\.value)
        for i in 0..<3 {
            let numeric = (plus[i] - minus[i]) / (2 * eps)
            #expect(hv[i].abs().max().item > 1e-4)   // not trivially zero
            #expect(isClose(hv[i], numeric, absolute: 1e-7, relative: 1e-5),
                    "parameter \(i): H·v differs from finite differences by \(maxAbsoluteDifference(hv[i], numeric))")
        }
    }

    /// A two-layer convolutional loss (tanh between the convolutions) as a function of the
    /// images and both kernels: second derivatives go through all three convolution ops.
    @Test func hessianVectorProductThroughConvolutionsMatchesFiniteDifferences() throws {
        var g = RandomGenerator(seed: 8)
        let first = WindowGeometry(input: (6, 5), kernel: (3, 3), strides: (1, 1), same: true)
        let second = WindowGeometry(input: (6, 5), kernel: (2, 2), strides: (2, 2), same: false)
        let params = [Tensor.normal([2, 6, 5, 2], dtype: .float64, using: &g),
                      Tensor.normal([3, 3, 2, 3], dtype: .float64, using: &g) * 0.5,
                      Tensor.normal([2, 2, 3, 2], dtype: .float64, using: &g) * 0.5]
        let vs = params.map { Tensor.normal($0.shape, dtype: .float64, using: &g) }

        func grads(at p: [Tensor], createGraph: Bool) throws -> ([Variable], [Variable]) {
            let vars = p.map { Variable($0, requiresGrad: true) }
            let hidden = vars[0].conv2d(vars[1], first).tanh()
            let loss = hidden.conv2d(vars[2], second).squared().mean()
            return (vars, try gradients(of: loss, withRespectTo: vars, createGraph: createGraph))
        }
        let (vars, g1) = try grads(at: params, createGraph: true)
        var dot = (g1[0] * Variable(vs[0])).sum()
        for i in 1..<3 { dot = dot + (g1[i] * Variable(vs[i])).sum() }
        let hv = try gradients(of: dot, withRespectTo: vars).map(\.value)
        let eps = 1e-5
        let plus = try grads(at: zip(params, vs).map { $0 + $1 * eps }, createGraph: false).1.map(\.value)
        let minus = try grads(at: zip(params, vs).map { $0 - $1 * eps }, createGraph: false).1.map(\.value)
        for i in 0..<3 {
            let numeric = (plus[i] - minus[i]) / (2 * eps)
            #expect(hv[i].abs().max().item > 1e-4)
            #expect(isClose(hv[i], numeric, absolute: 1e-7, relative: 1e-5),
                    "input \(i): H·v differs from finite differences by \(maxAbsoluteDifference(hv[i], numeric))")
        }
    }

    /// The same with relu inside the first convolution and a bias: the gradient taken with
    /// `createGraph` composes the differentiable ops, the finite differences use the one-pass
    /// backward (`Tensor.conv2dGradients`); the two must agree.
    @Test func hessianVectorProductThroughAReluConvolutionMatchesFiniteDifferences() throws {
        var g = RandomGenerator(seed: 9)
        let first = WindowGeometry(input: (6, 5), kernel: (3, 3), strides: (1, 1), same: true)
        let second = WindowGeometry(input: (6, 5), kernel: (2, 2), strides: (2, 2), same: false)
        let params = [Tensor.normal([2, 6, 5, 6], dtype: .float64, using: &g),
                      Tensor.normal([3, 3, 6, 3], dtype: .float64, using: &g) * 0.5,
                      Tensor.normal([3], dtype: .float64, using: &g),
                      Tensor.normal([2, 2, 3, 2], dtype: .float64, using: &g) * 0.5]
        let vs = params.map { Tensor.normal($0.shape, dtype: .float64, using: &g) }

        func grads(at p: [Tensor], createGraph: Bool) throws -> ([Variable], [Variable]) {
            let vars = p.map { Variable($0, requiresGrad: true) }
            let hidden = vars[0].conv2d(vars[1], first, bias: vars[2], relu: true)
            let loss = hidden.conv2d(vars[3], second).squared().mean()
            return (vars, try gradients(of: loss, withRespectTo: vars, createGraph: createGraph))
        }
        let (vars, g1) = try grads(at: params, createGraph: true)
        var dot = (g1[0] * Variable(vs[0])).sum()
        for i in 1..<4 { dot = dot + (g1[i] * Variable(vs[i])).sum() }
        let hv = try gradients(of: dot, withRespectTo: vars).map(\.value)
        let eps = 1e-6
        let plus = try grads(at: zip(params, vs).map { $0 + $1 * eps }, createGraph: false).1.map(\.value)
        let minus = try grads(at: zip(params, vs).map { $0 - $1 * eps }, createGraph: false).1.map(\.value)
        for i in 0..<4 {
            let numeric = (plus[i] - minus[i]) / (2 * eps)
            #expect(hv[i].abs().max().item > 1e-4)
            #expect(isClose(hv[i], numeric, absolute: 1e-7, relative: 1e-5),
                    "input \(i): H·v differs from finite differences by \(maxAbsoluteDifference(hv[i], numeric))")
        }
    }
}
