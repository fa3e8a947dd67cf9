import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaOptimizers
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// Networks without an input shape build themselves from the first batch (Keras's deferred build).
struct LazyBuildTests {
    private func layers() -> [any Layer] { [Dense(units: 16, activation: .relu), Dense(units: 3, activation: .softmax)] }

    @Test func aSequentialWithoutInputShapeBuildsInFitWithTheSameWeightsAsAnEagerBuild() throws {
        let (x, y) = blobs(48)
        let lazy = Model(Sequential(layers(), seed: 7), seed: 7)
        let eager = Model(try Sequential(layers(), inputShape: [4], seed: 7), seed: 7)
        for model in [lazy, eager] { try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy") }
        #expect(!lazy.network.isBuilt)
        let a = try lazy.fit(x: x, y: y, epochs: 2, verbose: .silent)
        let b = try eager.fit(x: x, y: y, epochs: 2, verbose: .silent)
        #expect(lazy.network.inputShape == [4] && lazy.network.outputShape == [3])
        expectEqual(a["loss"], b["loss"])
        expectEqual(lazy.network.weights(), eager.network.weights())
    }

    @Test func predictEvaluateAndADirectCallBuildToo() throws {
        let (x, y) = blobs(10)
        let eager = try Sequential(layers(), inputShape: [4], seed: 3)
        let predicted = Model(Sequential(layers(), seed: 3))
        #expect(try predicted.predict(x).isIdentical(to: eager(Variable(x)).value))
        let evaluated = Model(Sequential(layers(), seed: 3))
        try evaluated.compile(optimizer: "sgd", loss: "sparse_categorical_crossentropy")
        #expect(try evaluated.evaluate(x: x, y: y)["loss"]! > 0)
        expectEqual(evaluated.network.weights(), eager.weights())
        let called = Sequential(layers(), seed: 3)
        #expect(called(Variable(x)).value.isIdentical(to: eager(Variable(x)).value))
        let empty = Model(Sequential(layers(), seed: 3))
        try expectEqual(empty.predict(Tensor.zeros([0, 4])).shape, [0, 3])
    }

    @Test func aGraphWithoutInputShapeBuildsFromItsFirstBatch() throws {
        let nodes = [Graph.Node(name: "a", layer: Dense(units: 4, activation: .relu), inputs: ["x"]),
                     Graph.Node(name: "sum", layer: Add(), inputs: ["x", "a"])]
        let lazy = try Graph(inputs: [.init(name: "x")], nodes: nodes, output: "sum", seed: 5)
        #expect(!lazy.isBuilt)
        var generator = RandomGenerator(seed: 1)
        let x = Tensor.uniform([6, 4], low: -1, high: 1, using: &generator)
        let eager = try Graph(inputs: [.init(name: "x", shape: [4])],
                              nodes: [Graph.Node(name: "a", layer: Dense(units: 4, activation: .relu), inputs: ["x"]),
                                      Graph.Node(name: "sum", layer: Add(), inputs: ["x", "a"])], output: "sum", seed: 5)
        #expect(lazy(Variable(x)).value.isIdentical(to: eager(Variable(x)).value))
        expectEqual(lazy.config.inputs, [.init(name: "x", shape: [4])])   // saved with the shape it was built for
    }
}
