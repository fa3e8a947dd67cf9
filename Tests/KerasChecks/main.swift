// keras-checks: writes .keras files of models built in Swift, one per layer family, with
// Neurona's prediction for a fixed input, for Scripts/keras-checks.py to load in Keras and compare
// (Scripts/keras-checks.sh, run by `make test`).
//
// Usage: keras-checks <folder>   writes <name>.keras and <name>.safetensors (input; expected:
// Neurona's float32 prediction; reference: the same model's float64 prediction; rounding:
// ρ = max(|expected − reference|, u·max|reference|), Neurona's own rounding, from which the Python
// side derives its bound).
import Foundation
import NeuronaAttention
import NeuronaAutograd
import NeuronaCore
import NeuronaKeras
import NeuronaLayers
import NeuronaNormalization
import NeuronaRecurrent
import NeuronaTraining

guard CommandLine.arguments.count == 2 else {
    print("usage: keras-checks <folder>")
    exit(2)
}
let folder = URL(fileURLWithPath: CommandLine.arguments[1])

/// Every weight redrawn from a seeded normal (scale 0.5; running variances on [0.5, 1.5]) so no
/// bias is zero and no mapping mistake hides behind an initial value.
func randomize(_ network: any Layer, seed: UInt64) throws {
    var generator = RandomGenerator(seed: seed)
    var weights = network.weights()
    for key in weights.keys.sorted() {
        let shape = weights[key]!.shape
        weights[key] = key.hasSuffix("running_var")
            ? Tensor.uniform(shape, low: 0.5, high: 1.5, using: &generator)
            : Tensor.normal(shape, standardDeviation: 0.5, using: &generator)
    }
    try network.loadWeights(weights)
}

/// The model's prediction for `x`; a graph of several outputs gives them side by side, each
/// example's outputs flattened in the graph's order (as keras-checks.py lays out Keras's list).
func prediction(_ model: Model, _ x: Tensor) throws -> Tensor {
    guard let graph = model.network as? Graph, graph.outputs.count > 1 else { return try model.predict(x) }
    let outputs = try model.predict(x: [graph.inputs[0].name: x])
    return Tensor.concatenate(graph.outputs.map { outputs[$0]!.reshaped([x.shape[0], -1]) }, axis: 1)
}

func write(_ name: String, _ network: any Layer, input: [Int], seed: UInt64) throws {
    try randomize(network, seed: seed)
    var generator = RandomGenerator(seed: 1000 + seed)
    let x = Tensor.normal([3] + input, using: &generator)
    let model = Model(network)
    let expected = try prediction(model, x)
    let url = folder.appendingPathComponent("\(name).keras")
    try model.save(keras: url)
    // Neurona's rounding: the same model, read back, in float64.
    let precise = try Model.load(keras: url)
    precise.network.convertParameters(to: .float64)
    let reference = try prediction(precise, x.converted(to: .float64))
    let u = Double(Float.ulpOfOne) / 2
    let scale = reference.abs().max().doubles[0]
    let rounding = max(zip(expected.doubles, reference.doubles).map { abs($0 - $1) }.max() ?? 0, u * scale)
    try Safetensors.write(["input": x, "expected": expected, "reference": reference,
                           "rounding": Tensor([rounding], shape: [1], dtype: .float64)],
                          to: folder.appendingPathComponent("\(name).safetensors"))
    print("keras-checks: wrote \(name).keras (\(network.parameterCount) parameters)")
}

