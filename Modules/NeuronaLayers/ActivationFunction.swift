import NeuronaAutograd
import NeuronaCore
import NeuronaRegistry

/// An elementwise (or, for softmax, per-row) activation: a name registered in the
/// ``ActivationRegistry`` and its settings, with the function they make resolved once, when the
/// value is made (a forward pass calls it directly, with no lookup).
///
/// Built-in names follow Keras: `linear`, `relu`, `sigmoid`, `tanh`, `softmax`, `log_softmax`,
/// `leaky_relu` (setting `alpha`, 0.2), `elu` (`alpha`, 1), `gelu`, `swish` (also `silu`),
/// `softplus`, `hard_tanh`, `cos` and `rbf`. Lecture 002 lists the unusual ones: `cos`
/// (h = cos(Wx + b)), the radial basis function (here the Gaussian `exp(−x²)` of each
/// pre-activation), softplus and hard tanh. Plugins register more
/// (``Registry/register(_:settings:function:)``).
///
/// In JSON an activation is its name (`"relu"`) or an object with its settings
/// (`{"name": "leaky_relu", "alpha": 0.1}`); names resolve ignoring case and underscores
/// (`"ReLU"`), and what is saved is the registered name. In Swift:
///
/// ```swift
/// Dense(units: 128, activation: .relu)
/// Dense(units: 128, activation: "relu")                 // a string literal
/// Dense(units: 128, activation: try ActivationFunction("leaky_relu", alpha: 0.1))
/// ```
///
/// A string literal that names no registered activation is not a crash where it is written:
/// the layer's ``Layer/build(inputShape:generator:)`` throws
/// ``LayerError/invalidConfig(layer:message:)`` naming it and the closest registered names, as
/// `Dense(units: 0)` does for its units.
public struct ActivationFunction: Codable, Equatable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// What a registered activation computes.
    public typealias Function = @Sendable (Variable) -> Variable

    /// The registered name (for a string literal that names nothing registered, the literal).
    public let name: String
    /// The settings the description gives (`["alpha": 0.1]`); the ones left out take the
    /// registered defaults.
    public let settings: [String: Double]
    private let function: Function?
    private let unresolved: RegistryError?

    /// The slope for negative inputs (`leaky_relu`) or the saturation value (`elu`), if given.
    public var alpha: Double? { settings["alpha"] }

    /// The activation a registry's factory made.
    ///
    /// - Parameters:
    ///   - name: The registered name.
    ///   - settings: The settings the description gives.
    ///   - function: What the activation computes with those settings.
    public init(registeredName name: String, settings: [String: Double], function: @escaping Function) {
        self.name = name
        self.settings = settings
        self.function = function
        self.unresolved = nil
    }

    /// The activation registered as `name` (ignoring case and underscores), with `alpha` if it
    /// takes one.
    ///
    /// - Throws: ``RegistryError`` for an unknown name or a setting it does not take.
    /// - Parameters:
    ///   - name: The registered name.
    ///   - alpha: The slope for negative inputs (`leaky_relu`) or the saturation value (`elu`); nil for the default.
    public init(_ name: String, alpha: Double? = nil) throws {
        try self.init(name, settings: alpha.map { ["alpha": $0] } ?? [:])
    }

    /// The activation registered as `name` (ignoring case and underscores) with `settings`.
    ///
    /// - Parameters:
    ///   - name: A registered name.
    ///   - settings: Its settings (`["alpha": 0.1]`).
    /// - Throws: ``RegistryError`` for an unknown name or a setting it does not take.
    public init(_ name: String, settings: [String: Double]) throws {
        self = try ActivationRegistry.default.make(name, settings: settings.mapValues { .double($0) })
    }

    /// The activation a string literal names: `Dense(units: 128, activation: "relu")`. An
    /// unknown name is reported when the layer is built (``requireRegistered()``).
    /// - Parameters:
    ///   - value: The registered name, written as a string literal.
    public init(stringLiteral value: String) {
        do {
            self = try ActivationRegistry.default.make(value)
        } catch {
            name = value
            settings = [:]
            function = nil
            unresolved = error as? RegistryError ?? ActivationRegistry.default.unknownName(value)
        }
    }

    /// A built-in activation, for the static members.
    static func builtIn(_ name: String) -> ActivationFunction {
        do { return try ActivationRegistry.default.make(name) } catch { preconditionFailed("ActivationFunction.\(name): \(error)") }
    }

    /// `x`.
    public static let linear = builtIn("linear")
    /// `max(x, 0)`.
    public static let relu = builtIn("relu")
    /// `1 / (1 + e^−x)`.
    public static let sigmoid = builtIn("sigmoid")
    /// `tanh x`.
    public static let tanh = builtIn("tanh")
    /// `e^x / Σ e^x` along the last axis.
    public static let softmax = builtIn("softmax")

    /// The names of the built-in activations, sorted (``ActivationRegistry``'s `names` adds the
    /// ones plugins registered).
    public static let names: [String] = {
        let registry = ActivationRegistry()
        registry.registerBuiltIns()
        return registry.names
    }()

    /// Throws ``InvalidSetting`` naming this activation and the closest registered names when it
    /// was written as a string literal that names no registered activation. Layers with an
    /// activation call it from their config's `validate()`.
    public func requireRegistered() throws {
        if let unresolved { throw InvalidSetting("activation: \(unresolved)") }
    }

    /// Applies the activation.
    public func callAsFunction(_ x: Variable) -> Variable {
        guard let function else { preconditionFailed("activation: \(unresolved.map { "\($0)" } ?? name)") }
        return function(x)
    }

    public var description: String {
        settings.isEmpty ? name : "\(name)(" + settings.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")"
    }

    public static func == (a: ActivationFunction, b: ActivationFunction) -> Bool {
        a.name == b.name && a.settings == b.settings
    }

    /// Decodes a bare name (`"relu"`) or an object (`{"name": "leaky_relu", "alpha": 0.1}`)
    /// through the ``ActivationRegistry`` (the one in the decoder's `userInfo`, or the default).
    /// - Parameters:
    ///   - decoder: A decoder positioned at the JSON value.
    public init(from decoder: Decoder) throws {
        let registry = decoder.userInfo[ActivationRegistry.userInfoKey(kind: "activation")] as? ActivationRegistry ?? .default
        self = try registry.decodedValue(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        try encodeNamedSettings(name: name, settings: settings, to: encoder)
    }
}

