import NeuronaAutograd
import NeuronaCore
import Testing
import _NeuronaTestSupport

/// `x³` as a custom op, its backward `3x²·g` written in Variable ops: simple enough that every
/// derivative has a closed form to compare with.
private struct Cube: CustomOp {
    static let op = DifferentiableOp.register("cube", package: "Tests")
    func forward(_ x: [Tensor]) -> Tensor { x[0] * x[0] * x[0] }
    func backward(gradient: Variable, output: Variable, inputs x: [Variable]) -> [Variable?] {
        [gradient * x[0].squared() * 3]
    }
}

/// `a·sin(b)` with a setting (`scale`) held by the op, two inputs, both differentiated.
private struct ScaledSineProduct: CustomOp {
    static let op = DifferentiableOp.register("scaledSineProduct", package: "Tests")
    var scale: Double
    func forward(_ x: [Tensor]) -> Tensor { x[0] * x[1].sin() * scale }
    func backward(gradient: Variable, output: Variable, inputs x: [Variable]) -> [Variable?] {
        [gradient * x[1].sin() * scale, gradient * x[0] * x[1].cos() * scale]
    }
}

/// Like Cube, with its gradient deliberately doubled: the checker must reject it.
private struct WrongCube: CustomOp {
    static let op = DifferentiableOp.register("wrongCube", package: "Tests")
    func forward(_ x: [Tensor]) -> Tensor { x[0] * x[0] * x[0] }
    func backward(gradient: Variable, output: Variable, inputs x: [Variable]) -> [Variable?] {
        [gradient * x[0].squared() * 6]
    }
}

struct CustomOpTests {
    static func u(_ shape: [Int], _ low: Double = -1, _ high: Double = 1, seed: UInt64 = 3) -> Tensor {
        var g = RandomGenerator(seed: seed)
        return Tensor.uniform(shape, low: low, high: high, dtype: .float64, using: &g)
    }

    /// The cases of this file's ops, in the form a plugin's coverage test uses.
    static let cases: [GradientChecker.Case] = [
        .init("cube", inputs: { [u([2, 3])] }) { Cube()($0[0]) },
        .init("scaled sine product, broadcast-free", inputs: { [u([4]), u([4], -3, 3, seed: 4)] }) {
            ScaledSineProduct(scale: 1.5)($0[0], $0[1])
        },
    ]

    @Test func forwardValueAndNodeAreRecorded() throws {
        let x = Variable(Tensor([2, -1], dtype: .float64), requiresGrad: true)
        let y = Cube()(x)
        expectEqual(y.value.doubles, [8, -1])
        #expect(y.op == Cube.op && y.opName == "Tests>cube" && y.requiresGrad)
        try y.sum().backward()
        expectEqual(x.grad!.doubles, [12, 3])   // 3x²
    }

    @Test func withoutGradientsNothingIsRecorded() {
        let x = Variable(Tensor([2], dtype: .float64), requiresGrad: true)
        let y = withNoGrad { Cube()(x) }
        #expect(!y.requiresGrad && y.op == Cube.op && y.value.doubles == [8])
        #expect(!Cube()(Variable(Tensor([2], dtype: .float64))).requiresGrad)
    }

    @Test(arguments: cases)
    func firstOrderGradientsMatchFiniteDifferences(_ c: GradientChecker.Case) {
        let result = c.check()
        #expect(result.passed, "\(c): \(result)")
    }

    @Test(arguments: cases)
    func secondOrderGradientsMatchFiniteDifferences(_ c: GradientChecker.Case) {
        let result = GradientChecker.checkSecondOrder(inputs: c.inputs(), c.function)
        #expect(result.passed, "\(c): \(result)")
        // The second-order check differentiates through the custom op's backward rule.
        #expect(result.recordedOps.contains(.multiply))
    }

    @Test func secondAndThirdDerivativesHaveTheirClosedForms() throws {
        // d/dx x³ = 3x², d²/dx² = 6x, d³/dx³ = 6; at x = 2: 12, 12, 6.
        let x = Variable(Tensor([2], dtype: .float64), requiresGrad: true)
        let y = Cube()(x).sum()
        let first = try gradients(of: y, withRespectTo: [x], createGraph: true)[0]
        expectEqual(first.value.doubles, [12])
        let second = try gradients(of: first.sum(), withRespectTo: [x], createGraph: true)[0]
        expectEqual(second.value.doubles, [12])
        let third = try gradients(of: second.sum(), withRespectTo: [x])[0]
        expectEqual(third.value.doubles, [6])
    }

