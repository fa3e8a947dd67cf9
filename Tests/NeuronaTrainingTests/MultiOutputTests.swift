import Foundation
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// A two-input two-output `Graph` in `fit`, `evaluate` and `predict`, inputs and targets by
/// name, one loss per output with loss weights and per-output metrics, against Keras 3.15.1's
/// functional model on the same data and initial weights (`Fixtures/make_keras_training_fixtures.py`);
/// and misuse thrown as typed errors naming the names.
struct MultiOutputTests {
    let fixture = KerasTrainingFixture.shared

    /// Keras's model: `a` [3] and `b` [2] joined, a shared Dense(4, relu), `out_a` a 3-way
    /// softmax, `out_b` one linear unit.
    func graph() throws -> Graph {
        try Graph(inputs: [.init(name: "a", shape: [3]), .init(name: "b", shape: [2])],
                  nodes: [.init(name: "joined", layer: Concatenate(), inputs: ["a", "b"]),
                          .init(name: "shared", layer: Dense(units: 4, activation: .relu), inputs: ["joined"]),
                          .init(name: "out_a", layer: Dense(units: 3, activation: .softmax), inputs: ["shared"]),
                          .init(name: "out_b", layer: Dense(units: 1), inputs: ["shared"])],
                  outputs: ["out_a", "out_b"])
    }

    func compiledModel(_ name: String) throws -> Model {
        let model = Model(try graph())
        try model.network.loadWeights(fixture.initialWeights(
            name, layers: [("shared", "nodes.shared."), ("out_a", "nodes.out_a."), ("out_b", "nodes.out_b.")]))
        try model.compile(optimizer: SGD(learningRate: 0.1),
                          loss: ["out_a": "sparse_categorical_crossentropy", "out_b": "mse"],
                          lossWeights: ["out_a": 1, "out_b": 0.5],
                          metrics: ["out_a": ["accuracy"], "out_b": ["mae"]])
        return model
    }

    var inputs: [String: Tensor] { ["a": fixture.features("x"), "b": fixture.features("x_b")] }
    var targets: [String: Tensor] { ["out_a": fixture.labels("y"), "out_b": fixture.features("y_b")] }
    var validationInputs: [String: Tensor] { ["a": fixture.features("x_val"), "b": fixture.features("x_b_val")] }
    var validationTargets: [String: Tensor] { ["out_a": fixture.labels("y_val"), "out_b": fixture.features("y_b_val")] }

    func expectKerasFigures(_ name: String, sampleWeight: Tensor?) throws {
        let model = try compiledModel(name)
        let history = try model.fit(x: inputs, y: targets, epochs: 2, batchSize: 4, shuffle: false,
                                    validationData: (validationInputs, validationTargets), verbose: 0, sampleWeight: sampleWeight)
        // The same names as Keras's history (loss, out_a_loss, out_a_accuracy, val_out_b_mae, ...).
        let keras = fixture.history(name)
        expectEqual(Set(history.values.keys).subtracting(["seconds"]), Set(keras.keys))
        for (key, values) in keras {
            for (ours, theirs) in zip(history[key], values) {
                #expect(abs(ours - theirs) <= float32Tolerance(theirs), "\(key): \(history[key]) vs Keras \(values)")
            }
        }
        let result = try model.evaluate(x: validationInputs, y: validationTargets, batchSize: 4)
        expectEqual(Set(result.names), Set(fixture.scores(name).keys))
        for (key, value) in fixture.scores(name) {
            #expect(abs(result[key]! - value) <= float32Tolerance(value), "\(key): \(result[key]!) vs Keras \(value)")
        }
        let predictions = try model.predict(x: validationInputs, batchSize: 2)
        let expected = fixture.case(name)["predict"] as! [String: [[Double]]]
        for output in ["out_a", "out_b"] {
            let ours = predictions[output]!
            expectEqual(ours.shape, [5, expected[output]![0].count])
            for (a, b) in zip(ours.doubles, expected[output]!.flatMap { $0 }) {
                #expect(abs(a - b) <= float32Tolerance(b), "\(output): \(ours.doubles) vs Keras \(expected[output]!)")
            }
        }
    }

