import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

struct LayerRegistryTests {
    static let mlp = """
    {"type": "Sequential", "input_shape": [28, 28],
     "layers": [{"type": "Flatten"},
                {"type": "Dense", "units": 128, "activation": "relu"},
                {"type": "Dropout", "rate": 0.2, "seed": 3},
                {"type": "Dense", "units": 10, "activation": "softmax"}]}
    """

    static func error(_ json: String, registry: LayerRegistry = .default) -> String {
        do {
            _ = try registry.make(from: json)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func theDefaultRegistryHoldsEveryBuiltIn() {
        // The built-ins, and Keras's alias names for some of them (KerasAliases.swift).
        #expect(LayerRegistry.default.names == ["Activation", "Add", "AveragePooling1D", "AveragePooling2D", "AvgPool1D", "AvgPool2D",
                                                "Concatenate", "Conv1D", "Conv2D", "Conv2DTranspose", "Convolution1D", "Convolution2DTranspose",
                                                "Dense", "DepthwiseConv2D", "Dropout", "Embedding", "Flatten", "GlobalAveragePooling1D", "GlobalAveragePooling2D",
                                                "GlobalAvgPool1D", "GlobalAvgPool2D", "GlobalMaxPool1D", "GlobalMaxPool2D", "GlobalMaxPooling1D",
                                                "GlobalMaxPooling2D", "Graph", "MaxPool1D", "MaxPool2D", "MaxPooling1D", "MaxPooling2D",
                                                "Multiply", "RandomContrast", "RandomFlip", "RandomRotation", "RandomTranslation", "RandomZoom",
                                                "Reshape", "SeparableConv2D", "SeparableConvolution2D", "Sequential", "UpSampling2D"])
    }

    @Test func aModelFromJSONHasTheShapesAndParameterCounts() throws {
        let model = try LayerRegistry.default.make(from: Self.mlp)
        expectEqual(model.outputShape, [10])
        expectEqual(model.parameterCount, 101_770)
        expectEqual(model.namedParameters().map(\.name), ["layers.1.weight", "layers.1.bias", "layers.3.weight", "layers.3.bias"])
    }

    @Test func roundTripGivesTheSameJSONAndIdenticalOutputs() throws {
        let model = try LayerRegistry.default.make(from: Self.mlp)
        try model.build(inputShape: [28, 28], seed: 11)
        let json = try LayerRegistry.json(for: model)
        let copy = try LayerRegistry.default.make(from: json)
        try expectEqual(LayerRegistry.json(for: copy), json)
        try copy.loadWeights(model.weights())
        var g = RandomGenerator(seed: 1)
        let x = Variable(Tensor.uniform([4, 28, 28], using: &g))
        #expect(model(x).value.isIdentical(to: copy(x).value))
    }

    @Test func everyBuiltInLayerRoundTrips() throws {
        let layers: [(any Layer, [Int])] = [
            (Dense(units: 3, activation: try ActivationFunction("leaky_relu", alpha: 0.1), useBias: false,
                   kernelInitializer: .heNormal, biasInitializer: .constant(0.1)), [4]),
            (Activation(try ActivationFunction("elu", alpha: 0.5)), [4]),
            (Flatten(), [2, 3]), (Reshape([3, -1]), [6]), (Dropout(rate: 0.5, seed: 1), [4]),
            (Sequential([Dense(units: 2), Activation(.tanh)]), [3]),
        ]
        for (layer, shape) in layers {
            try layer.build(inputShape: shape, seed: 2)
            let json = try LayerRegistry.json(for: layer)
            let copy = try LayerRegistry.default.make(from: json)
            try expectEqual(LayerRegistry.json(for: copy), json, "\(layer.typeName)")
            try copy.build(inputShape: shape, seed: 99)
            try copy.loadWeights(layer.weights())
            var g = RandomGenerator(seed: 3)
            let x = Variable(Tensor.uniform([2] + shape, using: &g))
            #expect(layer(x).value.isIdentical(to: copy(x).value), "\(layer.typeName)")
        }
    }

