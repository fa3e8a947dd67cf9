import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// Keras's alias names compile in Swift and load from JSON, as the same layers.
struct KerasAliasTests {
    @Test func aliasesAreTheSameLayers() throws {
        let pool = MaxPooling2D(poolSize: 2)
        #expect(type(of: pool) == MaxPool2D.self && AveragePooling2D.typeName == "AvgPool2D")
        #expect(GlobalAvgPool2D.typeName == "GlobalAveragePooling2D" && GlobalMaxPool2D.typeName == "GlobalMaxPooling2D")
        expectEqual(GlobalAvgPool1D.typeName, "GlobalAveragePooling1D")
        // Each alias is registered, for the layer of the type name it is listed with.
        #expect(MaxPooling1D.typeName == "MaxPool1D" && AveragePooling1D.typeName == "AvgPool1D" && GlobalMaxPool1D.typeName == "GlobalMaxPooling1D")
        #expect(Convolution1D.typeName == "Conv1D" && Convolution2DTranspose.typeName == "Conv2DTranspose")
        expectEqual(SeparableConvolution2D.typeName, "SeparableConv2D")
        for (alias, typeName) in LayerRegistry.kerasAliases {
            // The layer's round-trip description (its required settings) under the alias.
            let description = try #require(builtInRoundTripCases.first { $0.typeName == typeName }?.json)
            let json = description.replacingOccurrences(of: #""type": "\#(typeName)""#, with: #""type": "\#(alias)""#)
            try expectEqual(LayerRegistry.default.make(from: json).typeName, typeName, "\(alias)")
        }
    }

    /// A description written with Keras's class names loads, and saves under Neurona's.
    @Test func aliasNamesLoadFromJSON() throws {
        let json = """
        {"type": "Sequential", "input_shape": [4, 4, 1], "layers": [
          {"type": "MaxPooling2D", "pool_size": 2}, {"type": "AveragePooling2D", "pool_size": 2},
          {"type": "GlobalAvgPool2D"}]}
        """
        let model = try LayerRegistry.default.make(from: json)
        expectEqual(model.outputShape, [1])
        let x = Tensor((0..<16).map(Double.init), shape: [1, 4, 4, 1])
        // max of each 2×2 window: 5, 7, 13, 15; their mean: 10.
        expectEqual(model(Variable(x)).value.doubles, [10])
        #expect(try LayerRegistry.json(for: model).contains("\"MaxPool2D\""))
    }
}
