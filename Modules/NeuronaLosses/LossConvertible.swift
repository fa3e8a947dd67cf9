/// What `Model.compile` takes for its loss: an instance (`MeanSquaredError()`) or a registered name
/// (`"mse"`), mixed as Keras allows: `compile(optimizer: Adam(learningRate: 1e-3), loss:
/// "sparse_categorical_crossentropy", metrics: ["accuracy"])`.
public protocol LossConvertible {
    /// The loss this stands for: itself, or a new one made from the registry by name.
    /// - Throws: The registry's error for a name it does not know.
    func makeLoss() throws -> any Loss
}

extension Loss {
    /// Itself.
    public func makeLoss() throws -> any Loss { self }
}

extension String: LossConvertible {
    /// A new loss of this registered name (`LossRegistry.default.make(self)`).
    /// - Throws: The registry's error naming the known names when this is not one.
    public func makeLoss() throws -> any Loss { try LossRegistry.default.make(self) }
}