    @Test func wrongFieldTypesNameTheJSONPath() {
        let json = #"{"type": "Sequential", "layers": [{"type": "Flatten"}, {"type": "Dense", "units": 4}, {"type": "Dense", "units": "abc"}]}"#
        expectEqual(Self.error(json), #"layers[2].units: expected an integer, found "abc""#)
    }

    @Test func missingFieldsAndUnexpectedFieldsAreNamed() {
        expectEqual(Self.error(#"{"type": "Sequential", "layers": [{"type": "Dense"}]}"#), #"layers[0]: missing field "units""#)
        let typo = Self.error(#"{"type": "Dense", "units": 3, "activaton": "relu"}"#)
        #expect(typo.hasPrefix(#"activaton: unexpected field "activaton" for Dense (its fields: "#), "\(typo)")
        #expect(Self.error(#"{"type": "Dense", "units": 3, "activation": "relux"}"#).contains(#"activation: unknown activation "relux""#))
        #expect(Self.error(#"{"type": "Dense", "units": 0}"#).contains("units must be positive, got 0"))
        expectEqual(Self.error(#"{"type": "Dense", "units": 3"#), "line 1, column 29: the description is not valid JSON (Unexpected end of file during JSON parse)")
        expectEqual(Self.error(#"{"units": 3}"#), #"missing field "type""#)
    }

    @Test func jsonSyntaxErrorsGiveLineAndColumn() {
        // The parser's byte offset, as a line and column ("é" is two bytes, one column).
        let json = "{\"type\": \"Sequential\",\n \"name\": \"é\", \"layers\": [\n  {\"type\": \"Dense\", \"units\": }]}"
        expectEqual(Self.error(json), "line 3, column 30: the description is not valid JSON (Invalid value)")
        expectEqual(Self.error(""), "the description is empty")
        // Valid JSON nested past the parser's limit has its own message.
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        expectEqual(Self.error(deep), "line 1, column 514: the description nests arrays and objects deeper than the JSON parser's limit of 512")
    }

    @Test func numbersThatFitNoFieldAreNamedNotFatal() {
        // "units": 1e30 does not fit Int: JSONDecoder says only "not valid JSON", without a path.
        let e = Self.error(#"{"type": "Sequential", "layers": [{"type": "Dense", "units": 1e30}]}"#)
        expectEqual(e, "layers[0].units: the number 1e+30 does not fit this field (an integer field takes whole numbers from -9223372036854775808 to 9223372036854775807)")
        let fraction = Self.error(#"{"type": "Dropout", "rate": 0.5, "seed": 2.5}"#)
        #expect(fraction.hasPrefix("seed: the number 2.5 does not fit this field"))
    }

    @Test func aFileEntryPointNamesTheFile() throws {
        let folder = temporaryFolder("registry")
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("mlp.json")
        try Self.mlp.write(to: good, atomically: true, encoding: .utf8)
        try expectEqual(LayerRegistry.default.make(contentsOf: good).parameterCount, 784 * 128 + 128 + 1290)
        func fileError(_ url: URL) -> String {
            do { _ = try LayerRegistry.default.make(contentsOf: url); return "no error" } catch { return "\(error)" }
        }
        let missing = folder.appendingPathComponent("none.json")
        expectEqual(fileError(missing), "\(missing.path): no such file")
        #expect(fileError(folder).hasPrefix("\(folder.path): cannot read the file"))
        let broken = folder.appendingPathComponent("broken.json")
        try "{\"type\": \"Dense\",\n \"units\": 3,,}".write(to: broken, atomically: true, encoding: .utf8)
        // The second comma, at column 13 of line 2.
        expectEqual(fileError(broken), "\(broken.path): line 2, column 13: the description is not valid JSON (Invalid value)")
        let wrong = folder.appendingPathComponent("wrong.json")
        try #"{"type": "Dense", "units": "abc"}"#.write(to: wrong, atomically: true, encoding: .utf8)
        expectEqual(fileError(wrong), "\(wrong.path): units: expected an integer, found \"abc\"")
        #expect(throws: LayerFileError.self) { try LayerRegistry.default.make(contentsOf: wrong) }
    }

    @Test func unknownTypesListTheClosestNamesAndThePlugin() throws {
        let e = Self.error(#"{"type": "Sequential", "layers": [{"type": "Dens", "units": 3}]}"#)
        expectEqual(e, #"layers[0].type: unknown layer type "Dens"; closest registered names: Dense; a layer type of your own must be registered first (as with Keras's register_keras_serializable): register(_:package:) on its registry"#)
        // What NeuronaRecurrent's `RecurrentPlugin.announce()` does (registering into an empty
        // registry records the names); this target does not link the plugin, and again is harmless.
        let recurrent = PluginPackage("NeuronaRecurrent", entryPoint: "RecurrentPlugin.register(into:)")
        try LayerRegistry().register(Dense.self, package: recurrent, as: ["SimpleRNN", "LSTM", "GRU"])
        let plugin = Self.error(#"{"type": "Sequential", "layers": [{"type": "LSTM", "units": 3}]}"#)
        expectEqual(plugin, #"layers[0].type: unknown layer type "LSTM"; it is provided by the plugin NeuronaRecurrent: import NeuronaRecurrent and call RecurrentPlugin.register(into:) first"#)
    }

    @Test func thePluginCatalogKnowsOnlyWhatPluginsAnnounced() throws {
        // A plugin nobody announced: the closest registered names, and no plugin named.
        let before = Self.error(#"{"type": "Zorblax", "units": 3}"#)
        expectEqual(before, #"type: unknown layer type "Zorblax"; a layer type of your own must be registered first (as with Keras's register_keras_serializable): register(_:package:) on its registry"#)
        #expect(PluginCatalog.plugin(providing: "Zorblax") == nil)
        // Registering with a package (here into registries of the plugin's own) records the names.
        let acme = PluginPackage("AcmeLayers", entryPoint: "AcmePlugin.register(into:)")
        try LayerRegistry().register(Dense.self, package: acme, as: ["Zorblax", "Quux"])
        try LayerRegistry().register(Dense.self, package: acme, as: ["Zorblax", "Quux"])
        #expect(PluginCatalog.plugin(providing: "Quux")
                == PluginAnnouncement(plugin: "AcmeLayers", entryPoint: "AcmePlugin.register(into:)",
                                      names: [PluginCatalog.layerKind: ["Zorblax", "Quux"]]))
        expectEqual(PluginCatalog.announcedTypes.filter { $0 == "Zorblax" }.count, 1)
        #expect(Self.error(#"{"type": "Zorblax", "units": 3}"#)
                == #"type: unknown layer type "Zorblax"; it is provided by the plugin AcmeLayers: import AcmeLayers and call AcmePlugin.register(into:) first"#)
        // A typo of an announced name is suggested like a registered one (edit distance 1).
        expectEqual(Self.error(#"{"type": "Zorblix"}"#), #"type: unknown layer type "Zorblix"; closest registered names: Zorblax; a layer type of your own must be registered first (as with Keras's register_keras_serializable): register(_:package:) on its registry"#)
        #expect(throws: LayerError.unknownType(path: "type", name: "Quux", closest: [],
                                               plugin: PluginCatalog.plugin(providing: "Quux"))) {
            try LayerRegistry.default.make(from: #"{"type": "Quux"}"#)
        }
    }

    @Test func registeringTwiceIsHarmlessAndCustomRegistriesAreSeparate() throws {
        let registry = LayerRegistry()
        try registry.register(Dense.self)
        try registry.register(Dense.self)
        expectEqual(registry.names, ["Dense"])
        #expect(Self.error(#"{"type": "Flatten"}"#, registry: registry).contains("unknown layer type \"Flatten\""))
        try registry.register(Dense.self, as: ["Linear"])
        let layer = try registry.make(from: #"{"type": "Linear", "units": 2}"#)
        #expect(layer is Dense)
    }
}

struct SequentialTests {
    @Test func aWrongInputShapeNamesTheLayerAndBothShapes() throws {
        let model = Sequential([Dense(units: 4), Reshape([3, 3]), Dense(units: 2)])
        #expect(throws: LayerError.incompatibleInputShape(layer: "layers.1 (Reshape)", expected: "9 elements for [3, 3]", got: [4])) {
            try model.build(inputShape: [5], seed: 0)
        }
        let ok = try Sequential([Dense(units: 4)], inputShape: [5])
        #expect(throws: LayerError.incompatibleInputShape(layer: "Sequential", expected: "[batch] + [5]", got: [2, 6])) {
            try ok.checkedCall(Variable(Tensor.zeros([2, 6])))
        }
    }

    @Test func summaryIsAKerasStyleTable() throws {
        let model = try Sequential([Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)],
                                   inputShape: [28, 28])
        let expected = """
        Model: "sequential"
        Layer (type)                 Output Shape                 Param #
        =================================================================
        layers.0 (Flatten)           (None, 784)                        0
        -----------------------------------------------------------------
        layers.1 (Dense)             (None, 128)                  100,480
        -----------------------------------------------------------------
        layers.2 (Dense)             (None, 10)                     1,290
        =================================================================
        Total params: 101,770
        Trainable params: 101,770
        Non-trainable params: 0
        """
        expectEqual(model.summary(), expected, "\n\(model.summary())")
    }

    @Test func trainingModeReachesEveryLayer() throws {
        let dropout = Dropout(rate: 0.5)
        let model = try Sequential([Dense(units: 2), Sequential([dropout])], inputShape: [3])
        model.isTraining = true
        #expect(dropout.isTraining)
        model.isTraining = false
        #expect(!dropout.isTraining)
    }

    @Test func strictWeightLoadingNamesEveryProblem() throws {
        let model = try Sequential([Dense(units: 2), Dense(units: 1)], inputShape: [3])
        var weights = model.weights()
        weights["layers.1.bias"] = nil
        weights["layers.9.weight"] = Tensor.zeros([1])
        weights["layers.0.weight"] = Tensor.zeros([3, 5])
        #expect(throws: LayerError.weightMismatch(missing: ["layers.1.bias"], unexpected: ["layers.9.weight"],
                                                  wrongShape: ["layers.0.weight: model [3, 2], given [3, 5]"])) {
            try model.loadWeights(weights)
        }
    }
}

struct GraphTests {
    static let residual = """
    {"type": "Graph", "inputs": [{"name": "x", "shape": [4]}],
     "nodes": [{"name": "h", "layer": {"type": "Dense", "units": 4, "activation": "tanh"}, "inputs": ["x"]},
               {"name": "sum", "layer": {"type": "Add"}, "inputs": ["x", "h"]},
               {"name": "a", "layer": {"type": "Dense", "units": 3}, "inputs": ["sum"]},
               {"name": "b", "layer": {"type": "Dense", "units": 2}, "inputs": ["sum"]},
               {"name": "cat", "layer": {"type": "Concatenate"}, "inputs": ["a", "b"]},
               {"name": "gate", "layer": {"type": "Dense", "units": 5, "activation": "sigmoid"}, "inputs": ["sum"]},
               {"name": "out", "layer": {"type": "Multiply"}, "inputs": ["cat", "gate"]}],
     "output": "out"}
    """

    @Test func residualAndInceptionStyleBranches() throws {
        let graph = try #require(try LayerRegistry.default.make(from: Self.residual) as? Graph)
        expectEqual(graph.outputShape, [5])
        expectEqual(graph.namedParameters().map(\.name).first, "nodes.h.weight")
        let x = Variable(Tensor([[1, 2, 3, 4]], dtype: .float64))
        graph.convertParameters(to: .float64)
        let w = graph.weights()
        // Recompute by hand from the weights.
        let h = (x.value.matmul(w["nodes.h.weight"]!) + w["nodes.h.bias"]!).tanh()
        let sum = x.value + h
        let cat = Tensor.concatenate([sum.matmul(w["nodes.a.weight"]!) + w["nodes.a.bias"]!,
                                      sum.matmul(w["nodes.b.weight"]!) + w["nodes.b.bias"]!], axis: 1)
        let gate = (sum.matmul(w["nodes.gate.weight"]!) + w["nodes.gate.bias"]!).sigmoid()
        #expect(isClose(graph(x).value, cat * gate, absolute: 1e-12))
        // The gradient reaches the input through both paths of the residual.
        var g = RandomGenerator(seed: 1)
        #expect(GradientChecker.check(layer: graph, input: Tensor.normal([2, 4], dtype: .float64, using: &g)).passed)
        let json = try LayerRegistry.json(for: graph)
        try expectEqual(LayerRegistry.json(for: LayerRegistry.default.make(from: json)), json)
    }

    @Test func referencesToLaterOrUnknownNodesAreRejected() {
        let bad = #"{"type": "Graph", "inputs": [{"name": "x", "shape": [2]}], "nodes": [{"name": "a", "layer": {"type": "Dense", "units": 2}, "inputs": ["b"]}, {"name": "b", "layer": {"type": "Dense", "units": 2}, "inputs": ["x"]}], "output": "b"}"#
        #expect(LayerRegistryTests.error(bad).contains(#"nodes[0].inputs[0]: unknown node "b"; a node may use the inputs and earlier nodes: x"#))
        let twoInputs = #"{"type": "Graph", "inputs": [{"name": "x", "shape": [2]}], "nodes": [{"name": "a", "layer": {"type": "Dense", "units": 2}, "inputs": ["x", "x"]}], "output": "a"}"#
        #expect(LayerRegistryTests.error(twoInputs).contains("Dense takes one input, got 2; join branches with Add, Concatenate or Multiply"))
        let mismatch = #"{"type": "Graph", "inputs": [{"name": "x", "shape": [2]}], "nodes": [{"name": "a", "layer": {"type": "Dense", "units": 3}, "inputs": ["x"]}, {"name": "s", "layer": {"type": "Add"}, "inputs": ["x", "a"]}], "output": "s"}"#
        #expect(LayerRegistryTests.error(mismatch).contains("nodes.s (Add): expected input shape [2] (all inputs alike), got [3]"))
    }
}
