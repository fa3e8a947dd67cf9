import NeuronaAttention
import NeuronaLayers
import NeuronaNormalization
import NeuronaRecurrent

/// The layers of NeuronaNormalization, NeuronaRecurrent and NeuronaAttention with a Keras twin.
extension KerasLayerMapping {
    static let pluginLayerMappings: [KerasLayerMapping] = [
        KerasLayerMapping("BatchNormalization", settings: { k in
            try k.requireNoRegularizersOrConstraints()
            try requireLastAxis(k)
            try k.requireDefault("center", .bool(true), "Neurona's BatchNormalization always has beta")
            try k.requireDefault("scale", .bool(true), "Neurona's BatchNormalization always has gamma")
            try k.requireDefault("renorm", .bool(false), "Neurona's BatchNormalization has no batch renormalization")
            return ["momentum": .double(try k.double("momentum", default: 0.99)), "epsilon": .double(try k.double("epsilon", default: 1e-3))]
        }, kerasConfig: { layer in
            let c = try layerAs(layer, BatchNormalization.self).config
            return ["axis": .int(-1), "momentum": .double(c.momentum), "epsilon": .double(c.epsilon), "center": .bool(true), "scale": .bool(true)]
        }, variables: { sameShapeVariables($0, ["weight", "bias", "running_mean", "running_var"]) }),

        KerasLayerMapping("LayerNormalization", settings: { k in
            try k.requireNoRegularizersOrConstraints()
            try requireLastAxis(k)
            try k.requireDefault("center", .bool(true), "Neurona's LayerNormalization always has beta")
            try k.requireDefault("scale", .bool(true), "Neurona's LayerNormalization always has gamma")
            try k.requireDefault("rms_scaling", .bool(false), "Neurona's LayerNormalization subtracts the mean")
            return ["epsilon": .double(try k.double("epsilon", default: 1e-3))]
        }, kerasConfig: { layer in
            ["axis": .array([.int(-1)]), "epsilon": .double(try layerAs(layer, LayerNormalization.self).config.epsilon),
             "center": .bool(true), "scale": .bool(true)]
        }, variables: { sameShapeVariables($0, ["weight", "bias"]) }),

        recurrentMapping("SimpleRNN", gateActivation: false) { try layerAs($0, SimpleRNN.self).config },
        recurrentMapping("LSTM", gateActivation: true) { try layerAs($0, LSTM.self).config },
        recurrentMapping("GRU", gateActivation: true, extra: { k in
            ["reset_after": .bool(try k.bool("reset_after", default: true))]
        }, extraKeras: { layer in
            ["reset_after": .bool(try layerAs(layer, GRU.self).resetAfter)]
        }) { try layerAs($0, GRU.self).config },

        KerasLayerMapping("MultiHeadAttention", settings: { k in
            try k.requireNoRegularizersOrConstraints()
            let keyDim = try k.int("key_dim")
            if let valueDim = k["value_dim"], valueDim.kerasInt != keyDim {
                throw k.unsupported("value_dim", "\(valueDim.kerasText) is not supported: Neurona's MultiHeadAttention has value_dim = key_dim (\(keyDim))")
            }
            try k.requireDefault("dropout", .int(0), "Neurona's MultiHeadAttention has no attention dropout")
            try k.requireDefault("use_bias", .bool(true), "Neurona's MultiHeadAttention projections always have biases")
            try k.requireDefault("use_gate", .bool(false), "Neurona's MultiHeadAttention has no gate")
            try k.requireDefault("output_shape", .null, "Neurona's MultiHeadAttention projects back to the query's width")
            try k.requireDefault("sliding_window", .null, "Neurona's MultiHeadAttention attends to every step")
            if let axes = k["attention_axes"], axes != .array([.int(1)]), axes != .array([.int(-2)]) {
                throw k.unsupported("attention_axes", "\(axes.kerasText) is not supported: Neurona attends over the time axis of [batch, time, features] ([1])")
            }
            return ["num_heads": .int(try k.int("num_heads")), "key_dim": .int(keyDim)]
        }, kerasConfig: { layer in
            let c = try layerAs(layer, MultiHeadAttention.self).config
            return ["num_heads": .int(c.numHeads), "key_dim": .int(c.keyDim), "value_dim": .int(c.keyDim), "dropout": .double(0),
                    "use_bias": .bool(true), "output_shape": .null, "attention_axes": .null]
        }, variables: { layer in
            guard let c = (layer as? MultiHeadAttention)?.config, let d = layer.inputShape?.last else { return [] }
            let (h, k) = (c.numHeads, c.keyDim)
            return ["query", "key", "value"].flatMap { name in
                [KerasVariable("\(name)_dense", shape: [d, h, k], "\(name).weight"), KerasVariable("\(name)_dense", shape: [h, k], "\(name).bias")]
            } + [KerasVariable("output_dense", shape: [h, k, d], "output.weight"), KerasVariable("output_dense", shape: [d], "output.bias")]
        }),
    ]

