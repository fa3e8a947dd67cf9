import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLosses
import Testing
import _NeuronaTestSupport

struct LossTests {
    static func v<N: TensorLiteral>(_ nested: [N]) -> Variable { Variable(Tensor(nested, dtype: .float64), requiresGrad: true) }

    @Test func regressionLossesAgainstHandValues() {
        let p = Self.v([[1, 2], [3, 4]])
        let y = Tensor([[1, 1], [1, 1]], dtype: .float64)
        // Per sample: mean of (0, 1) and (4, 9) → 0.5, 6.5.
        expectEqual(MeanSquaredError()(p, y).value.item, 3.5)
        expectEqual(MeanSquaredError(reduction: .sum)(p, y).value.item, 7)
        expectEqual(MeanSquaredError(reduction: .none)(p, y).value.doubles, [0.5, 6.5])
        // |errors| (0, 1), (2, 3) → 0.5, 2.5.
        expectEqual(MeanAbsoluteError()(p, y).value.item, 1.5)
        // Huber δ = 1: errors 0, 1, 2, 3 → 0, 0.5, 1.5, 2.5 → per sample 0.25, 2.0.
        expectEqual(Huber()(p, y).value.item, 1.125)
        // δ = 2: 0.5·e² up to 2, then 2·(e − 1): 0, 0.5, 2, 4 → mean 1.625.
        expectEqual(Huber(delta: 2)(p, y).value.item, 1.625)
    }

    @Test func crossEntropiesAgainstHandValues() {
        // BCE: −log 0.9 and −log 0.8.
        let bce = BinaryCrossentropy(reduction: .none)(Self.v([[0.9], [0.2]]), Tensor([[1], [0]], dtype: .float64))
        #expect(isClose(bce.value, Tensor([-Foundation.log(0.9), -Foundation.log(0.8)], dtype: .float64), absolute: 1e-12))
        // CCE on one-hot: −log 0.7.
        let cce = CategoricalCrossentropy()(Self.v([[0.7, 0.2, 0.1]]), Tensor([[1, 0, 0]], dtype: .float64))
        #expect(abs(cce.value.item + Foundation.log(0.7)) < 1e-12)
        // Sparse, same thing with label 0.
        let sparse = SparseCategoricalCrossentropy()(Self.v([[0.7, 0.2, 0.1]]), Tensor([0], dtype: .int64))
        #expect(abs(sparse.value.item + Foundation.log(0.7)) < 1e-12)
        // From logits [2, 1, 0], label 0: log(e² + e + 1) − 2.
        let expected = Foundation.log(Foundation.exp(2.0) + Foundation.exp(1.0) + 1.0) - 2.0
        let logits = Self.v([[2, 1, 0]])
        #expect(abs(SparseCategoricalCrossentropy(fromLogits: true)(logits, Tensor([0], dtype: .int64)).value.item - expected) < 1e-12)
        #expect(abs(CategoricalCrossentropy(fromLogits: true)(logits, Tensor([[1, 0, 0]], dtype: .float64)).value.item - expected) < 1e-12)
    }

    @Test func probabilitiesOfExactlyZeroAndOneStayFinite() throws {
        let p = Self.v([[0], [1], [0], [1]])
        let y = Tensor([[1], [1], [0], [0]], dtype: .float64)
        let loss = BinaryCrossentropy()(p, y)
        #expect(loss.value.item.isFinite)
        #expect(abs(loss.value.item - 2 * -Foundation.log(1e-7) / 4) < 1e-6)
        try loss.backward()
        #expect(p.grad!.doubles.allSatisfy { $0.isFinite })
        let probs = Self.v([[1, 0, 0], [0, 1, 0]])
        let cce = CategoricalCrossentropy()(probs, Tensor([[0, 1, 0], [0, 1, 0]], dtype: .float64))
        #expect(cce.value.item.isFinite)
        let sparse = SparseCategoricalCrossentropy()(Self.v([[1, 0, 0]]), Tensor([1], dtype: .int64))
        #expect(sparse.value.item.isFinite && sparse.value.item > 16)
        let huge = Self.v([[1000], [-1000]])
        let fromLogits = BinaryCrossentropy(fromLogits: true)(huge, Tensor([[0], [1]], dtype: .float64))
        expectEqual(fromLogits.value.item, 1000)
        let ce = CategoricalCrossentropy(fromLogits: true)(Self.v([[1000, -1000]]), Tensor([[0, 1]], dtype: .float64))
        expectEqual(ce.value.item, 2000)
    }

