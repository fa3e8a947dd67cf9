import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// A layer with one parameter and one buffer (a stand-in for batch norm's running statistics),
/// so that Keras's per-layer order of `model.weights` can be seen.
final class ScaleWithCount: Layer {
    static let typeName = "ScaleWithCount"
    var inputShape: [Int]?
    var outputShape: [Int]?
    var isTraining = false
    var isTrainable = true
    let scale = Variable(Tensor([2, 2, 2], shape: [3], dtype: .float32), requiresGrad: true)
    let count = Variable(Tensor([0], shape: [1], dtype: .float32))
    func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        self.inputShape = inputShape
        outputShape = inputShape
        return inputShape
    }
    func callAsFunction(_ input: Variable) -> Variable { input * scale }
    func namedParameters() -> [NamedParameter] { [NamedParameter("scale", scale)] }
    func namedBuffers() -> [NamedParameter] { [NamedParameter("count", count)] }
    func encodeConfig(to encoder: Encoder) throws {}
}

/// Keras's model inspection on ``Model``: summary, layers, weights, getWeights, setWeights.
struct ModelLayersTests {
    func lectureModel() throws -> Model {
        Model(try Sequential([Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)],
                             inputShape: [28, 28], seed: 42))
    }

    @Test func layersAreTheTopLevelLayers() throws {
        let model = try lectureModel()
        expectEqual(model.layers.map(\.typeName), ["Flatten", "Dense", "Dense"])
        expectEqual((model.layers[1] as? Dense)?.outputShape, [128])
        let single = Model(Dense(units: 3))
        #expect(single.layers.count == 1 && single.layers[0] === single.network)
    }

    /// Keras's summary of lecture 002's model: 784·128 + 128 = 100,480 and 128·10 + 10 = 1,290.
    @Test func summaryPrintsTheKerasTable() throws {
        var lines: [String] = []
        try lectureModel().summary { lines.append($0) }
        let expected: [String] = [
            #"Model: "sequential""#,
            "Layer (type)                 Output Shape                 Param #",
            String(repeating: "=", count: 65),
            "layers.0 (Flatten)           (None, 784)                        0",
            String(repeating: "-", count: 65),
            "layers.1 (Dense)             (None, 128)                  100,480",
            String(repeating: "-", count: 65),
            "layers.2 (Dense)             (None, 10)                     1,290",
            String(repeating: "=", count: 65),
            "Total params: 101,770",
            "Trainable params: 101,770",
            "Non-trainable params: 0",
        ]
        expectEqual(lines, expected)
        try expectEqual(lectureModel().summaryText, lines.joined(separator: "\n"))
    }

    @Test func weightsComeLayerByLayerParametersThenBuffers() throws {
        let model = Model(try Sequential([Dense(units: 3), ScaleWithCount(), Dense(units: 1)], inputShape: [2]))
        #expect(model.weights.map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.1.scale", "layers.1.count",
                                              "layers.2.weight", "layers.2.bias"])
        expectEqual(model.getWeights().map(\.shape), [[2, 3], [3], [3], [1], [3, 1], [1]])
        expectEqual(model.getWeights()[2].scalars(as: Float.self), [2, 2, 2])
    }

    @Test func setWeightsRoundTripsAndConverts() throws {
        let source = try lectureModel()
        let target = Model(try Sequential([Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)],
                                          inputShape: [28, 28], seed: 7))
        #expect(target.getWeights()[0] != source.getWeights()[0])
        try target.setWeights(source.getWeights())
        expectEqual(target.getWeights(), source.getWeights())
        let x = Tensor.ones([2, 28, 28])
        try expectEqual(target.predict(x), source.predict(x))
        // float64 values are converted to the weights' float32.
        try target.setWeights(source.getWeights().map { $0.converted(to: .float64) })
        #expect(target.getWeights().allSatisfy { $0.dtype == .float32 })
    }

    @Test func setWeightsRefusesAWrongCountOrShapeNamingTheWeight() throws {
        let model = Model(try Sequential([Dense(units: 3), Dense(units: 1)], inputShape: [2]))
        let before = model.getWeights()
        #expect(throws: TrainingError.weightCount(expected: 4, got: 3, names: ["layers.0.weight", "layers.0.bias",
                                                                             "layers.1.weight", "layers.1.bias"])) {
            try model.setWeights(Array(before.prefix(3)))
        }
        var wrong = before
        wrong[2] = Tensor.zeros([1, 3])
        wrong[0] = Tensor.ones([2, 3])
        let error = #expect(throws: TrainingError.self) { try model.setWeights(wrong) }
        expectEqual(error, .weightShape(index: 2, name: "layers.1.weight", layer: "layers.1 (Dense)", expected: [3, 1], got: [1, 3]))
        expectEqual("\(error!)", "setWeights: tensor 2 is for layers.1.weight of layers.1 (Dense), shape [3, 1]; got shape [1, 3]; no weight was changed")
        expectEqual(model.getWeights(), before)
        expectEqual("\(TrainingError.weightCount(expected: 2, got: 1, names: ["a", "b"]))", "setWeights: the model has 2 weights (a, b), got 1 tensors")
    }
}
