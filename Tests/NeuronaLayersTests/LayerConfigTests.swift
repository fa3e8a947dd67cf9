import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// A description of every built-in layer type, most settings away from their defaults, with the
/// shape to build it for.
let builtInRoundTripCases: [LayerRoundTripCase] = [
    .init(#"{"type": "Dense", "units": 3, "activation": "tanh", "use_bias": false, "kernel_initializer": "he_normal"}"#, inputShape: [4]),
    .init(#"{"type": "Activation", "activation": "leaky_relu", "alpha": 0.3}"#, inputShape: [5]),
    .init(#"{"type": "Flatten"}"#, inputShape: [2, 3]),
    .init(#"{"type": "Reshape", "target_shape": [3, -1]}"#, inputShape: [6]),
    .init(#"{"type": "Dropout", "rate": 0.5, "seed": 3}"#, inputShape: [4]),
    .init(#"{"type": "Sequential", "input_shape": [4], "layers": [{"type": "Dense", "units": 2, "bias_initializer": "ones"}]}"#, inputShape: nil),
    .init(#"{"type": "Graph", "inputs": [{"name": "x", "shape": [3]}], "nodes": [{"name": "d", "layer": {"type": "Dense", "units": 3}, "inputs": ["x"]}, {"name": "s", "layer": {"type": "Add"}, "inputs": ["x", "d"]}], "output": "s"}"#, inputShape: nil),
    .init(#"{"type": "Add"}"#, inputShape: [3]),
    .init(#"{"type": "Concatenate", "axis": 1}"#, inputShape: [3]),
    .init(#"{"type": "Multiply"}"#, inputShape: [3]),
    .init(#"{"type": "Conv2D", "filters": 2, "kernel_size": [2, 3], "strides": 2, "padding": "same", "dilation_rate": 1, "activation": "relu"}"#, inputShape: [5, 6, 2]),
    .init(#"{"type": "MaxPool2D", "pool_size": [2, 1], "strides": 1}"#, inputShape: [4, 4, 2]),
    .init(#"{"type": "AvgPool2D", "pool_size": 3, "padding": "same"}"#, inputShape: [4, 5, 2]),
    .init(#"{"type": "GlobalAveragePooling2D"}"#, inputShape: [3, 3, 2]),
    .init(#"{"type": "GlobalMaxPooling2D"}"#, inputShape: [3, 3, 2]),
    .init(#"{"type": "GlobalAveragePooling1D"}"#, inputShape: [4, 3]),
    .init(#"{"type": "Embedding", "input_dim": 12, "output_dim": 3, "mask_zero": true, "embeddings_initializer": "he_normal"}"#, inputShape: [5]),
    .init(#"{"type": "Conv1D", "filters": 2, "kernel_size": 3, "strides": 2, "padding": "causal", "dilation_rate": 2, "activation": "relu"}"#, inputShape: [7, 3]),
    .init(#"{"type": "MaxPool1D", "pool_size": 3, "strides": 1, "padding": "same"}"#, inputShape: [5, 2]),
    .init(#"{"type": "AvgPool1D", "pool_size": 2, "padding": "same"}"#, inputShape: [5, 2]),
    .init(#"{"type": "GlobalMaxPooling1D"}"#, inputShape: [4, 3]),
    .init(#"{"type": "Conv2DTranspose", "filters": 2, "kernel_size": [2, 3], "strides": 2, "padding": "same", "activation": "tanh"}"#, inputShape: [3, 4, 2]),
    .init(#"{"type": "UpSampling2D", "size": [2, 3], "interpolation": "bilinear"}"#, inputShape: [3, 2, 2]),
    .init(#"{"type": "DepthwiseConv2D", "kernel_size": [2, 3], "strides": 2, "padding": "same", "depth_multiplier": 2, "activation": "relu", "depthwise_regularizer": "l2"}"#, inputShape: [5, 6, 3]),
    .init(#"{"type": "SeparableConv2D", "filters": 4, "kernel_size": 3, "dilation_rate": 2, "depth_multiplier": 2, "activation": "tanh", "pointwise_regularizer": {"name": "l1", "l1": 0.1}}"#, inputShape: [6, 6, 2]),
    .init(#"{"type": "RandomFlip", "mode": "vertical", "seed": 4}"#, inputShape: [3, 4, 2]),
    .init(#"{"type": "RandomRotation", "factor": [-0.2, 0.3], "fill_mode": "constant", "interpolation": "nearest", "fill_value": 0.5}"#, inputShape: [5, 4, 1]),
    .init(#"{"type": "RandomTranslation", "height_factor": 0.1, "width_factor": [-0.2, 0.1], "fill_mode": "wrap", "seed": 7}"#, inputShape: [5, 4, 1]),
    .init(#"{"type": "RandomZoom", "height_factor": [-0.3, 0.2], "width_factor": 0.1, "fill_mode": "nearest"}"#, inputShape: [5, 4, 1]),
    .init(#"{"type": "RandomContrast", "factor": 0.4, "value_range": [0, 1], "seed": 2}"#, inputShape: [5, 4, 3]),
]

struct LayerConfigTests {
    @Test func everyBuiltInTypeHasARoundTripCase() {
        // Keras's alias names load the same layers, saved under their own names (KerasAliasTests).
        expectEqual(Set(builtInRoundTripCases.map(\.typeName)), Set(LayerRegistry.default.names).subtracting(LayerRegistry.kerasAliases.keys))
    }

    @Test(arguments: builtInRoundTripCases)
    func configJSONConfigGivesTheSameLayer(case: LayerRoundTripCase) throws {
        let problems = try layerRoundTripProblems(`case`)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// Settings left out of JSON take the Swift initializer's defaults, written back in full.
    @Test func jsonDefaultsAreTheSwiftInitializersDefaults() throws {
        let fromJSON = try #require(try LayerRegistry.default.make(from: #"{"type": "Conv2D", "filters": 4, "kernel_size": 3}"#) as? Conv2D)
        expectEqual(fromJSON.config, Conv2D(filters: 4, kernelSize: 3).config)
        let dense = try #require(try LayerRegistry.default.make(from: #"{"type": "Dense", "units": 2, "activation": null}"#) as? Dense)
        expectEqual(dense.config, Dense(units: 2).config)
        #expect(try LayerRegistry.json(for: dense) == """
            {
              "activation" : "linear",
              "bias_initializer" : "zeros",
              "kernel_initializer" : "glorot_uniform",
              "type" : "Dense",
              "units" : 2,
              "use_bias" : true
            }
            """)
    }

    /// The same setting out of range gives the same error from Swift (when the layer is built)
    /// and from JSON (when it is read); the JSON one names the path.
    static let invalidCases: [(type: String, json: String, swift: () -> any Layer, inputShape: [Int], message: String)] = [
        ("Dense", #"{"type": "Dense", "units": 0}"#, { Dense(units: 0) as any Layer }, [3], "units must be positive, got 0"),
        ("Conv2D", #"{"type": "Conv2D", "filters": 2, "kernel_size": [3, 0]}"#, { Conv2D(filters: 2, kernelSize: SizePair(3, 0)) }, [4, 4, 1],
         "kernel_size must be positive, got [3, 0]"),
        ("Conv2D", #"{"type": "Conv2D", "filters": 2, "kernel_size": 3, "dilation_rate": -1}"#, { Conv2D(filters: 2, kernelSize: 3, dilation: -1) }, [4, 4, 1],
         "dilation_rate must be positive, got -1"),
        ("Dropout", #"{"type": "Dropout", "rate": 1}"#, { Dropout(rate: 1) }, [3], "rate must be in [0, 1), got 1.0"),
        ("Reshape", #"{"type": "Reshape", "target_shape": [-1, -1]}"#, { Reshape([-1, -1]) }, [4], "target_shape [-1, -1] must hold positive sizes and at most one -1"),
        ("MaxPool2D", #"{"type": "MaxPool2D", "pool_size": 0}"#, { MaxPool2D(poolSize: 0) }, [4, 4, 1], "pool_size must be positive, got 0"),
        ("AvgPool2D", #"{"type": "AvgPool2D", "strides": [1, 0]}"#, { AvgPool2D(strides: SizePair(1, 0)) }, [4, 4, 1], "strides must be positive, got [1, 0]"),
        ("Conv2D", #"{"type": "Conv2D", "filters": 2, "kernel_size": 3, "padding": "causal"}"#, { Conv2D(filters: 2, kernelSize: 3, padding: .causal) },
         [4, 4, 1], "padding \"causal\" is for Conv1D only; use \"valid\" or \"same\""),
        ("Embedding", #"{"type": "Embedding", "input_dim": 0, "output_dim": 4}"#, { Embedding(inputDim: 0, outputDim: 4) }, [3],
         "input_dim must be positive, got 0"),
        ("Conv1D", #"{"type": "Conv1D", "filters": 2, "kernel_size": 3, "dilation_rate": 0}"#, { Conv1D(filters: 2, kernelSize: 3, dilation: 0) }, [5, 1],
         "dilation_rate must be positive, got 0"),
        ("MaxPool1D", #"{"type": "MaxPool1D", "pool_size": 2, "padding": "causal"}"#, { MaxPool1D(padding: .causal) }, [5, 1],
         "padding \"causal\" is for Conv1D only; use \"valid\" or \"same\""),
        ("AvgPool1D", #"{"type": "AvgPool1D", "strides": 0}"#, { AvgPool1D(strides: 0) }, [5, 1], "strides must be positive, got 0"),
        ("Conv2DTranspose", #"{"type": "Conv2DTranspose", "filters": 2, "kernel_size": 3, "strides": [0, 1]}"#,
         { Conv2DTranspose(filters: 2, kernelSize: 3, strides: SizePair(0, 1)) }, [3, 3, 1], "strides must be positive, got [0, 1]"),
        ("UpSampling2D", #"{"type": "UpSampling2D", "size": [2, 0]}"#, { UpSampling2D(size: SizePair(2, 0)) }, [3, 3, 1], "size must be positive, got [2, 0]"),
        ("DepthwiseConv2D", #"{"type": "DepthwiseConv2D", "kernel_size": 3, "depth_multiplier": 0}"#, { DepthwiseConv2D(kernelSize: 3, depthMultiplier: 0) },
         [4, 4, 1], "depth_multiplier must be positive, got 0"),
        ("SeparableConv2D", #"{"type": "SeparableConv2D", "filters": 2, "kernel_size": 3, "padding": "causal"}"#,
         { SeparableConv2D(filters: 2, kernelSize: 3, padding: .causal) }, [4, 4, 1], "padding \"causal\" is for Conv1D only; use \"valid\" or \"same\""),
        ("RandomRotation", #"{"type": "RandomRotation", "factor": 1.5}"#, { RandomRotation(factor: 1.5) }, [4, 4, 1],
         "factor must lie in [-1, 1], got 1.5"),
        ("RandomTranslation", #"{"type": "RandomTranslation", "height_factor": [0.1, 0.2, 0.3], "width_factor": 0.1}"#,
         { RandomTranslation(heightFactor: [0.1, 0.2, 0.3], widthFactor: 0.1) }, [4, 4, 1],
         "height_factor must be one number or two (lower and upper bounds), got 3 numbers"),
        ("RandomZoom", #"{"type": "RandomZoom", "height_factor": -1}"#, { RandomZoom(heightFactor: -1) }, [4, 4, 1],
         "height_factor must lie in (-1, 1], got -1.0"),
        ("RandomContrast", #"{"type": "RandomContrast", "factor": 0.2, "value_range": [1, 0]}"#, { RandomContrast(factor: 0.2, valueRange: [1, 0]) },
         [4, 4, 1], "value_range must be two finite numbers [low, high] with low < high, got [1.0, 0.0]"),
    ]

    @Test(arguments: 0..<invalidCases.count)
    func invalidSettingsThrowTheSameErrorFromSwiftAndJSON(index: Int) throws {
        let (type, json, swift, inputShape, message) = Self.invalidCases[index]
        #expect(throws: LayerError.invalidConfig(layer: type, message: message)) { try swift().build(inputShape: inputShape, seed: 0) }
        #expect(throws: LayerError.invalidConfig(layer: type, message: message)) { try LayerRegistry.default.make(from: json) }
        #expect(throws: LayerError.invalidConfig(layer: "layers.0 (\(type))", message: message)) {
            try Sequential([swift()], inputShape: inputShape)
        }
        #expect(throws: LayerError.invalidConfig(layer: "layers[0] (\(type))", message: message)) {
            try LayerRegistry.default.make(from: #"{"type": "Sequential", "layers": [\#(json)]}"#)
        }
    }

    /// `Dense(units: 10¹²)` on 784 inputs would allocate 3 TB: it throws naming the layer and
    /// the count (784·10¹² + 10¹² = 785·10¹²) before allocating anything.
    @Test func anAbsurdLayerSizeThrowsBeforeAllocating() throws {
        let json = #"{"type": "Sequential", "input_shape": [784], "layers": [{"type": "Dense", "units": 1000000000000}]}"#
        let message = "785000000000000 parameters (shapes [[784, 1000000000000], [1000000000000]]) pass LayerLimits.maximumParameterCount (2147483648)"
        expectEqual(LayerLimits.maximumParameterCount, 1 << 31)
        #expect(throws: LayerError.invalidDescription(path: "", message: "layers.0 (Dense): \(message)")) {
            try LayerRegistry.default.make(from: json)
        }
        #expect(throws: LayerError.invalidConfig(layer: "Dense", message: message)) {
            try Dense(units: 1_000_000_000_000).build(inputShape: [784], seed: 0)
        }
        #expect(throws: LayerError.self) { try Conv2D(filters: 1 << 20, kernelSize: SizePair(1 << 10, 1 << 10)).build(inputShape: [2048, 2048, 3], seed: 0) }
        #expect(throws: LayerError.self) { try Dense(units: Int.max / 2).build(inputShape: [784], seed: 0) }
    }

    /// The limit is the caller's to set: exactly at it passes, one past it throws.
    @Test func theParameterLimitIsConfigurable() throws {
        try LayerLimits.check([[4, 25]], layer: "Dense", limit: 100)
        #expect(throws: LayerError.invalidConfig(layer: "Dense", message: "101 parameters (shapes [[4, 25], [1]]) pass LayerLimits.maximumParameterCount (100)")) {
            try LayerLimits.check([[4, 25], [1]], layer: "Dense", limit: 100)
        }
    }

    @Test func keysAreSnakeCaseFormsOfThePropertyNames() {
        expectEqual(ConfigurationKeys.snakeCase("kernelInitializer"), "kernel_initializer")
        expectEqual(ConfigurationKeys.snakeCase("beta1"), "beta_1")
        expectEqual(ConfigurationKeys.snakeCase("units"), "units")
        expectEqual(ConfigurationKeys.camelCase("use_causal_mask"), "useCausalMask")
        expectEqual(ConfigurationKeys.camelCase("beta_2"), "beta2")
    }
}
