import CustomLayers
import Foundation
import NeuronaAttention
import NeuronaAutograd
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaMetrics
import NeuronaNormalization
import NeuronaOptimizers
import NeuronaRecurrent
import NeuronaResidual
import NeuronaTraining

/// The registry the plugin lessons use: built-ins, every plugin, and the third-party Maxout.
func lessonRegistry() throws -> LayerRegistry {
    let registry = LayerRegistry()
    try registry.registerBuiltIns()
    try ResidualPlugin.register(into: registry)
    try NormalizationPlugin.register(into: registry)
    try RecurrentPlugin.register(into: registry)
    try AttentionPlugin.register(into: registry)
    try CustomLayersPlugin.register(into: registry)
    return registry
}

/// Lectures 000 and 003: vanishing gradients in a deep plain network, and how residual blocks
/// with batch normalization keep the gradient alive.
///
/// Twenty sigmoid layers of width 16 on a two-class problem (circles), against the same depth
/// built from residual blocks (Dense + BatchNormalization, identity shortcut) composed by name.
/// At the first step the plain network's gradient shrinks by orders of magnitude toward the
/// input; the residual one's does not. Both then train for the same epochs. (Batch norm's
/// momentum is 0.9 here, not Keras's 0.99: with twenty normalizations in a row, running
/// statistics that lag the fast-moving weights shift every layer's inputs at inference.)
/// `trainLimit` (tests) draws that many points instead of 1024.
public enum ResidualLesson: Lesson {
    public static let name = "residual"
    public static let lectures = ["000", "003"]
    public static let summary = "vanishing gradients: a deep plain net against residual blocks with batch norm"

    static let depth = 20

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let registry = try lessonRegistry()
        let data = SyntheticDatasets.circles(count: options.trainLimit ?? 1024, factor: 0.5, noise: 0.05, seed: options.seed)
        let y = data.labels.converted(to: .float32).reshaped([-1, 1])
        var plainLayers: [[String: Any]] = (0..<depth).map { _ in ["type": "Dense", "units": 16, "activation": "sigmoid"] }
        plainLayers.append(["type": "Dense", "units": 1, "activation": "sigmoid"])
        var residualLayers: [[String: Any]] = [["type": "Dense", "units": 16, "activation": "sigmoid"]]
        residualLayers += (1..<depth).map { _ in
            ["type": "ResidualBlock", "layers": [["type": "Dense", "units": 16], ["type": "BatchNormalization", "momentum": 0.9],
                                                 ["type": "Activation", "activation": "sigmoid"]]]
        }
        residualLayers.append(["type": "Dense", "units": 1, "activation": "sigmoid"])
        func model(_ layers: [[String: Any]]) throws -> any Layer {
            let json = try JSONSerialization.data(withJSONObject: ["type": "Sequential", "input_shape": [2], "layers": layers])
            let m = try registry.make(from: json)
            try m.build(inputShape: [2], seed: options.seed)
            return m
        }
        let plain = try model(plainLayers), residual = try model(residualLayers)

        /// The gradient norm of each hidden layer's weight at the first step: per layer `i` of
        /// the `depth` hidden ones, its Dense kernel (`layers.i.weight`, or inside a residual
        /// block `layers.i.layers.0.weight`; batch norm's scale, also named `weight`, is not one).
        func gradientNorms(_ network: any Layer) throws -> (names: [String], norms: [Double]) {
            network.isTraining = true
            defer { network.isTraining = false }
            let rows = Swift.min(128, data.features.shape[0])
            let loss = BinaryCrossentropy()(network(Variable(data.features.slice(axis: 0, start: 0, end: rows))),
                                            y.slice(axis: 0, start: 0, end: rows))
            try loss.backward()
            let parameters = network.namedParameters()
            let kernels = try (0..<depth).map { i in
                guard let kernel = parameters.first(where: { ["layers.\(i).weight", "layers.\(i).layers.0.weight"].contains($0.name) }) else {
                    throw LayerError.invalidDescription(path: "layers.\(i)", message: "the residual lesson expects a Dense kernel here")
                }
                return kernel
            }
            let norms = kernels.map { ($0.variable.grad!.squared().sum().item).squareRoot() }
            for p in parameters { p.variable.grad = nil }
            return (kernels.map(\.name), norms)
        }
        let (plainNames, plainNorms) = try gradientNorms(plain), (residualNames, residualNorms) = try gradientNorms(residual)

