/// A variable with its stable name: a parameter or buffer of a model, keyed as in checkpoints
/// (`layers.0.weight`). Layers list them; optimizers update them by name.
public struct NamedParameter {
    /// The parameter's path in its model, such as `layers.0.weight` (the key in a weights file).
    public var name: String
    /// The parameter itself; optimizers update its value in place.
    public var variable: Variable

    /// A parameter under its name.
    /// - Parameters:
    ///   - name: The parameter's path in its model, such as `layers.0.weight`.
    ///   - variable: The parameter.
    public init(_ name: String, _ variable: Variable) {
        self.name = name
        self.variable = variable
    }
}
