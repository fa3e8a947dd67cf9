import NeuronaAutograd
import NeuronaCore

/// A building block of a network: a function from a `Variable` to a `Variable` with named
/// parameters, a training/inference mode and a JSON config.
///
/// Shapes here exclude the batch dimension (as in Keras): a `Dense(units: 128)` built for input
/// shape `[784]` maps `[batch, 784]` to `[batch, 128]`. A layer learns its input size when it is
/// built, so that a model can be written as JSON without the sizes every layer could infer.
///
/// Conform through ``ConfigurableLayer``, which adds the `Config` type the registry decodes.
public protocol Layer: AnyObject {
    /// The name this type is registered under (`"Dense"`).
    static var typeName: String { get }

    /// Creates the parameters for inputs of `inputShape` (no batch dimension) and returns the
    /// output shape. Throws ``LayerError/incompatibleInputShape(layer:expected:got:)`` when the
    /// layer cannot take that shape.
    func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int]

    /// The input shape the layer was built for, or nil before `build`.
    var inputShape: [Int]? { get }
    /// The output shape computed by `build`, or nil before it.
    var outputShape: [Int]? { get }

    /// The forward pass on a batch.
    func callAsFunction(_ input: Variable) -> Variable

    /// The trainable parameters with names relative to this layer (`weight`, `layers.0.bias`).
    func namedParameters() -> [NamedParameter]
    /// State saved with the weights that gets no gradient (batch norm's running mean).
    func namedBuffers() -> [NamedParameter]

    /// Training mode (dropout active, batch statistics) or inference mode.
    var isTraining: Bool { get set }

    /// Whether the optimizer updates this layer's parameters (Keras's `trainable`). A frozen
    /// layer (`false`) keeps its weights in `fit`, and so does every layer inside a frozen
    /// container; its parameters count as non-trainable in ``summary()`` and JSON saves the flag
    /// (`"trainable": false`). It changes nothing else: a frozen Dropout still drops in training.
    /// (``StatefulLayer`` keeps it in ``LayerState``.)
    var isTrainable: Bool { get set }

    /// Writes this layer's config (the arguments it was made with) into `encoder`.
    func encodeConfig(to encoder: Encoder) throws
}

extension Layer {
    public func namedParameters() -> [NamedParameter] { [] }
    public func namedBuffers() -> [NamedParameter] { [] }

    /// The registered type name of this layer's type.
    public var typeName: String { Self.typeName }

    /// Whether `build` has run.
    public var isBuilt: Bool { outputShape != nil }

    /// The number of scalars in the parameters (the ones that get gradients, frozen or not).
    public var parameterCount: Int { namedParameters().reduce(0) { $0 + $1.variable.value.count } }

    /// Builds with a generator seeded by `seed`.
    @discardableResult
    public func build(inputShape: [Int], seed: UInt64) throws -> [Int] {
        var generator = RandomGenerator(seed: seed)
        return try build(inputShape: inputShape, generator: &generator)
    }

    /// Builds this layer for batches of `batchShape` (the first axis is the batch) unless it is
    /// built already: Keras's lazy build, which `Model`'s `fit`, `evaluate` and `predict` and a
    /// container's direct call use. A ``LazilyBuiltLayer`` draws its weights from its
    /// ``LazilyBuiltLayer/buildSeed`` (the same weights as an eager build with that seed); other
    /// layers from seed 0.
    ///
    /// - Parameter batchShape: The shape of a batch, batch axis first.
    /// - Throws: ``LayerError`` when a layer cannot take that shape.
    public func buildIfNeeded(batchShape: [Int]) throws {
        guard !isBuilt else { return }
        try build(inputShape: Array(batchShape.dropFirst()), seed: (self as? any LazilyBuiltLayer)?.buildSeed ?? 0)
    }
}

/// A layer whose settings are a `Codable` config: what the ``LayerRegistry`` makes from JSON
/// (a ``/NeuronaRegistry/Registrable`` type registered under its ``Layer/typeName``).
///
/// `Config` holds exactly the init arguments (Keras's `get_config`); `init(config:)` validates
/// them and throws ``LayerError/invalidConfig(layer:message:)`` when they make no sense.
public protocol ConfigurableLayer: Layer, Registrable where Product == any Layer, Settings == Config {
    /// The layer's settings: a `Codable` value whose JSON form is the layer's JSON description.
    associatedtype Config: Codable & Equatable & RegistrySettings
    /// A layer with `config`'s settings.
    /// - Parameter config: The settings; invalid ones throw (or stop when the layer is built).
    init(config: Config) throws
    /// The layer's settings, as written to JSON.
    var config: Config { get }
}

extension ConfigurableLayer {
    public func encodeConfig(to encoder: Encoder) throws {
        try config.encode(to: encoder)
    }

    /// The layer's ``Layer/typeName``: what JSON names it by and saves.
    public static var registeredName: String { typeName }

    /// The layer with `settings` (``init(config:)``).
    public static func make(_ settings: Config) throws -> any Layer { try Self(config: settings) }
}

extension ConfigurableLayer where Config: DefaultedConfiguration {
    /// The config's defaults (``/NeuronaRegistry/DefaultedConfiguration/defaults``).
    public static var defaultSettings: Config { Config.defaults }
}

/// A layer that joins several inputs (Add, Concatenate, Multiply): used as a node of a
/// ``Graph`` with more than one input.
public protocol MergeLayer: Layer {
    /// Checks the input shapes and returns the output shape.
    func build(inputShapes: [[Int]]) throws -> [Int]
    /// The forward pass on several batches.
    func merge(_ inputs: [Variable]) -> Variable
}

extension MergeLayer {
    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try build(inputShapes: [inputShape])
    }

    public func callAsFunction(_ input: Variable) -> Variable { merge([input]) }
}

/// The stored state every layer keeps: built shapes and the training flag.
public struct LayerState {
    /// The shape of one input without the batch axis, once known (given, or from the first batch).
    public var inputShape: [Int]?
    /// The shape of one output without the batch axis, once built.
    public var outputShape: [Int]?
    /// Whether the layer is in training mode (Dropout drops, batch normalization uses batch statistics).
    public var isTraining = false
    /// Whether the optimizer updates the layer's parameters (Keras's `trainable`).
    public var isTrainable = true

    /// An unbuilt layer's state: no shapes yet, inference mode.
    public init() {}
}

/// A layer that keeps its shapes and training flag in a ``LayerState``: conforming gives it
/// ``Layer/inputShape``, ``Layer/outputShape``, ``Layer/isTraining`` and ``Layer/isTrainable``. (Containers implement
/// `isTraining` themselves, to pass the mode on to their children.)
public protocol StatefulLayer: Layer {
    /// The layer's shapes and training mode.
    var layerState: LayerState { get set }
}

extension StatefulLayer {
    public var inputShape: [Int]? { layerState.inputShape }
    public var outputShape: [Int]? { layerState.outputShape }
    public var isTraining: Bool {
        get { layerState.isTraining }
        set { layerState.isTraining = newValue }
    }
    public var isTrainable: Bool {
        get { layerState.isTrainable }
        set { layerState.isTrainable = newValue }
    }
}