        let epochs = options.epochs ?? 30
        func train(_ network: any Layer) throws -> Double {
            let m = Model(network, seed: options.seed)
            m.compile(optimizer: Adam(learningRate: 0.01), loss: BinaryCrossentropy(), metrics: [Accuracy()])
            try m.fit(x: data.features, y: y, epochs: epochs, batchSize: 32, verbose: .silent)
            return try m.evaluate(x: data.features, y: y)["accuracy"]!
        }
        let plainAccuracy = try train(plain), residualAccuracy = try train(residual)

        func row(_ norms: [Double]) -> String { norms.map { String(format: "%.1e", $0) }.joined(separator: " ") }
        let text = """
        Vanishing gradients (lectures 000, 003): \(depth) sigmoid layers of width 16 on the circles data

        Gradient norm of each hidden layer's weight at the first step (input side first):
          plain:    \(row(plainNorms))
          residual: \(row(residualNorms))
        The plain network's gradient shrinks by a factor \(String(format: "%.0e", plainNorms.last! / Swift.max(plainNorms.first!, 1e-300))) from the last hidden layer to the first:
        σ' ≤ 1/4, multiplied layer after layer. The residual blocks' identity shortcuts carry the
        gradient past every layer, and batch normalization keeps the sigmoids away from saturation.

        After \(counted(epochs, "epoch")) of Adam (η = 0.01):
          plain accuracy     \(format(plainAccuracy, 4))
          residual accuracy  \(format(residualAccuracy, 4))
        """
        return try LessonReport(text: text + drawPictures(plain: plainNorms, residual: residualNorms, options: options), figures: [
            "plain_grad_norms": .numbers(plainNorms), "residual_grad_norms": .numbers(residualNorms),
            "plain_grad_norm_parameters": .array(plainNames.map { .string($0) }),
            "residual_grad_norm_parameters": .array(residualNames.map { .string($0) }),
            "plain_accuracy": .number(plainAccuracy), "residual_accuracy": .number(residualAccuracy),
            "epochs": .number(Double(epochs)),
        ])
    }
}

/// Lecture 003: the three topologies — sequential, acyclic (an inception-style block of parallel
/// branches) and cyclic (recurrent) — each built from a JSON file in the sample's resources
/// through the registry, and trained briefly on a task that suits it. `trainLimit` (tests) keeps
/// the first examples of each data set only.
public enum ArchitecturesLesson: Lesson {
    public static let name = "architectures"
    public static let lectures = ["003"]
    public static let summary = "sequential, acyclic (inception-style) and recurrent models built from JSON"