    /// Keras's `axis` of the normalizations: the last one only (Neurona's).
    static func requireLastAxis(_ k: KerasLayerConfig) throws {
        guard let axis = k["axis"] else { return }
        if axis == .int(-1) || axis == .array([.int(-1)]) { return }
        throw k.unsupported("axis", "\(axis.kerasText) is not supported: Neurona normalizes over the last axis (-1)")
    }

    /// SimpleRNN, LSTM and GRU: Keras's cell keeps the variables (`cell/vars`: kernel,
    /// recurrent_kernel, bias); Neurona's activations are Keras's defaults (tanh, and sigmoid for the gates).
    static func recurrentMapping<C: RecurrentLayerConfig>(
        _ name: String, gateActivation: Bool,
        extra: @escaping (KerasLayerConfig) throws -> [String: JSONValue] = { _ in [:] },
        extraKeras: @escaping (any Layer) throws -> [String: JSONValue] = { _ in [:] },
        config: @escaping (any Layer) throws -> C
    ) -> KerasLayerMapping {
        KerasLayerMapping(name, settings: { k in
            try k.requireNoRegularizersOrConstraints()
            try k.requireDefault("activation", .string("tanh"), "Neurona's \(name) uses tanh")
            if gateActivation { try k.requireDefault("recurrent_activation", .string("sigmoid"), "Neurona's \(name) gates use sigmoid") }
            try k.requireDefault("use_bias", .bool(true), "Neurona's \(name) always has a bias")
            try k.requireDefault("return_state", .bool(false), "Neurona's \(name) returns its output only")
            try k.requireDefault("go_backwards", .bool(false), "Neurona's \(name) reads the sequence forwards")
            try k.requireDefault("stateful", .bool(false), "Neurona's \(name) starts every batch from a zero state")
            try k.requireDefault("dropout", .int(0), "Neurona's \(name) has no input dropout")
            try k.requireDefault("recurrent_dropout", .int(0), "Neurona's \(name) has no recurrent dropout")
            return try ["units": .int(k.int("units")), "return_sequences": .bool(k.bool("return_sequences", default: false))]
                .merging(extra(k)) { $1 }
        }, kerasConfig: { layer in
            let c = try config(layer)
            var keras: [String: JSONValue] = ["units": .int(c.units), "return_sequences": .bool(c.returnSequences),
                                              "activation": .string("tanh"), "use_bias": .bool(true)]
            if gateActivation { keras["recurrent_activation"] = .string("sigmoid") }
            return try keras.merging(extraKeras(layer)) { $1 }
        }, variables: { layer in
            let weights = layer.weights()
            guard let w = weights["weight"], let u = weights["recurrent_weight"], let b = weights["bias"] else { return [] }
            let bias = weights["recurrent_bias"] != nil
                ? KerasVariable("cell", shape: [2] + b.shape, "bias", "recurrent_bias")
                : KerasVariable("cell", shape: b.shape, "bias")
            return [KerasVariable("cell", shape: w.shape, "weight"), KerasVariable("cell", shape: u.shape, "recurrent_weight"), bias]
        })
    }
}
