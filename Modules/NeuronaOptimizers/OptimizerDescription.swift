import NeuronaRegistry

/// What an optimizer's JSON description gives: the settings every optimizer shares (learning
/// rate, clipping, schedule) beside its own hyperparameters, in one object
/// (`{"type": "adam", "learning_rate": 0.01, "beta_1": 0.8}`). The ``OptimizerRegistry``
/// decodes and validates it, then makes the optimizer from it.
public struct OptimizerDescription<Config: Configuration>: RegistrySettings {
    /// The shared settings.
    public var settings: OptimizerSettings
    /// The optimizer's own hyperparameters.
    public var config: Config

    /// - Parameters:
    ///   - settings: The shared settings.
    ///   - config: The optimizer's own hyperparameters.
    public init(settings: OptimizerSettings, config: Config) {
        self.settings = settings
        self.config = config
    }

    /// Reads the shared settings and the hyperparameters from the one object, the ones left out
    /// taken from `defaults`; a key neither has is refused with its JSON path.
    public static func decode(from decoder: Decoder, defaults: OptimizerDescription, nameKey: String,
                              registeredName: String) throws -> OptimizerDescription {
        let settings = try OptimizerSettings(from: decoder, defaultRate: defaults.settings.learningRate)
        let config = try Config.decodeStrictly(from: decoder, defaults: defaults.config,
                                               ignoring: OptimizerSettings.keys.union([nameKey]), typeName: registeredName,
                                               otherFields: Array(OptimizerSettings.keys))
        return OptimizerDescription(settings: settings, config: config)
    }

    /// Checks the shared settings, then the hyperparameters.
    public func validate() throws {
        try settings.validate()
        try config.validate()
    }
}
