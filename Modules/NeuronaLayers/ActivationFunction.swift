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
/// (``/NeuronaRegistry/Registry/register(_:package:aliases:settings:file:line:make:)``).
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

    /// The activation a registry's factory makes from the settings it decoded: saved under their
    /// registered name with the settings the description gave.
    ///
    /// - Parameters:
    ///   - settings: The settings the registry decoded.
    ///   - function: What the activation computes with those settings.
    public init(_ settings: NumericSettings, function: @escaping Function) {
        self.name = settings.name
        self.settings = settings.given
        self.function = function
        self.unresolved = nil
    }

    /// The activation registered as `name` (ignoring case and underscores), with `alpha` if it
    /// takes one.
    ///
    /// - Throws: ``/NeuronaRegistry/RegistryError`` for an unknown name or a setting it does not take.
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
    /// - Throws: ``/NeuronaRegistry/RegistryError`` for an unknown name or a setting it does not take.
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
        try! registry.registerBuiltIns()   // an empty registry and distinct built-in names: nothing to collide
        return registry.names
    }()

    /// Throws ``/NeuronaRegistry/InvalidSetting`` naming this activation and the closest registered names when it
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

/// The registry of activations: the one ``/NeuronaRegistry/Registry`` design with ``ActivationFunction`` values
/// as its product. Names match ignoring case and underscores (`"ReLU"` is `relu`).
///
/// ```swift
/// // Keras's hard_sigmoid, registered by name (a plugin's register function does this).
/// try ActivationRegistry.default.register("hard_sigmoid", package: "MyApp", settings: NumericSettings()) { s in
///     ActivationFunction(s) { x in ((x + 3).relu() - (x - 3).relu()) / 6 }
/// }
/// let layer = try LayerRegistry.default.make(from: #"{"type": "Dense", "units": 4, "activation": "hard_sigmoid"}"#)
/// ```
public typealias ActivationRegistry = Registry<ActivationFunction>

private let defaultActivationRegistry: ActivationRegistry = {
    let registry = ActivationRegistry()
    try! registry.registerBuiltIns()   // an empty registry and distinct built-in names: nothing to collide
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

    /// Registers the built-in activations (Keras's names; see ``ActivationFunction``).
    ///
    /// - Throws: ``/NeuronaRegistry/RegistryError/duplicateName(kind:name:registrant:existing:)`` when another
    ///   registrant already holds one of these names in this registry.
    public func registerBuiltIns() throws {
        func register(_ name: String, settings: [String: Double] = [:], line: Int = #line,
                      function: @escaping (NumericSettings) -> ActivationFunction.Function) throws {
            try self.register(name, settings: NumericSettings(settings), line: line) { s in ActivationFunction(s, function: function(s)) }
        }
        try register("linear") { _ in { $0 } }
        try register("relu") { _ in { $0.relu() } }
        try register("sigmoid") { _ in { $0.sigmoid() } }
        try register("tanh") { _ in { $0.tanh() } }
        try register("softmax") { _ in { $0.softmax(axis: -1) } }
        try register("log_softmax") { _ in { $0.logSoftmax(axis: -1) } }
        try register("leaky_relu", settings: ["alpha": 0.2]) { s in
            let alpha = s["alpha"]
            return { $0.leakyRelu(alpha: alpha) }
        }
        try register("elu", settings: ["alpha": 1]) { s in
            let alpha = s["alpha"]
            return { $0.elu(alpha: alpha) }
        }
        try register("gelu") { _ in { $0.gelu() } }
        try register("swish") { _ in { $0.swish() } }
        try register("silu") { _ in { $0.swish() } }
        try register("softplus") { _ in { $0.softplus() } }
        try register("hard_tanh") { _ in { $0.hardTanh() } }
        try register("cos") { _ in { $0.cos() } }
        try register("rbf") { _ in { x in (x * x * -1).exp() } }
    }
}

extension Registry {
    /// The value described where `decoder` is, for a value nested in a config (an activation, an
    /// initializer): an unknown name becomes a decoding error at its JSON path, so that the
    /// enclosing description reports it (`layers[0].activation: unknown activation "relux"; …`).
    func decodedValue(from decoder: Decoder) throws -> Product {
        do {
            return try product(from: decoder)
        } catch let error as RegistryError {
            switch error {
            case .unknownName, .ambiguousName:
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error.withoutPath)"))
            default:
                throw error
            }
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
