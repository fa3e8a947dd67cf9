import NeuronaLayers

/// The layers past the lectures that Keras has too: embeddings, 1-D convolutions and pooling,
/// transposed, depthwise and separable convolutions, upsampling. Their kernels are in Keras's
/// layouts already (`Conv1D` `[k, in, out]`, `Conv2DTranspose` `[kh, kw, out, in]`, depthwise
/// `[kh, kw, in, m]`, pointwise `[1, 1, in·m, out]`), so each variable maps one to one.
extension KerasLayerMapping {
    static let sequenceAndImageLayerMappings: [KerasLayerMapping] = [
        KerasLayerMapping("Embedding", settings: { k in
            try k.requireNoRegularizersOrConstraints()
            try k.requireDefault("sparse", .bool(false), "Neurona's Embedding has dense gradients")
            return ["input_dim": .int(try k.int("input_dim")), "output_dim": .int(try k.int("output_dim")),
                    "mask_zero": .bool(try k.bool("mask_zero", default: false))]
        }, kerasConfig: { layer in
            let c = try layerAs(layer, Embedding.self).config
            return ["input_dim": .int(c.inputDim), "output_dim": .int(c.outputDim), "mask_zero": .bool(c.maskZero)]
        }, variables: { sameShapeVariables($0, ["weight"]) }),

        KerasLayerMapping("Conv1D", settings: { k in
            try k.requireNoRegularizersOrConstraints()
            try k.requireChannelsLast()
            try k.requireDefault("groups", .int(1), "Neurona's Conv1D has no grouped convolution")
            let padding = try k.padding(allowingCausal: true)
            return ["filters": .int(try k.int("filters")), "kernel_size": .int(try single(k, "kernel_size")),
                    "strides": .int(k["strides"] == nil ? 1 : try single(k, "strides")), "padding": .string(padding),
                    "dilation_rate": .int(k["dilation_rate"] == nil ? 1 : try single(k, "dilation_rate")),
                    "activation": try KerasActivations.neurona(k), "use_bias": .bool(try k.bool("use_bias", default: true))]
        }, kerasConfig: { layer in
            let c = try layerAs(layer, Conv1D.self).config
            return ["filters": .int(c.filters), "kernel_size": pairSetting([c.kernelSize]), "strides": pairSetting([c.strides]),
                    "padding": .string(c.padding.rawValue), "dilation_rate": pairSetting([c.dilationRate]),
                    "data_format": .string("channels_last"), "groups": .int(1),
                    "activation": try KerasActivations.kerasName(c.activation, layer: layer), "use_bias": .bool(c.useBias)]
        }, variables: { sameShapeVariables($0, ["weight", "bias"]) }),

        pooling1DMapping("MaxPool1D", keras: "MaxPooling1D") { try layerAs($0, MaxPool1D.self).config },
        pooling1DMapping("AvgPool1D", keras: "AveragePooling1D") { try layerAs($0, AvgPool1D.self).config },
        globalPoolingMapping("GlobalMaxPooling1D"),

        KerasLayerMapping("Conv2DTranspose", settings: { k in
            try k.requireNoRegularizersOrConstraints()
            try k.requireChannelsLast()
            try k.requireDefault("output_padding", .null, "Neurona's Conv2DTranspose takes the output size from padding and strides")
            if let dilation = k["dilation_rate"], (try k.ints("dilation_rate", pair: true)) != [1, 1] {
                throw k.unsupported("dilation_rate", "\(dilation.kerasText): Neurona's Conv2DTranspose is not dilated")
            }
            let padding = try k.padding()
            return ["filters": .int(try k.int("filters")), "kernel_size": pairSetting(try k.ints("kernel_size", pair: true)),
                    "strides": pairSetting(k["strides"] == nil ? [1, 1] : try k.ints("strides", pair: true)),
                    "padding": .string(padding), "activation": try KerasActivations.neurona(k),
                    "use_bias": .bool(try k.bool("use_bias", default: true))]
        }, kerasConfig: { layer in
            let c = try layerAs(layer, Conv2DTranspose.self).config
            return ["filters": .int(c.filters), "kernel_size": pair(c.kernelSize), "strides": pair(c.strides),
                    "padding": .string(c.padding.rawValue), "output_padding": .null, "dilation_rate": pairSetting([1, 1]),
                    "data_format": .string("channels_last"),
                    "activation": try KerasActivations.kerasName(c.activation, layer: layer), "use_bias": .bool(c.useBias)]
        }, variables: { sameShapeVariables($0, ["weight", "bias"]) }),

        KerasLayerMapping("DepthwiseConv2D", settings: { k in
            var settings = try depthwiseSettings(k)
            settings["use_bias"] = .bool(try k.bool("use_bias", default: true))
            return settings
        }, kerasConfig: { layer in
            let c = try layerAs(layer, DepthwiseConv2D.self).config
            return ["kernel_size": pair(c.kernelSize), "strides": pair(c.strides), "padding": .string(c.padding.rawValue),
                    "depth_multiplier": .int(c.depthMultiplier), "dilation_rate": pair(c.dilationRate),
                    "data_format": .string("channels_last"),
                    "activation": try KerasActivations.kerasName(c.activation, layer: layer), "use_bias": .bool(c.useBias)]
        }, variables: { sameShapeVariables($0, ["weight", "bias"]) }),

        KerasLayerMapping("SeparableConv2D", settings: { k in
            var settings = try depthwiseSettings(k)
            settings["filters"] = .int(try k.int("filters"))
            settings["use_bias"] = .bool(try k.bool("use_bias", default: true))
            return settings
        }, kerasConfig: { layer in
            let c = try layerAs(layer, SeparableConv2D.self).config
            return ["filters": .int(c.filters), "kernel_size": pair(c.kernelSize), "strides": pair(c.strides),
                    "padding": .string(c.padding.rawValue), "depth_multiplier": .int(c.depthMultiplier),
                    "dilation_rate": pair(c.dilationRate), "data_format": .string("channels_last"),
                    "activation": try KerasActivations.kerasName(c.activation, layer: layer), "use_bias": .bool(c.useBias)]
        }, variables: { sameShapeVariables($0, ["depthwise_weight", "pointwise_weight", "bias"]) }),

        KerasLayerMapping("UpSampling2D", settings: { k in
            try k.requireChannelsLast()
            let interpolation = try k.string("interpolation", default: "nearest")
            guard interpolation == "nearest" || interpolation == "bilinear" else {
                throw k.unsupported("interpolation", "\"\(interpolation)\": Neurona upsamples by \"nearest\" or \"bilinear\"")
            }
            return ["size": pairSetting(try k.ints("size", pair: true)), "interpolation": .string(interpolation)]
        }, kerasConfig: { layer in
            let c = try layerAs(layer, UpSampling2D.self).config
            return ["size": pair(c.size), "interpolation": .string(c.interpolation.rawValue), "data_format": .string("channels_last")]
        }),
    ]