/// The registry of activations: the one ``Registry`` design with ``ActivationFunction`` values
/// as its product. Names match ignoring case and underscores (`"ReLU"` is `relu`).
///
/// ```swift
/// // Keras's hard_sigmoid, registered by name (a plugin's register function does this).
/// ActivationRegistry.default.register("hard_sigmoid") { _ in
///     { x in ((x + 3).relu() - (x - 3).relu()) / 6 }
/// }
/// let layer = try LayerRegistry.default.make(from: #"{"type": "Dense", "units": 4, "activation": "hard_sigmoid"}"#)
/// ```
public typealias ActivationRegistry = Registry<ActivationFunction>

private let defaultActivationRegistry: ActivationRegistry = {
    let registry = ActivationRegistry()
    registry.registerBuiltIns()
    return registry
}()

extension Registry where Product == ActivationFunction {
    /// The registry of every built-in activation; plugins register into it too.
    public static var `default`: ActivationRegistry { defaultActivationRegistry }

    /// An empty activation registry: kind `activation`, JSON key `name`, bare names accepted,
    /// names matched ignoring case and underscores.
    public convenience init() {
        self.init(kind: "activation", nameKey: "name", exactNames: false, acceptsBareNames: true)
    }

    /// Registers an activation under `name`; registering again replaces it.
    ///
    /// - Parameters:
    ///   - name: The canonical name (what is saved), Keras's when it has one.
    ///   - settings: Each setting with its default (`["alpha": 0.2]`); JSON may give these and
    ///     no others.
    ///   - function: Makes the function from the settings (the defaults completed by what the
    ///     description gives); throws ``InvalidSetting`` for a value out of range. Called once
    ///     per value made, never per forward pass.
    public func register(_ name: String, settings: [String: Double] = [:],
                         function: @escaping ([String: Double]) throws -> ActivationFunction.Function) {
        register(name, settings: settings) { given, resolved in
            ActivationFunction(registeredName: name, settings: given, function: try function(resolved))
        }
    }

    /// Registers the built-in activations (Keras's names; see ``ActivationFunction``).
    public func registerBuiltIns() {
        register("linear") { _ in { $0 } }
        register("relu") { _ in { $0.relu() } }
        register("sigmoid") { _ in { $0.sigmoid() } }
        register("tanh") { _ in { $0.tanh() } }
        register("softmax") { _ in { $0.softmax(axis: -1) } }
        register("log_softmax") { _ in { $0.logSoftmax(axis: -1) } }
        register("leaky_relu", settings: ["alpha": 0.2]) { s in
            let alpha = s["alpha"]!
            return { $0.leakyRelu(alpha: alpha) }
        }
        register("elu", settings: ["alpha": 1]) { s in
            let alpha = s["alpha"]!
            return { $0.elu(alpha: alpha) }
        }
        register("gelu") { _ in { $0.gelu() } }
        register("swish") { _ in { $0.swish() } }
        register("silu") { _ in { $0.swish() } }
        register("softplus") { _ in { $0.softplus() } }
        register("hard_tanh") { _ in { $0.hardTanh() } }
        register("cos") { _ in { $0.cos() } }
        register("rbf") { _ in { x in (x * x * -1).exp() } }
    }
}

extension Registry {
    /// The value described where `decoder` is, for a value nested in a config (an activation, an
    /// initializer): an unknown name becomes a decoding error at its JSON path, so that the
    /// enclosing description reports it (`layers[0].activation: unknown activation "relux"; …`).
    func decodedValue(from decoder: Decoder) throws -> Product {
        do {
            return try product(from: decoder)
        } catch RegistryError.unknownName(let kind, let name, let closest, let plugin, _) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "\(RegistryError.unknownName(kind: kind, name: name, closest: closest, plugin: plugin))"))
        }
    }
}

/// Writes a registered value as Keras does: its bare name without settings, otherwise an object
/// with `name` beside the settings.
func encodeNamedSettings(name: String, settings: [String: Double], to encoder: Encoder) throws {
    if settings.isEmpty {
        var single = encoder.singleValueContainer()
        try single.encode(name)
    } else {
        var object = encoder.container(keyedBy: AnyCodingKey.self)
        try object.encode(name, forKey: AnyCodingKey("name"))
        for (key, value) in settings { try object.encode(value, forKey: AnyCodingKey(key)) }
    }
}
