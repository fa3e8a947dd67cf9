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
/// Keras's `MaxPooling1D`: the same layer as ``MaxPool1D``.
public typealias MaxPooling1D = MaxPool1D
/// Keras's `AveragePooling1D`: the same layer as ``AvgPool1D``.
public typealias AveragePooling1D = AvgPool1D
/// Keras's `GlobalMaxPool1D`: the same layer as ``GlobalMaxPooling1D``.
public typealias GlobalMaxPool1D = GlobalMaxPooling1D
/// Keras's `Convolution1D`: the same layer as ``Conv1D``.
public typealias Convolution1D = Conv1D
/// Keras's `Convolution2DTranspose`: the same layer as ``Conv2DTranspose``.
public typealias Convolution2DTranspose = Conv2DTranspose
/// Keras's `SeparableConvolution2D`: the same layer as ``SeparableConv2D``.
public typealias SeparableConvolution2D = SeparableConv2D

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

extension MaxPool1D {
    /// Keras's other name for this layer.
    public static var registeredAliases: [String] { ["MaxPooling1D"] }
}

extension AvgPool1D {
    /// Keras's other name for this layer.
    public static var registeredAliases: [String] { ["AveragePooling1D"] }
}

extension GlobalMaxPooling1D {
    /// Keras's other name for this layer.
    public static var registeredAliases: [String] { ["GlobalMaxPool1D"] }
}

extension Conv1D {
    /// Keras's other name for this layer.
    public static var registeredAliases: [String] { ["Convolution1D"] }
}

extension Conv2DTranspose {
    /// Keras's other name for this layer.
    public static var registeredAliases: [String] { ["Convolution2DTranspose"] }
}

extension SeparableConv2D {
    /// Keras's other name for this layer.
    public static var registeredAliases: [String] { ["SeparableConvolution2D"] }
}