    @Test func fromLogitsAgreesWithFromProbabilities() {
        var g = RandomGenerator(seed: 2)
        let logits = Tensor.normal([5, 4], dtype: .float64, using: &g)
        let labels = Tensor([0, 3, 1, 1, 2], dtype: .int64)
        let a = SparseCategoricalCrossentropy(fromLogits: true)(Variable(logits), labels).value.item
        let b = SparseCategoricalCrossentropy()(Variable(logits).softmax(), labels).value.item
        #expect(abs(a - b) < 1e-12)
        let binary = Tensor.normal([6, 1], dtype: .float64, using: &g)
        let targets = Tensor([[1], [0], [1], [1], [0], [0]], dtype: .float64)
        let c = BinaryCrossentropy(fromLogits: true)(Variable(binary), targets).value.item
        let d = BinaryCrossentropy()(Variable(binary).sigmoid(), targets).value.item
        #expect(abs(c - d) < 1e-9)
    }

    @Test func everyLossHasCorrectGradients() {
        var g = RandomGenerator(seed: 7)
        let x = Tensor.normal([3, 4], dtype: .float64, using: &g)
        let probs = Tensor.uniform([3, 4], low: 0.1, high: 0.9, dtype: .float64, using: &g)
        let target = Tensor.uniform([3, 4], dtype: .float64, using: &g)
        let oneHot = Tensor([0, 2, 3], dtype: .int64).oneHot(classes: 4, dtype: .float64)
        let labels = Tensor([0, 2, 3], dtype: .int64)
        let cases: [(String, Tensor, (Variable) -> Variable)] = [
            ("mse", x, { MeanSquaredError()($0, target) }),
            ("mae", x, { MeanAbsoluteError()($0, target) }),
            ("huber", x, { Huber(delta: 0.5)($0, target) }),
            ("bce", probs, { BinaryCrossentropy()($0, target) }),
            ("bce logits", x, { BinaryCrossentropy(fromLogits: true)($0, target) }),
            ("cce", probs, { CategoricalCrossentropy()($0, oneHot) }),
            ("cce logits", x, { CategoricalCrossentropy(fromLogits: true)($0, oneHot) }),
            ("sparse", probs, { SparseCategoricalCrossentropy()($0, labels) }),
            ("sparse logits", x, { SparseCategoricalCrossentropy(fromLogits: true, reduction: .sum)($0, labels) }),
        ]
        for (name, input, loss) in cases {
            let result = GradientChecker.check(inputs: [input]) { loss($0[0]) }
            #expect(result.passed, "\(name): \(result)")
        }
    }

    @Test func registryUsesKerasNames() throws {
        let names = LossRegistry.default.names
        for name in ["mse", "mean_squared_error", "mae", "mean_absolute_error", "huber", "binary_crossentropy",
                     "categorical_crossentropy", "sparse_categorical_crossentropy"] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(try LossRegistry.default.make("mse") is MeanSquaredError)
        let logits = try LossRegistry.default.make(fromJSON: #"{"type": "categorical_crossentropy", "from_logits": true, "reduction": "sum"}"#)
        #expect((logits as? CategoricalCrossentropy)?.fromLogits == true && logits.reduction == .sum)
        #expect(throws: RegistryError.unknownName(kind: "loss", name: "msee", closest: ["mse", "mae"])) {
            try LossRegistry.default.make("msee")
        }
        do {
            _ = try LossRegistry.default.make(fromJSON: #"{"type": "huber", "delta": -1}"#)
            Issue.record("a negative delta was accepted")
        } catch {
            #expect("\(error)".contains("huber: delta must be positive"))
        }
    }
}