    @Test func theFunctionFormRecordsTheSameOp() throws {
        let x = Variable(Tensor([0.5, -2], dtype: .float64), requiresGrad: true)
        let y = Variable.custom(Cube.op, inputs: [x], forward: { $0[0].pow(3) },
                                backward: { g, _, x in [g * x[0].squared() * 3] })
        expectEqual(y.op, Cube.op)
        try y.sum().backward()
        expectEqual(x.grad!.doubles, [0.75, 12])
    }

    @Test func aNilGradientLeavesAnInputOut() throws {
        // A custom op that treats its second input as a constant (like an index tensor).
        let a = Variable(Tensor([1, 2], dtype: .float64), requiresGrad: true)
        let b = Variable(Tensor([3, 4], dtype: .float64), requiresGrad: true)
        let op = DifferentiableOp.register("scaleBy", package: "Tests")
        let y = Variable.custom(op, inputs: [a, b], forward: { $0[0] * $0[1] }, backward: { g, _, x in [g * x[1], nil] })
        try y.sum().backward()
        expectEqual(a.grad!.doubles, [3, 4])
        #expect(b.grad == nil)
    }

    @Test func theCheckerRejectsAWrongBackwardRule() {
        let result = GradientChecker.check(inputs: [Self.u([3])]) { WrongCube()($0[0]) }
        #expect(!result.passed)
        expectEqual(result.recordedOps, [WrongCube.op])
    }

    @Test func registeredOpsJoinAllCases() {
        let op = DifferentiableOp.register("registered", package: "Tests")
        expectEqual(DifferentiableOp.register("registered", package: "Tests"), op)   // idempotent
        expectEqual(DifferentiableOp.registered.filter { $0 == op }.count, 1)
        // Registered ops are the plugins' to check; allCases stays the built-ins the core checks.
        #expect(!DifferentiableOp.allCases.contains(op))
    }

    @Test func theBuiltInsAreTheOpsOfTheFormerEnumAndTheFusedOnes() {
        // The closed enum this type replaced had 52 cases; every one is still a built-in, once.
        // Max pooling with its gradient (recorded as a gather before), conv2dRelu (a convolution
        // and its relu in one op), binaryCrossEntropy (eight ops before) and sparseCrossEntropy
        // (gather, reshape, clip, log and negate before) make 57.
        let builtIns = DifferentiableOp.allCases
        expectEqual(builtIns.count, 57)
        expectEqual(Set(builtIns).count, 57)
        #expect(builtIns.contains(.maxPool2d) && builtIns.contains(.maxPool2dGradient))
        #expect(builtIns.contains(.conv2dRelu) && builtIns.contains(.binaryCrossEntropy))
        #expect(builtIns.contains(.sparseCrossEntropy))
        #expect(DifferentiableOp.add.rawValue == "add" && DifferentiableOp.`where`.rawValue == "where")
        #expect(builtIns.contains(.conv2dKernelGradient) && builtIns.contains(.logSoftmax))
        expectEqual((Variable(Tensor([1.0]), requiresGrad: true) + 1).op, .addScalar)
    }

    @Test func uncheckedOpsListsTheOpsNoCaseRecords() {
        let mine = [Cube.op, ScaledSineProduct.op, WrongCube.op]
        expectEqual(GradientChecker.uncheckedOps(mine, cases: Self.cases), [WrongCube.op])
        // Each case's forward is one custom node: no built-in is covered by these cases.
        expectEqual(GradientChecker.uncheckedOps(cases: Self.cases), DifferentiableOp.allCases)
        let withASum = GradientChecker.Case("cube, summed", inputs: { [Self.u([3])] }) { Cube()($0[0]).sum() }
        expectEqual(GradientChecker.uncheckedOps([.sum, .multiply], cases: [withASum]), [.multiply])
    }

    @Test func recordedOpsFollowsOnlyTheDifferentiablePath() {
        let ops = GradientChecker.recordedOps(inputs: [Self.u([3])]) { v in
            Cube()(v[0]) + Variable(Tensor([1, 2, 3], dtype: .float64)).exp()
        }
        expectEqual(ops, [Cube.op, .add])
    }
}