    /// A Keras setting that is one integer, written as `3` or `[3]` (Keras saves 1-D sizes as lists).
    static func single(_ k: KerasLayerConfig, _ key: String) throws -> Int {
        if let int = k[key]?.kerasInt { return int }
        let values = try k.ints(key)
        guard values.count == 1 else { throw k.unsupported(key, "expected one integer, found \(values.count)") }
        return values[0]
    }

    /// The settings a depthwise and a separable convolution share.
    static func depthwiseSettings(_ k: KerasLayerConfig) throws -> [String: JSONValue] {
        try k.requireNoRegularizersOrConstraints()
        try k.requireChannelsLast()
        let padding = try k.padding()
        return ["kernel_size": pairSetting(try k.ints("kernel_size", pair: true)),
                "strides": pairSetting(k["strides"] == nil ? [1, 1] : try k.ints("strides", pair: true)),
                "padding": .string(padding), "depth_multiplier": .int(k["depth_multiplier"] == nil ? 1 : try k.int("depth_multiplier")),
                "dilation_rate": pairSetting(k["dilation_rate"] == nil ? [1, 1] : try k.ints("dilation_rate", pair: true)),
                "activation": try KerasActivations.neurona(k)]
    }

    static func pooling1DMapping(_ neurona: String, keras: String, config: @escaping (any Layer) throws -> Pooling1DConfig) -> KerasLayerMapping {
        KerasLayerMapping(neurona, keras: keras, settings: { k in
            try k.requireChannelsLast()
            let padding = try k.padding()
            var settings: [String: JSONValue] = ["pool_size": .int(try single(k, "pool_size")), "padding": .string(padding)]
            if k["strides"] != nil { settings["strides"] = .int(try single(k, "strides")) }
            return settings
        }, kerasConfig: { layer in
            let c = try config(layer)
            return ["pool_size": pairSetting([c.poolSize]), "strides": pairSetting([c.strides ?? c.poolSize]),
                    "padding": .string(c.padding.rawValue), "data_format": .string("channels_last")]
        })
    }
}