    @Test func fitEvaluateAndPredictMatchKerasFunctionalModel() throws {
        try expectKerasFigures("multi_output", sampleWeight: nil)
    }

    @Test func sampleWeightsWeighEveryOutputAsKerasDoes() throws {
        try expectKerasFigures("multi_output_sample_weight", sampleWeight: fixture.weights("sample_weight"))
    }

    /// The trainStep seam sees the batch by name: a replaced step receives `inputs` and `targets`.
    @Test func aReplacedStepReceivesTheNamedBatch() throws {
        final class Recording: Model {
            var seen: [(inputs: [String], targets: [String], examples: Int)] = []
            override func trainStep(_ batch: TrainingBatch) throws -> [String: Double] {
                seen.append((batch.inputs.keys.sorted(), batch.targets.keys.sorted(), batch.examples))
                return try super.trainStep(batch)
            }
        }
        let model = Recording(try graph())
        try model.compile(optimizer: "sgd", loss: ["out_a": "sparse_categorical_crossentropy", "out_b": "mse"])
        let history = try model.fit(x: inputs, y: targets, epochs: 1, batchSize: 4, verbose: 0)
        expectEqual(model.seen.map(\.examples), [4, 4, 2])
        #expect(model.seen.allSatisfy { $0.inputs == ["a", "b"] && $0.targets == ["out_a", "out_b"] })
        #expect(history["out_a_loss"].count == 1 && history["out_b_loss"].count == 1)
    }

    @Test func misuseThrowsNamingTheNames() throws {
        let model = Model(try graph())
        #expect(throws: TrainingError.names(what: "compile loss", expected: ["out_a", "out_b"], missing: ["out_b"], unknown: ["out_c"])) {
            try model.compile(optimizer: "sgd", loss: ["out_a": "mse", "out_c": "mse"])
        }
        try model.compile(optimizer: "sgd", loss: ["out_a": "sparse_categorical_crossentropy", "out_b": "mse"])
        #expect(throws: TrainingError.names(what: "fit inputs x", expected: ["a", "b"], missing: ["b"], unknown: [])) {
            try model.fit(x: ["a": fixture.features("x")], y: targets, verbose: 0)
        }
        #expect(throws: TrainingError.names(what: "fit inputs x", expected: ["a", "b"], missing: [], unknown: ["c"])) {
            try model.fit(x: inputs.merging(["c": fixture.features("x")]) { a, _ in a }, y: targets, verbose: 0)
        }
        #expect(throws: TrainingError.names(what: "evaluate targets y", expected: ["out_a", "out_b"], missing: ["out_b"], unknown: [])) {
            try model.evaluate(x: inputs, y: ["out_a": fixture.labels("y")])
        }
        #expect(throws: TrainingError.names(what: "predict inputs x", expected: ["a", "b"], missing: ["a"], unknown: [])) {
            try model.predict(x: ["b": fixture.features("x_b")])
        }
        #expect(throws: TrainingError.countMismatch(inputs: 10, targets: 5, what: "fit targets y[\"out_b\"]")) {
            try model.fit(x: inputs, y: ["out_a": fixture.labels("y"), "out_b": fixture.features("y_b_val")], verbose: 0)
        }
        #expect(throws: TrainingError.inputShape(expected: [2], got: [10, 3], what: "fit inputs x[\"b\"]")) {
            try model.fit(x: ["a": fixture.features("x"), "b": fixture.features("x")], y: targets, verbose: 0)
        }
        // One tensor for a graph of two outputs, or one loss for it: thrown, naming the outputs.
        #expect(throws: TrainingError.multipleInputs(names: ["a", "b"], what: "fit")) {
            try model.fit(x: fixture.features("x"), y: fixture.labels("y"), verbose: 0)
        }
        try model.compile(optimizer: "sgd", loss: "mse")
        #expect(throws: TrainingError.multipleOutputs(names: ["out_a", "out_b"], what: "fit")) {
            try model.fit(x: inputs, y: targets, verbose: 0)
        }
        let error = TrainingError.names(what: "fit inputs x", expected: ["a", "b"], missing: ["b"], unknown: ["c"])
        expectEqual(error.description, "fit inputs x: missing \"b\"; unknown \"c\"; the network's names are \"a\", \"b\"")
    }

    /// A graph of several outputs keeps them through its JSON description; one of one output
    /// writes no `outputs` (the files written before stay as they were).
    @Test func aGraphOfSeveralOutputsRoundTripsThroughItsConfig() throws {
        let graph = try graph()
        let copy = try Graph(config: graph.config)
        #expect(copy.outputs == ["out_a", "out_b"] && copy.output == "out_a")
        expectEqual(copy.outputShapes, ["out_a": [3], "out_b": [1]])
        let single = try Graph(inputs: [.init(name: "x", shape: [2])], nodes: [.init(name: "d", layer: Dense(units: 1), inputs: ["x"])], output: "d")
        let json = String(decoding: try JSONEncoder().encode(single.config), as: UTF8.self)
        #expect(!json.contains("outputs"))
        // Outputs are checked as the output is: an unknown node, one listed twice, and a JSON
        // "output" that is not the first of "outputs" are refused, naming the place.
        let nodes = graph.nodes, inputs = graph.inputs
        for (outputs, path) in [(["out_a", "nope"], "outputs[1]"), (["out_a", "out_a"], "outputs[1]"), ([], "outputs")] {
            #expect { try Graph(inputs: inputs, nodes: nodes, outputs: outputs) } throws: { error in
                "\(error)".contains(path)
            }
        }
        var config = graph.config
        config.output = "out_b"
        #expect { try Graph(config: config) } throws: { error in "\(error)".contains("\"out_b\" is not the first of \"outputs\"") }
    }
}

