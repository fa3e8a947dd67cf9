// Keras's other names for the same layers: both spellings compile and load, as in Keras
// (`keras.layers.MaxPooling2D is keras.layers.MaxPool2D`). A model saved with either is
// written under the layer's own `typeName`.

/// Keras's `MaxPooling2D`: the same layer as ``MaxPool2D``.
public typealias MaxPooling2D = MaxPool2D
/// Keras's `AveragePooling2D`: the same layer as ``AvgPool2D``.
public typealias AveragePooling2D = AvgPool2D
/// Keras's `GlobalAvgPool2D`: the same layer as ``GlobalAveragePooling2D``.
public typealias GlobalAvgPool2D = GlobalAveragePooling2D
/// Keras's `GlobalMaxPool2D`: the same layer as ``GlobalMaxPooling2D``.
public typealias GlobalMaxPool2D = GlobalMaxPooling2D
/// Keras's `GlobalAvgPool1D`: the same layer as ``GlobalAveragePooling1D``.
public typealias GlobalAvgPool1D = GlobalAveragePooling1D

extension LayerRegistry {
    /// Keras's alias names of built-in layers, each with the `typeName` the layer is saved under.
    public static let kerasAliases: [String: String] = [
        "MaxPooling2D": MaxPool2D.typeName, "AveragePooling2D": AvgPool2D.typeName,
        "GlobalAvgPool2D": GlobalAveragePooling2D.typeName, "GlobalMaxPool2D": GlobalMaxPooling2D.typeName,
        "GlobalAvgPool1D": GlobalAveragePooling1D.typeName,
    ]

    /// Registers ``kerasAliases`` for the built-in layers they name, so a JSON description
    /// written with them loads.
    func registerKerasAliases() {
        register(MaxPool2D.self, as: "MaxPooling2D")
        register(AvgPool2D.self, as: "AveragePooling2D")
        register(GlobalAveragePooling2D.self, as: "GlobalAvgPool2D")
        register(GlobalMaxPooling2D.self, as: "GlobalMaxPool2D")
        register(GlobalAveragePooling1D.self, as: "GlobalAvgPool1D")
    }
}
