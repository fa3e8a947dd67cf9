import NeuronaCore
import NeuronaRegistry

/// How a parameter's first values are drawn: a name registered in the ``InitializerRegistry``
/// and its settings, with the drawing function resolved once, when the value is made.
///
/// `fanIn` and `fanOut` are the numbers of inputs and outputs of one unit (for a dense kernel of
/// shape [in, out]: `in` and `out`; for a convolution kernel [h, w, cin, cout]: `h·w·cin` and
/// `h·w·cout`). The built-ins, by Keras's names:
///
/// - `zeros`, `ones`, `constant` (`value`, 0)
/// - `random_uniform` (`min` −0.05, `max` 0.05), `random_normal` (`mean` 0, `stddev` 0.05)
/// - `glorot_uniform` (Xavier): U(±√(6/(fanIn+fanOut))); `glorot_normal`: N(0, 2/(fanIn+fanOut)), truncated
/// - `he_uniform`: U(±√(6/fanIn)); `he_normal`: N(0, 2/fanIn), truncated
/// - `lecun_uniform`: U(±√(3/fanIn)); `lecun_normal`: N(0, 1/fanIn), truncated
///
/// In JSON an initializer is its name (`"glorot_uniform"`) or an object with its settings
/// (`{"name": "constant", "value": 0.1}`); names resolve ignoring case and underscores
/// (`"GlorotUniform"`). In Swift: `.glorotUniform`, `.constant(0.1)`,
/// `.randomNormal(mean: 0, standardDeviation: 1)`, or `try Initializer("orthogonal")` for one a
/// plugin registered.
public struct Initializer: Codable, Equatable, Sendable, CustomStringConvertible {
    /// Draws a tensor of `shape` (with the unit's fan-in and fan-out) in `dtype`.
    public typealias Draw = @Sendable (_ shape: [Int], _ fanIn: Int, _ fanOut: Int, _ dtype: DType,
                                       _ generator: inout RandomGenerator) -> Tensor

    /// The registered name.
    public let name: String
    /// Every setting with its value (the registered defaults completed by what was given).
    public let settings: [String: Double]
    private let draw: Draw

    /// The initializer a registry's factory makes from the settings it decoded: saved under their
    /// registered name with every setting's value.
    ///
    /// - Parameters:
    ///   - settings: The settings the registry decoded.
    ///   - draw: What it draws with those settings.
    public init(_ settings: NumericSettings, draw: @escaping Draw) {
        self.name = settings.name
        self.settings = settings.resolved
        self.draw = draw
    }

    /// The initializer registered as `name` (ignoring case and underscores) with `settings`.
    ///
    /// - Parameters:
    ///   - name: A registered name.
    ///   - settings: Its settings (`["value": 0.1]`); the others take their defaults.
    /// - Throws: ``/NeuronaRegistry/RegistryError`` for an unknown name or a setting it does not take.
    public init(_ name: String, settings: [String: Double] = [:]) throws {
        self = try InitializerRegistry.default.make(name, settings: settings.mapValues { .double($0) })
    }

    static func builtIn(_ name: String, _ settings: [String: Double] = [:]) -> Initializer {
        do { return try Initializer(name, settings: settings) } catch { preconditionFailed("Initializer.\(name): \(error)") }
    }

    /// All zeros.
    public static let zeros = builtIn("zeros")
    /// All ones.
    public static let ones = builtIn("ones")
    /// U(±√(6/(fanIn+fanOut))).
    public static let glorotUniform = builtIn("glorot_uniform")
    /// N(0, 2/(fanIn+fanOut)), truncated.
    public static let glorotNormal = builtIn("glorot_normal")
    /// U(±√(6/fanIn)).
    public static let heUniform = builtIn("he_uniform")
    /// N(0, 2/fanIn), truncated.
    public static let heNormal = builtIn("he_normal")
    /// U(±√(3/fanIn)).
    public static let lecunUniform = builtIn("lecun_uniform")
    /// N(0, 1/fanIn), truncated.
    public static let lecunNormal = builtIn("lecun_normal")

    /// Every value `value`.
    public static func constant(_ value: Double) -> Initializer { builtIn("constant", ["value": value]) }

    /// Uniform in [`min`, `max`).
    public static func randomUniform(min: Double, max: Double) -> Initializer {
        builtIn("random_uniform", ["min": min, "max": max])
    }

    /// Normal with `mean` and `standardDeviation`.
    public static func randomNormal(mean: Double, standardDeviation: Double) -> Initializer {
        builtIn("random_normal", ["mean": mean, "stddev": standardDeviation])
    }

    /// The names of the built-in initializers, sorted (``InitializerRegistry``'s `names` adds
    /// the ones plugins registered).
    public static let names: [String] = {
        let registry = InitializerRegistry()
        try! registry.registerBuiltIns()   // an empty registry and distinct built-in names: nothing to collide
        return registry.names
    }()

    public var description: String {
        settings.isEmpty ? name : "\(name)(" + settings.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")"
    }

    public static func == (a: Initializer, b: Initializer) -> Bool { a.name == b.name && a.settings == b.settings }

