import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLosses
import Testing
import _NeuronaTestSupport

/// Every loss with every reduction against PyTorch (Fixtures/loss_oracles.*, written by
/// Tests/Oracles/make_oracles.py with PyTorch in float64): the loss and its gradient with respect
/// to the predictions (for reduction `none`, of `sum(loss * G)`), to 1e-10 in float64 and 1e-5
/// in float32.
///
/// Per-sample losses are the mean over each sample's values, as Keras. Where Neurona follows Keras
/// rather than PyTorch the reference applies Keras's rule explicitly: probabilities are clipped to
/// [1e-7, 1 − 1e-7] before a log (PyTorch's `binary_cross_entropy` clamps the log at −100
/// instead; a case with probabilities of exactly 0 and 1 checks the clip), and categorical
/// cross-entropy from probabilities first divides each row by its sum.
struct LossOracleTests {
    static let fixture = Result {
        try OracleFixture<LossOracleCase>(folder: try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)),
                                          name: "loss_oracles")
    }

    static var names: [String] { ((try? fixture.get().cases) ?? []).map(\.name) }

    @Test(arguments: names, [DType.float64, .float32])
    func loss(_ name: String, _ dtype: DType) throws {
        let fixture = try Self.fixture.get()
        let c = try #require(fixture.cases.first { $0.name == name })
        let loss = try LossRegistry.default.make(fromJSON: c.lossJSON)
        let predictions = Variable(try fixture.tensor(c.predictions, dtype), requiresGrad: true)
        let targets = try fixture.tensor(c.targets, c.targetsDType == "int64" ? .int64 : dtype)
        let value = loss(predictions, targets)
        let expected = try fixture.tensor(c.output)
        let outputError = oracleError(value.value, expected)
        try value.backward(seed: try c.upstream.map { try fixture.tensor($0, dtype) })
        let gradientError = try predictions.grad.map { oracleError($0, try fixture.tensor(c.predictionGradient)) } ?? .infinity
        let tolerance = oracleTolerance(dtype)
        #expect(outputError <= tolerance, "\(name) in \(dtype): loss off by \(outputError) (shape \(value.shape), expected \(expected.shape))")
        #expect(gradientError <= tolerance, "\(name) in \(dtype): gradient off by \(gradientError)")
    }

    /// Every registered loss with every reduction (a missing fixture would otherwise leave the
    /// test above with no arguments).
    @Test func fixtureCoversEveryLossAndReduction() throws {
        let fixture = try Self.fixture.get()
        let types = ["mse", "mae", "huber", "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy"]
        for type in types {
            for reduction in ["mean", "sum", "none"] {
                #expect(fixture.cases.contains { c in
                    guard case .object(let o) = c.loss, case .string(type)? = o["type"], case .string(reduction)? = o["reduction"] else { return false }
                    return true
                }, "\(type) with reduction \(reduction)")
            }
        }
        expectEqual(fixture.cases.count, 42)
    }
}
