/// What `Model.compile` takes for its optimizer: an instance (`Adam(learningRate: 1e-3)`) or a registered name
/// (`"adam"`), mixed as Keras allows: `compile(optimizer: Adam(learningRate: 1e-3), loss:
/// "sparse_categorical_crossentropy", metrics: ["accuracy"])`.
public protocol OptimizerConvertible {
    /// The optimizer this stands for: itself, or a new one made from the registry by name.
    /// - Throws: The registry's error for a name it does not know.
    func makeOptimizer() throws -> any Optimizer
}

extension Optimizer {
    /// Itself.
    public func makeOptimizer() throws -> any Optimizer { self }
}

extension String: OptimizerConvertible {
    /// A new optimizer of this registered name (`OptimizerRegistry.default.make(self)`).
    /// - Throws: The registry's error naming the known names when this is not one.
    public func makeOptimizer() throws -> any Optimizer { try OptimizerRegistry.default.make(self) }
}
