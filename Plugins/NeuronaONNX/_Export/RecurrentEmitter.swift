import Foundation
import NeuronaCore
import NeuronaLayers
import NeuronaRecurrent

// SimpleRNN, LSTM and GRU as ONNX's RNN, LSTM and GRU operators. Neurona keeps one kernel
// `[features, gates·units]` with the gates side by side; ONNX wants it transposed, one direction
// first (`[1, gates·units, features]`), its gates in its own order, and two biases (input and
// recurrent: Neurona's `bias` goes in the first; the second is its `recurrent_bias` where the
// layer has one, a reset-after GRU, else zeros). ONNX's sequences are time-major, so the input
// and a returned sequence are transposed.
extension ONNXGraphBuilder {
    /// `layer` as the ONNX operator `op`, its gates taken from Neurona's in `gateOrder`
    /// (ONNX gate i is Neurona gate `gateOrder[i]`).
    func emitRecurrent<Recurrent: RecurrentLayer>(_ layer: Recurrent, op: String, gateOrder: [Int],
                                                  _ input: ONNXValue, path: String) throws -> ONNXValue {
        // A GRU in Keras's reset_after form (NeuronaRecurrent's `resetAfter`) applies its reset
        // gate after the recurrent kernel and its second bias: ONNX's linear_before_reset = 1,
        // with that bias as ONNX's recurrent bias. Read through the config's JSON and the named
        // parameters, so this holds whichever NeuronaRecurrent it is built with.
        let resetAfter = Self.resetsAfter(layer)
        let recurrentBias = layer.namedParameters().first { $0.name == "recurrent_bias" }?.variable.value
        if resetAfter && recurrentBias == nil {
            throw ONNXExportError.unsupportedLayer(layer: layer.typeName, path: path,
                                                   reason: "its config says reset_after but it has no recurrent_bias to write")
        }
        let units = layer.units
        let steps = input.shape[0]
        /// The gate blocks along axis 0 in ONNX's order.
        func gatesInOnnxOrder(_ gates: Tensor) -> Tensor {
            Tensor.concatenate(gateOrder.map { gates.slice(axis: 0, start: $0 * units, end: ($0 + 1) * units) }, axis: 0)
        }
        /// A kernel `[rows, gates·units]` as ONNX's `[1, gates·units, rows]`.
        func onnxLayout(_ kernel: Tensor) -> Tensor {
            gatesInOnnxOrder(kernel.transposed()).reshaped([1, gateOrder.count * units, kernel.shape[0]])
        }
        let kernel = try tensor(layer.cellState.weight, layer, path: path)
        let recurrentKernel = try tensor(layer.cellState.recurrentWeight, layer, path: path)
        let bias = try tensor(layer.cellState.bias, layer, path: path)
        let secondBias = recurrentBias.map(gatesInOnnxOrder) ?? Tensor.zeros([gateOrder.count * units], dtype: bias.dtype)
        let biases = Tensor.concatenate([gatesInOnnxOrder(bias), secondBias.converted(to: bias.dtype)], axis: 0)
            .reshaped([1, 2 * gateOrder.count * units])

        let w = weight(onnxLayout(kernel), name: Self.join(path, "weight"))
        let r = weight(onnxLayout(recurrentKernel), name: Self.join(path, "recurrent_weight"))
        let b = weight(biases, name: Self.join(path, "bias"))
        let timeMajor = value("Transpose", [input.name], path: path, attributes: [.ints("perm", [1, 0, 2])])
        var attributes: [ONNXAttributeProto] = [.int("hidden_size", units)]
        if op == "GRU" { attributes.append(.int("linear_before_reset", resetAfter ? 1 : 0)) }
        let outputs = node(op, [timeMajor, w, r, b], path: path, outputs: 2, attributes: attributes)
        if layer.returnSequences {
            // Y is [steps, directions, batch, units].
            let sequence = value("Squeeze", [outputs[0], int64s([1], name: Self.join(path, "direction_axis"))], path: path)
            let y = value("Transpose", [sequence], path: path, attributes: [.ints("perm", [1, 0, 2])])
            return ONNXValue(name: y, shape: [steps, units])
        }
        // Y_h is [directions, batch, units].
        let last = value("Squeeze", [outputs[1], int64s([0], name: Self.join(path, "direction_axis"))], path: path)
        return ONNXValue(name: last, shape: [units])
    }

    /// Whether `layer`'s config says `reset_after: true` (Keras's GRU form, whose reset gate
    /// multiplies after the recurrent kernel), read from its JSON (snake_case keys, as every
    /// layer config writes them).
    static func resetsAfter(_ layer: any ConfigurableLayer) -> Bool {
        guard let json = try? JSONEncoder().encode(AnyConfig(layer)),
              let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else { return false }
        return object["reset_after"] as? Bool ?? false
    }
}

/// A layer's config, encodable without knowing its type.
private struct AnyConfig: Encodable {
    let layer: any Layer
    init(_ layer: any Layer) { self.layer = layer }
    func encode(to encoder: Encoder) throws { try layer.encodeConfig(to: encoder) }
}
