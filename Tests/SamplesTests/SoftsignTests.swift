import CustomLayers
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// The worked example of a third-party differentiable op (Samples/CustomLayers/Softsign.swift):
/// values, first and second derivatives against closed forms and finite differences, the layer
/// that uses it, and the plugin's own coverage test.
struct SoftsignTests {
    /// Points on both sides of 0, kept away from the kink of |x| at 0.
    static func points() -> Tensor {
        Tensor([-3, -1.5, -0.4, 0.3, 0.9, 2.5], shape: [2, 3], dtype: .float64)
    }

    static let cases: [GradientChecker.Case] = [
        .init("softsign, both signs", inputs: { [points()] }) { $0[0].softsign() },
        .init("softsign in a product", inputs: { [points(), points() * 0.5] }) { ($0[0] * $0[1]).softsign() },
    ]

    @Test func valuesAndDerivativesHaveTheirClosedForms() throws {
        // y = x/(1+|x|); y' = 1/(1+|x|)²; y'' = −2·sign(x)/(1+|x|)³. At x = 1: 0.5, 0.25, −0.25;
        // at x = −3: −0.75, 1/16, 2/64.
        let x = Variable(Tensor([1, -3], dtype: .float64), requiresGrad: true)
        let y = x.softsign()
        expectEqual(y.value.doubles, [0.5, -0.75])
        #expect(y.op == SoftsignOp.op && y.opName == "CustomLayers>softsign")
        let first = try gradients(of: y.sum(), withRespectTo: [x], createGraph: true)[0]
        let firstDerivative: [Double] = [0.25, 1.0 / 16]   // at x = 1 and x = −3
        expectEqual(first.value.doubles, firstDerivative)
        let second = try gradients(of: first.sum(), withRespectTo: [x])[0]
        let secondDerivative: [Double] = [-0.25, 2.0 / 64]
        expectEqual(second.value.doubles, secondDerivative)
    }

    @Test(arguments: cases)
    func firstOrderGradientsMatchFiniteDifferences(_ c: GradientChecker.Case) {
        let result = c.check()
        #expect(result.passed, "\(c): \(result)")
        #expect(result.recordedOps.contains(SoftsignOp.op))
    }

    @Test(arguments: cases)
    func secondOrderGradientsMatchFiniteDifferences(_ c: GradientChecker.Case) {
        let result = GradientChecker.checkSecondOrder(inputs: c.inputs(), c.function)
        #expect(result.passed, "\(c): \(result)")
        #expect(result.recordedOps.contains(SoftsignOp.op))
    }

    @Test func thePluginsOpsAllHaveAGradientCheck() {
        let missing = GradientChecker.uncheckedOps([SoftsignOp.op], cases: Self.cases)
        #expect(missing.isEmpty, "ops without a gradient check: \(missing)")
        #expect(DifferentiableOp.registered.contains(SoftsignOp.op))
    }

    @Test func theLayerAppliesTheOpAndPassesGradientsToADenseBelowIt() throws {
        let dense = Dense(units: 3)
        try dense.build(inputShape: [2], seed: 5)
        let layer = Softsign()
        try expectEqual(layer.build(inputShape: [3], seed: 0), [3])
        let x = Variable(Tensor([[1, -2], [0.5, 3]], dtype: .float32))
        let pre = dense(x)
        let y = layer(pre)
        #expect(y.op == SoftsignOp.op && y.shape == [2, 3])
        #expect(maxAbsoluteDifference(y.value, pre.value / (pre.value.abs() + 1)) < 1e-6)
        try y.sum().backward()
        #expect(dense.namedParameters().allSatisfy { $0.variable.grad != nil })
        #expect(throws: LayerError.self) { try Softsign().build(inputShape: [], seed: 0) }
    }

    @Test func thePluginRegistersTheLayerSoAJSONModelCanUseIt() throws {
        let registry = LayerRegistry()
        try registry.registerBuiltIns()
        #expect(throws: LayerError.self) { try registry.make(from: #"{"type": "Softsign"}"#) }
        try CustomLayersPlugin.register(into: registry)
        let model = try registry.make(from: """
            {"type": "Sequential", "input_shape": [2], "layers": [
              {"type": "Dense", "units": 3}, {"type": "Softsign"}]}
            """)
        let y = model(Variable(Tensor([[4, -1]], dtype: .float32)))
        #expect(y.shape == [1, 3] && y.value.doubles.allSatisfy { abs($0) < 1 })
        expectEqual(y.op, SoftsignOp.op)
    }
}