    static func description(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Architectures") else {
            throw DataError(.notFound, file: name + ".json", "missing sample resource")
        }
        return try Data(contentsOf: url)
    }

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let registry = try lessonRegistry()
        let epochs = options.epochs ?? 20
        var figures: [String: JSONValue] = [:]
        var text = "Three topologies from JSON (lecture 003), made by the layer registry\n"

        func train(_ name: String, _ allX: Tensor, _ allY: Tensor, loss: any Loss, what: String) throws {
            let count = Swift.min(options.trainLimit ?? allX.shape[0], allX.shape[0])
            let (x, y) = (allX.slice(axis: 0, start: 0, end: count), allY.slice(axis: 0, start: 0, end: count))
            let network = try registry.make(from: description(name))
            try network.build(inputShape: Array(x.shape.dropFirst()), seed: options.seed)
            let model = Model(network, seed: options.seed)
            model.compile(optimizer: Adam(learningRate: 0.01), loss: loss, metrics: [Accuracy()])
            let split = try trainTestSplit(x, y, testFraction: 0.25, seed: options.seed)
            try model.fit(x: split.trainInputs, y: split.trainTargets, epochs: epochs, batchSize: 32, verbose: .silent)
            let accuracy = try model.evaluate(x: split.testInputs, y: split.testTargets)["accuracy"]!
            figures[name] = .object(["parameters": .number(Double(network.parameterCount)), "test_accuracy": .number(accuracy)])
            text += "\n\(name).json: \(what)\n" + network.summary().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
            text += "\n  test accuracy \(format(accuracy, 4)) after \(counted(epochs, "epoch"))\n"
        }

        let moons = SyntheticDatasets.moons(count: 800, noise: 0.1, seed: options.seed)
        try train("sequential", moons.features, moons.labels, loss: SparseCategoricalCrossentropy(),
                  what: "a chain of layers (with the third-party Maxout) on two interleaving moons")
        let digits = try BundledDatasets.digits()
        try train("inception", (digits.features / 16).reshaped([-1, 8, 8, 1]), digits.targets, loss: SparseCategoricalCrossentropy(),
                  what: "an inception-style block: 1×1, 3×3, 5×5 and pooling branches concatenated, on 8×8 digits")
        // Sequences of 8 numbers: class 1 when their sum is positive.
        var g = RandomGenerator(seed: options.seed)
        let sequences = Tensor.uniform([800, 8, 1], low: -1, high: 1, using: &g)
        let positive = (sequences.sum(axes: [1, 2]) .> 0).converted(to: .float32).reshaped([-1, 1])
        try train("recurrent", sequences, positive, loss: BinaryCrossentropy(),
                  what: "an LSTM reading 8 numbers one at a time; is their sum positive?")
        figures["epochs"] = .number(Double(epochs))
        return LessonReport(text: text, figures: figures)
    }
}

/// Sequence models: an LSTM and a small Transformer encoder learn the running-sum task —
/// predict the sum of 10 numbers in [−1, 1] read in order. Metric: R² on held-out sequences.
public enum SequenceLesson: Lesson {
    public static let name = "sequence"
    public static let lectures = ["003"]
    public static let summary = "an LSTM and a Transformer encoder learning the sum of a sequence"

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let registry = try lessonRegistry()
        var g = RandomGenerator(seed: options.seed)
        let count = options.trainLimit ?? 2000
        let x = Tensor.uniform([count, 10, 1], low: -1, high: 1, using: &g)
        let y = x.sum(axes: [1])
        let split = try trainTestSplit(x, y, testFraction: 0.2, seed: options.seed)
        let epochs = options.epochs ?? 30
        let descriptions = [
            ("lstm", #"{"type": "Sequential", "input_shape": [10, 1], "layers": [{"type": "LSTM", "units": 16}, {"type": "Dense", "units": 1}]}"#),
            ("transformer", #"{"type": "Sequential", "input_shape": [10, 1], "layers": [{"type": "Dense", "units": 8}, {"type": "PositionalEncoding"}, {"type": "TransformerEncoder", "num_heads": 2, "key_dim": 4, "ff_dim": 16}, {"type": "GlobalAveragePooling1D"}, {"type": "Dense", "units": 1}]}"#),
        ]
        var figures: [String: JSONValue] = [:]
        var text = "The running sum of 10 numbers (\(split.trainInputs.shape[0]) training sequences, \(counted(epochs, "epoch")), MSE, Adam)\n"
        for (name, json) in descriptions {
            let network = try registry.make(from: json)
            try network.build(inputShape: [10, 1], seed: options.seed)
            let model = Model(network, seed: options.seed)
            model.compile(optimizer: Adam(learningRate: 0.005), loss: MeanSquaredError(), metrics: [R2Score()])
            try model.fit(x: split.trainInputs, y: split.testTargets.rank == 2 ? split.trainTargets : split.trainTargets,
                          epochs: epochs, batchSize: 32, verbose: .silent)
            let r2 = try model.evaluate(x: split.testInputs, y: split.testTargets)["r2"]!
            figures[name] = .object(["final_metric": .number(r2), "parameters": .number(Double(network.parameterCount))])
            text += "  \(name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(network.parameterCount) parameters, test R² \(format(r2, 4))\n"
        }
        figures["train_count"] = .number(Double(split.trainInputs.shape[0]))
        figures["epochs"] = .number(Double(epochs))
        return LessonReport(text: text, figures: figures)
    }
}