/// A graph of two inputs and one output trains with one loss and its targets under the
/// output's name; the logs are Keras's for one output (`loss` and the metrics, no `out_loss`).
struct TwoInputOneOutputTests {
    @Test func oneLossAndTheModelsMetricsServeTheOneOutput() throws {
        let dense = Dense(units: 1, useBias: false, kernelInitializer: .ones)
        let graph = try Graph(inputs: [.init(name: "a", shape: [2]), .init(name: "b", shape: [2])],
                              nodes: [.init(name: "sum", layer: Add(), inputs: ["a", "b"]),
                                      .init(name: "out", layer: dense, inputs: ["sum"])],
                              output: "out")
        let model = Model(graph)
        try model.compile(optimizer: SGD(learningRate: 0.1), loss: "mse", metrics: ["mae"])
        // a + b = [1, 2], times the kernel [1, 1]ᵀ: 3 against the target 1: squared error 4,
        // absolute error 2; every number is exact in float32.
        let x = ["a": Tensor([[1.0, 0]]), "b": Tensor([[0.0, 2]])], y = ["out": Tensor([[1.0]])]
        let result = try model.evaluate(x: x, y: y)
        #expect(result.names == ["loss", "mae"] && result.loss == 4 && result["mae"] == 2)
        let history = try model.fit(x: x, y: y, epochs: 1, batchSize: 1, verbose: 0)
        #expect(history["loss"] == [4] && history["mae"] == [2] && history["out_loss"].isEmpty)
        // The gradient 2·(3 − 1)·[1, 2] = [4, 8]: SGD at 0.1 takes the kernel to [0.6, 0.2]
        // (float32: a product and a difference, each rounded within 2⁻²⁴ of numbers below 1).
        let kernel = dense.weight!.value.doubles
        #expect(abs(kernel[0] - 0.6) <= 2 * 0x1p-24 && abs(kernel[1] - 0.2) <= 2 * 0x1p-24, "\(kernel)")
        let predictions = try model.predict(x: x)
        expectEqual(predictions.keys.sorted(), ["out"])
    }
}
