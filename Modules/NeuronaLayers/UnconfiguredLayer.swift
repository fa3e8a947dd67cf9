import NeuronaAutograd
import NeuronaCore

/// The config of a layer without settings (Flatten, Add): `{}` in JSON.
public struct EmptyConfig: LayerConfig {
    public static let defaults = EmptyConfig()
    /// The empty config.
    public init() {}
}

/// A layer without settings: its config is empty, and it is made with `init()`.
public protocol UnconfiguredLayer: ConfigurableLayer where Config == EmptyConfig {
    /// The layer.
    init()
}

extension UnconfiguredLayer {
    /// The layer (`config` is empty).
    /// - Parameter config: The empty settings.
    public init(config: EmptyConfig) { self.init() }
    /// The empty settings.
    public var config: EmptyConfig { EmptyConfig() }
}