do {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try write("mlp", try Sequential([Dense(units: 8, activation: .relu), Dropout(rate: 0.2), Dense(units: 4, activation: .softmax)],
                                    inputShape: [6]), input: [6], seed: 1)
    try write("cnn", try Sequential([
        Conv2D(filters: 3, kernelSize: 3, padding: .same, activation: .relu), MaxPool2D(poolSize: 2),
        Conv2D(filters: 2, kernelSize: SizePair(2, 3), strides: SizePair(1, 2)), AvgPool2D(poolSize: SizePair(1, 2), strides: 1, padding: .same),
        Flatten(), Dense(units: 3),
    ], inputShape: [8, 8, 2]), input: [8, 8, 2], seed: 2)
    try write("global_pooling", try Sequential([
        Conv2D(filters: 4, kernelSize: 2, dilation: 2), GlobalMaxPooling2D(),
    ], inputShape: [6, 6, 1]), input: [6, 6, 1], seed: 3)
    try write("norms", try Sequential([
        Dense(units: 6), BatchNormalization(momentum: 0.9, epsilon: 1e-3), Activation(.tanh), Reshape([2, 3]),
        LayerNormalization(epsilon: 1e-5), Flatten(), Dense(units: 2, activation: .sigmoid),
    ], inputShape: [5]), input: [5], seed: 4)
    try write("recurrent", try Sequential([
        SimpleRNN(units: 4, returnSequences: true), LSTM(units: 3, returnSequences: true),
        GRU(units: 3, returnSequences: true, resetAfter: true), GRU(units: 2, resetAfter: false),
    ], inputShape: [5, 3]), input: [5, 3], seed: 5)
    try write("recurrent_pooled", try Sequential([GRU(units: 3, returnSequences: true), GlobalAveragePooling1D()],
                                                 inputShape: [4, 2]), input: [4, 2], seed: 6)
    // Transposed, depthwise and separable convolutions, upsampling, then the image's rows as a
    // sequence through a causal 1-D convolution and 1-D pooling.
    try write("sequence_and_image", try Sequential([
        Conv2DTranspose(filters: 3, kernelSize: 3, strides: 2, padding: .same), DepthwiseConv2D(kernelSize: 3, depthMultiplier: 2),
        SeparableConv2D(filters: 2, kernelSize: 3, padding: .same, activation: .tanh), UpSampling2D(size: 2), Reshape([16, 32]),
        Conv1D(filters: 3, kernelSize: 3, padding: .causal), MaxPool1D(poolSize: 2), AvgPool1D(poolSize: 2, strides: 1, padding: .same),
        GlobalMaxPooling1D(), Dense(units: 2),
    ], inputShape: [5, 5, 2]), input: [5, 5, 2], seed: 10)
    let activations: [ActivationFunction] = [.relu, .sigmoid, .tanh, .softmax, .linear, "elu", "gelu", "silu", "swish",
                                             "softplus", "leaky_relu", "log_softmax"]
    try write("activations", try Sequential(activations.map { Dense(units: 3, activation: $0) } + [Activation("gelu")],
                                            inputShape: [4]), input: [4], seed: 7)
    try write("graph", try Graph(inputs: [.init(name: "x", shape: [4, 6])], nodes: [
        .init(name: "attention", layer: MultiHeadAttention(heads: 2, keyDim: 3, causal: true), inputs: ["x"]),
        .init(name: "residual", layer: Add(), inputs: ["x", "attention"]),
        .init(name: "norm", layer: LayerNormalization(), inputs: ["residual"]),
        .init(name: "flat", layer: Flatten(), inputs: ["norm"]),
        .init(name: "skip", layer: Flatten(), inputs: ["x"]),
        .init(name: "gate", layer: Dense(units: 24, activation: .sigmoid), inputs: ["skip"]),
        .init(name: "gated", layer: Multiply(), inputs: ["flat", "gate"]),
        .init(name: "joined", layer: Concatenate(), inputs: ["gated", "skip"]),
        .init(name: "head", layer: Dense(units: 3, activation: .softmax), inputs: ["joined"]),
    ], output: "head", seed: 8), input: [4, 6], seed: 8)
    // Two outputs from a shared trunk (Keras's functional model with a list of outputs).
    try write("two_outputs", try Graph(inputs: [.init(name: "features", shape: [6])], nodes: [
        .init(name: "trunk", layer: Dense(units: 5, activation: .relu), inputs: ["features"]),
        .init(name: "classes", layer: Dense(units: 3, activation: .softmax), inputs: ["trunk"]),
        .init(name: "joined", layer: Concatenate(), inputs: ["trunk", "features"]),
        .init(name: "value", layer: Dense(units: 1), inputs: ["joined"]),
    ], outputs: ["classes", "value"], seed: 10), input: [6], seed: 10)
    try write("self_attention", try Graph(inputs: [.init(name: "tokens", shape: [5, 4])], nodes: [
        .init(name: "mha", layer: MultiHeadAttention(heads: 1, keyDim: 4), inputs: ["tokens"]),
    ], output: "mha", seed: 9), input: [5, 4], seed: 9)
} catch {
    print("keras-checks: \(error)")
    exit(1)
}