    /// A tensor of `shape` drawn from this initializer.
    public func make(_ shape: [Int], fanIn: Int, fanOut: Int, dtype: DType = .float32,
                     generator: inout RandomGenerator) -> Tensor {
        draw(shape, fanIn, fanOut, dtype, &generator)
    }

    /// Decodes a bare name (`"glorot_uniform"`) or an object (`{"name": "constant", "value": 0.1}`)
    /// through the ``InitializerRegistry`` (the one in the decoder's `userInfo`, or the default).
    /// - Parameters:
    ///   - decoder: A decoder positioned at the JSON value.
    public init(from decoder: Decoder) throws {
        let registry = decoder.userInfo[InitializerRegistry.userInfoKey(kind: "initializer")] as? InitializerRegistry ?? .default
        self = try registry.decodedValue(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        try encodeNamedSettings(name: name, settings: settings, to: encoder)
    }
}

/// The registry of initializers: the one ``/NeuronaRegistry/Registry`` design with ``Initializer`` values as its
/// product. Names match ignoring case and underscores (`"GlorotUniform"` is `glorot_uniform`).
public typealias InitializerRegistry = Registry<Initializer>

private let defaultInitializerRegistry: InitializerRegistry = {
    let registry = InitializerRegistry()
    try! registry.registerBuiltIns()   // an empty registry and distinct built-in names: nothing to collide
    return registry
}()

extension Registry where Product == Initializer {
    /// The registry of every built-in initializer; plugins register into it too.
    public static var `default`: InitializerRegistry { defaultInitializerRegistry }

    /// An empty initializer registry: kind `initializer`, JSON key `name`, bare names accepted,
    /// names matched ignoring case and underscores.
    public convenience init() {
        self.init(kind: "initializer", nameKey: "name", exactNames: false, acceptsBareNames: true)
    }

    /// Registers the built-in initializers (Keras's names; see ``Initializer``).
    ///
    /// - Throws: ``/NeuronaRegistry/RegistryError/duplicateName(kind:name:registrant:existing:)`` when another
    ///   registrant already holds one of these names in this registry.
    public func registerBuiltIns() throws {
        func register(_ name: String, settings: [String: Double] = [:], line: Int = #line,
                      draw: @escaping (NumericSettings) -> Initializer.Draw) throws {
            try self.register(name, settings: NumericSettings(settings), line: line) { s in Initializer(s, draw: draw(s)) }
        }
        // Keras scales truncated normals so that the truncated distribution has the wanted variance.
        let truncatedScale = 0.87962566103423978
        @Sendable func fans(_ fanIn: Int, _ fanOut: Int) -> (Double, Double) { (Double(Swift.max(fanIn, 1)), Double(Swift.max(fanOut, 1))) }
        func uniform(_ limit: @escaping @Sendable (Double, Double) -> Double) -> Initializer.Draw {
            { shape, fanIn, fanOut, dtype, generator in
                let (fi, fo) = fans(fanIn, fanOut)
                let l = limit(fi, fo)
                return Tensor.uniform(shape, low: -l, high: l, dtype: dtype, using: &generator)
            }
        }
        func truncated(_ variance: @escaping @Sendable (Double, Double) -> Double) -> Initializer.Draw {
            { shape, fanIn, fanOut, dtype, generator in
                let (fi, fo) = fans(fanIn, fanOut)
                return Tensor.truncatedNormal(shape, standardDeviation: variance(fi, fo).squareRoot() / truncatedScale,
                                              dtype: dtype, using: &generator)
            }
        }
        try register("zeros") { _ in { shape, _, _, dtype, _ in Tensor.zeros(shape, dtype: dtype) } }
        try register("ones") { _ in { shape, _, _, dtype, _ in Tensor.ones(shape, dtype: dtype) } }
        try register("constant", settings: ["value": 0]) { s in
            let value = s["value"]
            return { shape, _, _, dtype, _ in Tensor.full(shape, value: value, dtype: dtype) }
        }
        try register("random_uniform", settings: ["min": -0.05, "max": 0.05]) { s in
            let (low, high) = (s["min"], s["max"])
            return { shape, _, _, dtype, generator in Tensor.uniform(shape, low: low, high: high, dtype: dtype, using: &generator) }
        }
        try register("random_normal", settings: ["mean": 0, "stddev": 0.05]) { s in
            let (mean, deviation) = (s["mean"], s["stddev"])
            return { shape, _, _, dtype, generator in
                Tensor.normal(shape, mean: mean, standardDeviation: deviation, dtype: dtype, using: &generator)
            }
        }
        try register("glorot_uniform") { _ in uniform { (6 / ($0 + $1)).squareRoot() } }
        try register("glorot_normal") { _ in truncated { 2 / ($0 + $1) } }
        try register("he_uniform") { _ in uniform { fi, _ in (6 / fi).squareRoot() } }
        try register("he_normal") { _ in truncated { fi, _ in 2 / fi } }
        try register("lecun_uniform") { _ in uniform { fi, _ in (3 / fi).squareRoot() } }
        try register("lecun_normal") { _ in truncated { fi, _ in 1 / fi } }
    }
}
