import NeuronaAttention
import NeuronaCore
import NeuronaLayers
import NeuronaNormalization
import NeuronaRecurrent
import NeuronaResidual

/// A model onnxruntime runs against Neurona: its network, an input batch per graph input, and
/// the summation length its tolerance is derived from.
struct CheckModel {
    /// The file names' stem (`cnn` → `cnn.onnx`, `cnn.safetensors`).
    var name: String
    /// The network, built.
    var network: any Layer
    /// One example's shape per input, by the ONNX input name.
    var inputs: [(name: String, shape: [Int])]
    /// The longest chain of float32 roundings between an input and an output: the terms of
    /// every sum along the deepest path (a Dense of n inputs adds n; a recurrent layer adds
    /// (features + units) per step), plus 4 per transcendental function (exp, tanh, erf: a few
    /// ulps apart between libm and onnxruntime's own). The tolerance is 2 · terms · u · scale.
    var terms: Int
}

/// The models `onnx-checks` exports: every layer, activation and padding the exporter writes.
func checkModels() throws -> [CheckModel] {
    var models: [CheckModel] = []
    let mlp = try Sequential([Dense(units: 16, activation: .relu), Dropout(rate: 0.3), Dense(units: 8, activation: .tanh),
                              Dense(units: 3, activation: .softmax)], inputShape: [12], seed: 1)
    models.append(CheckModel(name: "mlp", network: mlp, inputs: [("input", [12])], terms: 12 + 16 + 8 + 8))

    let activations: [ActivationFunction] = [.sigmoid, "leaky_relu", try ActivationFunction("leaky_relu", alpha: 0.05),
                                             "elu", try ActivationFunction("elu", alpha: 0.5), "gelu", "swish", "silu",
                                             "softplus", "hard_tanh", "cos", "rbf", "log_softmax", .linear]
    let activationLayers: [any Layer] = activations.flatMap { [Dense(units: 6), Activation($0)] as [any Layer] }
    models.append(CheckModel(name: "activations", network: try Sequential(activationLayers, inputShape: [6], seed: 2),
                             inputs: [("input", [6])], terms: activations.count * (6 + 4)))

    let cnn = try Sequential([
        Conv2D(filters: 4, kernelSize: 3, padding: .same, activation: .relu),
        MaxPool2D(poolSize: 2),
        Conv2D(filters: 6, kernelSize: SizePair(2, 3), strides: 2, padding: .same, activation: "elu"),
        AvgPool2D(poolSize: 2, strides: 1, padding: .same),
        BatchNormalization(),
        Conv2D(filters: 5, kernelSize: 2, padding: .same, dilation: 2),
        MaxPool2D(poolSize: 3, strides: 2, padding: .same),
        GlobalAveragePooling2D(),
        Dense(units: 4, activation: .softmax),
    ], inputShape: [11, 10, 2], seed: 3)
    models.append(CheckModel(name: "cnn", network: cnn, inputs: [("input", [11, 10, 2])],
                             terms: 18 + 36 + 4 + 4 + 24 + 4 + 20 + 16 + 5 + 8))

    let cnnFlatten = try Sequential([
        Conv2D(filters: 3, kernelSize: 3, strides: SizePair(2, 1), activation: .softmax),
        Conv2D(filters: 4, kernelSize: 1, activation: "gelu"),
        Flatten(),
        Reshape([6, -1]),
        GlobalAveragePooling1D(),
        Reshape([3, 2, 1]),
        GlobalMaxPooling2D(),
        Dense(units: 3),
    ], inputShape: [8, 5, 1], seed: 4)
    models.append(CheckModel(name: "cnn_flatten", network: cnnFlatten, inputs: [("input", [8, 5, 1])],
                             terms: 9 + 8 + 3 + 8 + 6 + 1))

    let merge = try Graph(
        inputs: [.init(name: "left", shape: [5]), .init(name: "right", shape: [5])],
        nodes: [.init(name: "a", layer: Dense(units: 5, activation: .tanh), inputs: ["left"]),
                .init(name: "b", layer: Dense(units: 5, activation: .relu), inputs: ["right"]),
                .init(name: "sum", layer: Add(), inputs: ["a", "b", "left"]),
                .init(name: "product", layer: NeuronaLayers.Multiply(), inputs: ["sum", "right"]),
                .init(name: "joined", layer: Concatenate(), inputs: ["product", "a", "b"]),
                .init(name: "out", layer: Dense(units: 2), inputs: ["joined"])],
        output: "out", seed: 5)
    models.append(CheckModel(name: "graph", network: merge, inputs: [("left", [5]), ("right", [5])], terms: 5 + 4 + 3 + 15))

    let residual = try Sequential([
        Dense(units: 8),
        ResidualBlock([Dense(units: 8, activation: .relu), LayerNormalization(), Dense(units: 8)], activation: .relu),
        ResidualBlock([Dense(units: 6, activation: .tanh)]),   // a projection shortcut
        Dense(units: 2),
    ], inputShape: [7], seed: 6)
    models.append(CheckModel(name: "residual", network: residual, inputs: [("input", [7])], terms: 7 + 8 + 16 + 8 + 8 + 4 + 6))

    let recurrent = try Sequential([
        SimpleRNN(units: 5, returnSequences: true),
        LSTM(units: 6, returnSequences: true),
        GRU(units: 4),
        Dense(units: 2),
    ], inputShape: [5, 3], seed: 7)
    models.append(CheckModel(name: "recurrent", network: recurrent, inputs: [("input", [5, 3])],
                             terms: 5 * (3 + 5 + 4) + 5 * (5 + 6 + 8) + 5 * (6 + 4 + 8) + 4))

    // Keras's reset_after GRU (ONNX's linear_before_reset = 1), where this build's
    // NeuronaRecurrent has it: its JSON refuses the key otherwise, and the check says it skipped.
    try RecurrentPlugin.register()
    do {
        let resetAfter = try LayerRegistry.default.make(from: #"{"type": "GRU", "units": 4, "return_sequences": true, "reset_after": true}"#)
        models.append(CheckModel(name: "gru_reset_after", network: try Sequential([resetAfter, Dense(units: 2)], inputShape: [5, 3], seed: 9),
                                 inputs: [("input", [5, 3])], terms: 5 * (3 + 4 + 8) + 4))
    } catch let error where "\(error)".contains("reset_after") {
        print("onnx-checks: this GRU has no reset_after setting; its check is skipped (\(error))")
    }

    let transformer = try Sequential([
        Dense(units: 8),
        PositionalEncoding(),
        TransformerEncoder(heads: 2, keyDim: 4, ffDim: 12, dropout: 0.1),
        MultiHeadAttention(heads: 2, keyDim: 3, causal: true),
        GlobalAveragePooling1D(),
        Dense(units: 3, activation: .softmax),
    ], inputShape: [6, 5], seed: 8)
    models.append(CheckModel(name: "transformer", network: transformer, inputs: [("input", [6, 5])],
                             terms: 5 + 8 + 4 + 6 + 8 + 8 + 12 + 8 + 8 + 3 + 6 + 6 + 6 + 8 + 4))
    return models
}

/// Replaces every parameter and buffer of `network` with draws from `generator` (fresh layers
/// have zero biases and unit batch-norm statistics, which would leave those paths unchecked).
func randomizeWeights(_ network: any Layer, generator: inout RandomGenerator) {
    for parameter in network.namedParameters() {
        let v = parameter.variable
        v.value = Tensor.normal(v.shape, standardDeviation: 0.5, dtype: v.dtype, using: &generator)
    }
    for buffer in network.namedBuffers() {
        let v = buffer.variable
        let positive = buffer.name.hasSuffix("running_var")
        v.value = positive ? Tensor.uniform(v.shape, low: 0.5, high: 1.5, dtype: v.dtype, using: &generator)
                           : Tensor.normal(v.shape, standardDeviation: 0.3, dtype: v.dtype, using: &generator)
    }
}
