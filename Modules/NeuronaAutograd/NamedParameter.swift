/// A variable with its stable name: a parameter or buffer of a model, keyed as in checkpoints
/// (`layers.0.weight`). Layers list them; optimizers update them by name.
public struct NamedParameter {
    public var name: String
    public var variable: Variable

    public init(_ name: String, _ variable: Variable) {
        self.name = name
        self.variable = variable
    }
}
