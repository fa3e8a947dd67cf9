import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

struct DenseTests {
    @Test func forwardIsXTimesWPlusBThroughTheActivation() throws {
        let dense = Dense(units: 2, activation: .relu)
        try dense.build(inputShape: [3], seed: 1)
        try dense.loadWeights(["weight": Tensor([[1, -1], [2, 0], [0, 3]]), "bias": Tensor([0.5, -10])])
        let y = dense(Variable(Tensor([[1, 1, 1], [2, 0, -1]])))
        // [1,1,1]·W + b = [3.5, -8] → relu [3.5, 0]; [2,0,-1]·W + b = [2.5, -15] → [2.5, 0]
        expectEqual(y.value.doubles, [3.5, 0, 2.5, 0])
        #expect(dense.outputShape == [2] && dense.parameterCount == 8)
        expectEqual(dense.namedParameters().map(\.name), ["weight", "bias"])
    }

    @Test func withoutBiasThereIsNoBiasParameter() throws {
        let dense = Dense(units: 4, useBias: false)
        try dense.build(inputShape: [2], seed: 1)
        #expect(dense.bias == nil)
        expectEqual(dense.namedParameters().map(\.name), ["weight"])
    }

    @Test(arguments: ["linear", "relu", "sigmoid", "tanh", "softmax", "elu", "gelu", "swish", "softplus", "cos", "rbf", "log_softmax"])
    func gradientsMatchFiniteDifferences(activation: String) throws {
        let dense = Dense(units: 3, activation: try ActivationFunction(activation), biasInitializer: .randomNormal(mean: 0, standardDeviation: 0.5))
        try dense.build(inputShape: [4], seed: 3)
        var g = RandomGenerator(seed: 5)
        let x = Tensor.normal([2, 4], dtype: .float64, using: &g)
        let result = GradientChecker.check(layer: dense, input: x)
        #expect(result.passed, "\(activation): \(result)")
    }

    @Test func appliesToTheLastAxisOfHigherRankInputs() throws {
        let dense = Dense(units: 5)
        try expectEqual(dense.build(inputShape: [7, 3], seed: 1), [7, 5])
        expectEqual(dense(Variable(Tensor.zeros([2, 7, 3]))).shape, [2, 7, 5])
    }

    @Test func sameSeedSameWeights() throws {
        let a = Dense(units: 16), b = Dense(units: 16), c = Dense(units: 16)
        try a.build(inputShape: [8], seed: 9)
        try b.build(inputShape: [8], seed: 9)
        try c.build(inputShape: [8], seed: 10)
        #expect(a.weight!.value.isIdentical(to: b.weight!.value))
        #expect(!a.weight!.value.isIdentical(to: c.weight!.value))
    }
}

struct InitializerTests {
    @Test func limitsAndMomentsFollowTheirFormulas() {
        var g = RandomGenerator(seed: 1)
        let glorot = Initializer.glorotUniform.make([400, 600], fanIn: 400, fanOut: 600, dtype: .float64, generator: &g)
        let limit = (6.0 / 1000).squareRoot()
        #expect(glorot.abs().max().item <= limit && glorot.abs().max().item > 0.99 * limit)
        let he = Initializer.heNormal.make([500, 400], fanIn: 500, fanOut: 400, dtype: .float64, generator: &g)
        #expect(abs(he.standardDeviation().item - (2.0 / 500).squareRoot()) < 0.002)
        let lecun = Initializer.lecunUniform.make([300, 300], fanIn: 300, fanOut: 300, dtype: .float64, generator: &g)
        #expect(lecun.abs().max().item <= (3.0 / 300).squareRoot())
        expectEqual(Initializer.constant(0.25).make([3], fanIn: 1, fanOut: 1, generator: &g).doubles, [0.25, 0.25, 0.25])
        expectEqual(Initializer.zeros.make([2], fanIn: 1, fanOut: 1, generator: &g).doubles, [0, 0])
        let normal = Initializer.randomNormal(mean: 1, standardDeviation: 0.1).make([20000], fanIn: 1, fanOut: 1, dtype: .float64, generator: &g)
        #expect(abs(normal.mean().item - 1) < 0.005)
    }

    @Test func initializersRoundTripThroughJSON() throws {
        for initializer in [Initializer.zeros, .ones, .constant(0.5), .randomUniform(min: -1, max: 2),
                            .randomNormal(mean: 0.1, standardDeviation: 3), .glorotUniform, .glorotNormal,
                            .heUniform, .heNormal, .lecunUniform, .lecunNormal] {
            let data = try JSONEncoder().encode(initializer)
            try expectEqual(JSONDecoder().decode(Initializer.self, from: data), initializer)
        }
    }
}

struct DropoutTests {
    @Test func invertedDropoutOnlyInTraining() throws {
        let dropout = Dropout(rate: 0.25, seed: 7)
        try dropout.build(inputShape: [10000], seed: 0)
        let x = Variable(Tensor.ones([1, 10000]))
        #expect(dropout(x).value.isIdentical(to: x.value))   // inference: identity
        dropout.isTraining = true
        let y = dropout(x).value
        let kept = (y .> 0).converted(to: .float32).mean().item
        #expect(abs(kept - 0.75) < 0.02)
        let keptScaled = Double(Float(1 / 0.75))   // a kept input is scaled by 1 / (1 − rate), in float32
        #expect(Set(y.doubles).isSubset(of: [0, keptScaled]))
        #expect(abs(y.mean().item - 1) < 0.03)
        // Same seed, same masks.
        let again = Dropout(rate: 0.25, seed: 7)
        try again.build(inputShape: [10000], seed: 0)
        again.isTraining = true
        #expect(again(x).value.isIdentical(to: y))
    }
}
import Foundation
