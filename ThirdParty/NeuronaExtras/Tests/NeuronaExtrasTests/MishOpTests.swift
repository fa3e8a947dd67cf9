import NeuronaAutograd
import NeuronaCore
import NeuronaExtras
import Testing

@Suite struct MishOpTests {
    static let points: [Double] = [-2, -1, 0.5, 1, 3]

    @Test func valuesAndGradientsMatchPyTorch() throws {
        // torch.nn.functional.mish and autograd in float64 (torch 2.13.0).
        let expectedValues = [-0.2525014826957089, -0.30340146137410895, 0.3752452113048951, 0.8650983882673103, 2.9865350049679575]
        let expectedGradients = [-0.1083550924203939, 0.059216755877395014, 0.8864243753577272, 1.0490362200997922, 1.0211069109294435]
        let x = Variable(Tensor(Self.points, shape: [5], dtype: .float64), requiresGrad: true)
        let y = x.mish()
        try y.sum().backward()
        for (value, expected) in zip(y.value.doubles, expectedValues) { #expect(abs(value - expected) < 1e-14) }
        for (gradient, expected) in zip(x.grad!.doubles, expectedGradients) { #expect(abs(gradient - expected) < 1e-14) }
    }

    /// This package's gradient checks, one per op it adds.
    static let cases = [
        GradientChecker.Case("mish, both signs", inputs: { [Tensor(points, shape: [5], dtype: .float64)] }) { $0[0].mish() },
    ]

    @Test func everyOpOfThePackageHasAGradientCheck() {
        let missing = GradientChecker.uncheckedOps([MishOp.op], cases: Self.cases)
        #expect(missing.isEmpty, "ops without a gradient check: \(missing)")
    }

    @Test func gradientsCheckToSecondOrder() {
        let x = Tensor(Self.points, shape: [5], dtype: .float64)
        for check in Self.cases {
            let result = check.check()
            #expect(result.passed, "\(check): \(result)")
        }
        let second = GradientChecker.checkSecondOrder(inputs: [x]) { $0[0].mish() }
        #expect(second.passed, "\(second)")
    }
}
