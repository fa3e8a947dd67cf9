import NeuronaLayers

/// A built layer as its type, or the error saying it is another (a third-party layer registered
/// under a built-in's type name).
func layerAs<L: Layer>(_ layer: any Layer, _ type: L.Type) throws -> L {
    guard let typed = layer as? L else {
        throw KerasError.noKerasEquivalent(layer: "", typeName: layer.typeName, hint: "it is \(Swift.type(of: layer)), not Neurona's \(L.self)")
    }
    return typed
}

/// The variables that are a layer's own weights under the same shape, in `names` order (those the
/// layer has).
func sameShapeVariables(_ layer: any Layer, _ names: [String], group: String = "") -> [KerasVariable] {
    let weights = layer.weights()
    return names.compactMap { name in weights[name].map { KerasVariable(group, shape: $0.shape, name) } }
}

func pair(_ p: SizePair) -> JSONValue { .array([.int(p.height), .int(p.width)]) }

func pairSetting(_ values: [Int]) -> JSONValue { .array(values.map(JSONValue.int)) }

/// NeuronaLayers' layers with a Keras twin.
extension KerasLayerMapping {
    static let coreLayerMappings: [KerasLayerMapping] = [
        KerasLayerMapping("Dense", settings: { k in
            try k.requireNoRegularizersOrConstraints()
            try k.requireDefault("quantization_config", .null, "Neurona's Dense is not quantized")
            return ["units": .int(try k.int("units")), "activation": try KerasActivations.neurona(k),
                    "use_bias": .bool(try k.bool("use_bias", default: true))]
        }, kerasConfig: { layer in
            let config = try layerAs(layer, Dense.self).config
            return ["units": .int(config.units), "activation": try KerasActivations.kerasName(config.activation, layer: layer),
                    "use_bias": .bool(config.useBias)]
        }, variables: { sameShapeVariables($0, ["weight", "bias"]) }),

        KerasLayerMapping("Conv2D", settings: { k in
            try k.requireNoRegularizersOrConstraints()
            try k.requireChannelsLast()
            try k.requireDefault("groups", .int(1), "Neurona's Conv2D has no grouped convolution")
            let padding = try k.padding()
            return ["filters": .int(try k.int("filters")), "kernel_size": pairSetting(try k.ints("kernel_size", pair: true)),
                    "strides": pairSetting(k["strides"] == nil ? [1, 1] : try k.ints("strides", pair: true)),
                    "padding": .string(padding),
                    "dilation_rate": pairSetting(k["dilation_rate"] == nil ? [1, 1] : try k.ints("dilation_rate", pair: true)),
                    "activation": try KerasActivations.neurona(k), "use_bias": .bool(try k.bool("use_bias", default: true))]
        }, kerasConfig: { layer in
            let c = try layerAs(layer, Conv2D.self).config
            return ["filters": .int(c.filters), "kernel_size": pair(c.kernelSize), "strides": pair(c.strides),
                    "padding": .string(c.padding.rawValue), "dilation_rate": pair(c.dilationRate), "data_format": .string("channels_last"),
                    "activation": try KerasActivations.kerasName(c.activation, layer: layer), "use_bias": .bool(c.useBias)]
        }, variables: { sameShapeVariables($0, ["weight", "bias"]) }),

        poolingMapping("MaxPool2D", keras: "MaxPooling2D") { try layerAs($0, MaxPool2D.self).config },
        poolingMapping("AvgPool2D", keras: "AveragePooling2D") { try layerAs($0, AvgPool2D.self).config },

        KerasLayerMapping("Flatten", settings: { k in
            try k.requireChannelsLast()
            return [:]
        }, kerasConfig: { _ in ["data_format": .string("channels_last")] }),

        KerasLayerMapping("Reshape", settings: { k in
            ["target_shape": pairSetting(try k.ints("target_shape"))]
        }, kerasConfig: { layer in ["target_shape": pairSetting(try layerAs(layer, Reshape.self).config.targetShape)] }),

        KerasLayerMapping("Dropout", settings: { k in
            try k.requireDefault("noise_shape", .null, "Neurona's Dropout drops every element independently")
            var settings: [String: JSONValue] = ["rate": .double(try k.double("rate", default: 0))]
            if let seed = k["seed"] {
                guard let int = seed.kerasInt, int >= 0 else { throw k.unsupported("seed", "expected a non-negative integer, found \(seed.kerasText)") }
                settings["seed"] = .int(int)
            }
            return settings
        }, kerasConfig: { layer in
            let c = try layerAs(layer, Dropout.self).config
            // Keras's seeds are 32-bit-ish integers; a larger Neurona seed is left out (it only fixes training's masks).
            return ["rate": .double(c.rate), "seed": c.seed.flatMap { $0 <= UInt64(Int32.max) ? JSONValue.int(Int($0)) : nil } ?? .null]
        }),

        KerasLayerMapping("Activation", settings: { k in
            ["activation": try KerasActivations.neurona(k)]
        }, kerasConfig: { layer in
            ["activation": try KerasActivations.kerasName(try layerAs(layer, Activation.self).activation, layer: layer)]
        }),

        KerasLayerMapping("Add", settings: { _ in [:] }, kerasConfig: { _ in [:] }),
        KerasLayerMapping("Multiply", settings: { _ in [:] }, kerasConfig: { _ in [:] }),
        KerasLayerMapping("Concatenate", settings: { k in
            ["axis": .int(k["axis"] == nil ? -1 : try k.int("axis"))]
        }, kerasConfig: { layer in ["axis": .int(try layerAs(layer, Concatenate.self).config.axis)] }),

        globalPoolingMapping("GlobalAveragePooling2D"),
        globalPoolingMapping("GlobalMaxPooling2D"),
        globalPoolingMapping("GlobalAveragePooling1D"),
    ]

    static func poolingMapping(_ neurona: String, keras: String, config: @escaping (any Layer) throws -> PoolingConfig) -> KerasLayerMapping {
        KerasLayerMapping(neurona, keras: keras, settings: { k in
            try k.requireChannelsLast()
            let padding = try k.padding()
            var settings: [String: JSONValue] = ["pool_size": pairSetting(try k.ints("pool_size", pair: true)), "padding": .string(padding)]
            if k["strides"] != nil { settings["strides"] = pairSetting(try k.ints("strides", pair: true)) }
            return settings
        }, kerasConfig: { layer in
            let c = try config(layer)
            return ["pool_size": pair(c.poolSize), "strides": pair(c.strides ?? c.poolSize), "padding": .string(c.padding.rawValue),
                    "data_format": .string("channels_last")]
        })
    }

    static func globalPoolingMapping(_ name: String) -> KerasLayerMapping {
        KerasLayerMapping(name, settings: { k in
            try k.requireChannelsLast()
            try k.requireDefault("keepdims", .bool(false), "Neurona's global pooling drops the pooled axes")
            return [:]
        }, kerasConfig: { _ in ["data_format": .string("channels_last"), "keepdims": .bool(false)] })
    }
}
