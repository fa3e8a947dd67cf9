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

extension MaxPool2D {
    /// Keras's other name for this layer.
    public static var registeredAliases: [String] { ["MaxPooling2D"] }
}

extension AvgPool2D {
    /// Keras's other name for this layer.
    public static var registeredAliases: [String] { ["AveragePooling2D"] }
}

extension GlobalAveragePooling2D {
    /// Keras's other name for this layer.
    public static var registeredAliases: [String] { ["GlobalAvgPool2D"] }
}

extension GlobalMaxPooling2D {
    /// Keras's other name for this layer.
    public static var registeredAliases: [String] { ["GlobalMaxPool2D"] }
}

extension GlobalAveragePooling1D {
    /// Keras's other name for this layer.
    public static var registeredAliases: [String] { ["GlobalAvgPool1D"] }
}
