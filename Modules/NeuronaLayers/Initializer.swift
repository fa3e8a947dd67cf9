import NeuronaCore

/// How a parameter's first values are drawn, stored in configs by Keras's names.
///
/// `fanIn` and `fanOut` are the numbers of inputs and outputs of one unit (for a dense kernel of
/// shape [in, out]: `in` and `out`; for a convolution kernel [h, w, cin, cout]: `h·w·cin` and
/// `h·w·cout`).
///
/// - `zeros`, `ones`, `constant(value)`
/// - `random_uniform(min, max)`, `random_normal(mean, stddev)`
/// - `glorot_uniform` (Xavier): U(±√(6/(fanIn+fanOut))); `glorot_normal`: N(0, 2/(fanIn+fanOut)), truncated
/// - `he_uniform`: U(±√(6/fanIn)); `he_normal`: N(0, 2/fanIn), truncated
/// - `lecun_uniform`: U(±√(3/fanIn)); `lecun_normal`: N(0, 1/fanIn), truncated
public enum Initializer: Codable, Equatable, Sendable, CustomStringConvertible {
    /// All zeros (`zeros`) or all ones (`ones`).
    case zeros, ones
    /// Every value equal to the given one.
    case constant(Double)
    /// Uniform on `[min, max)`.
    case randomUniform(min: Double, max: Double)
    /// Normal with the given mean and standard deviation.
    case randomNormal(mean: Double, standardDeviation: Double)
    /// The variance-scaling families (Glorot/Xavier, He, LeCun), uniform or truncated normal, as listed above.
    case glorotUniform, glorotNormal, heUniform, heNormal, lecunUniform, lecunNormal

    /// Every registered name.
    public static let names = ["zeros", "ones", "constant", "random_uniform", "random_normal", "glorot_uniform",
                               "glorot_normal", "he_uniform", "he_normal", "lecun_uniform", "lecun_normal"]

    /// The name in JSON (`"glorot_uniform"`).
    public var name: String {
        switch self {
        case .zeros: return "zeros"
        case .ones: return "ones"
        case .constant: return "constant"
        case .randomUniform: return "random_uniform"
        case .randomNormal: return "random_normal"
        case .glorotUniform: return "glorot_uniform"
        case .glorotNormal: return "glorot_normal"
        case .heUniform: return "he_uniform"
        case .heNormal: return "he_normal"
        case .lecunUniform: return "lecun_uniform"
        case .lecunNormal: return "lecun_normal"
        }
    }

    public var description: String { name }

    /// A tensor of `shape` drawn from this initializer.
    public func make(_ shape: [Int], fanIn: Int, fanOut: Int, dtype: DType = .float32,
                     generator: inout RandomGenerator) -> Tensor {
        let fi = Double(Swift.max(fanIn, 1)), fo = Double(Swift.max(fanOut, 1))
        // Keras scales truncated normals so that the truncated distribution has the wanted variance.
        let truncatedScale = 0.87962566103423978
        switch self {
        case .zeros: return Tensor.zeros(shape, dtype: dtype)
        case .ones: return Tensor.ones(shape, dtype: dtype)
        case .constant(let v): return Tensor.full(shape, value: v, dtype: dtype)
        case .randomUniform(let lo, let hi): return Tensor.uniform(shape, low: lo, high: hi, dtype: dtype, using: &generator)
        case .randomNormal(let m, let s): return Tensor.normal(shape, mean: m, standardDeviation: s, dtype: dtype, using: &generator)
        case .glorotUniform:
            let limit = (6 / (fi + fo)).squareRoot()
            return Tensor.uniform(shape, low: -limit, high: limit, dtype: dtype, using: &generator)
        case .glorotNormal:
            return Tensor.truncatedNormal(shape, standardDeviation: (2 / (fi + fo)).squareRoot() / truncatedScale, dtype: dtype, using: &generator)
        case .heUniform:
            let limit = (6 / fi).squareRoot()
            return Tensor.uniform(shape, low: -limit, high: limit, dtype: dtype, using: &generator)
        case .heNormal:
            return Tensor.truncatedNormal(shape, standardDeviation: (2 / fi).squareRoot() / truncatedScale, dtype: dtype, using: &generator)
        case .lecunUniform:
            let limit = (3 / fi).squareRoot()
            return Tensor.uniform(shape, low: -limit, high: limit, dtype: dtype, using: &generator)
        case .lecunNormal:
            return Tensor.truncatedNormal(shape, standardDeviation: (1 / fi).squareRoot() / truncatedScale, dtype: dtype, using: &generator)
        }
    }

    // JSON: a bare name ("glorot_uniform"), or an object for the ones with settings:
    // {"name": "constant", "value": 0.1}, {"name": "random_uniform", "min": -0.05, "max": 0.05},
    // {"name": "random_normal", "mean": 0, "stddev": 0.05}.
    private enum CodingKeys: String, CodingKey { case name, value, min, max, mean, stddev }

    public init(from decoder: Decoder) throws {
        let name: String
        var container: KeyedDecodingContainer<CodingKeys>?
        if let single = try? decoder.singleValueContainer(), let n = try? single.decode(String.self) {
            name = n
        } else {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            container = c
        }
        func number(_ key: CodingKeys, _ fallback: Double) throws -> Double {
            try container?.decodeIfPresent(Double.self, forKey: key) ?? fallback
        }
        switch name {
        case "zeros": self = .zeros
        case "ones": self = .ones
        case "constant": self = .constant(try number(.value, 0))
        case "random_uniform": self = .randomUniform(min: try number(.min, -0.05), max: try number(.max, 0.05))
        case "random_normal": self = .randomNormal(mean: try number(.mean, 0), standardDeviation: try number(.stddev, 0.05))
        case "glorot_uniform": self = .glorotUniform
        case "glorot_normal": self = .glorotNormal
        case "he_uniform": self = .heUniform
        case "he_normal": self = .heNormal
        case "lecun_uniform": self = .lecunUniform
        case "lecun_normal": self = .lecunNormal
        default:
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown initializer \"\(name)\"; known: \(Initializer.names.joined(separator: ", "))"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .constant(let v):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(v, forKey: .value)
        case .randomUniform(let lo, let hi):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(lo, forKey: .min)
            try c.encode(hi, forKey: .max)
        case .randomNormal(let m, let s):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(m, forKey: .mean)
            try c.encode(s, forKey: .stddev)
        default:
            var single = encoder.singleValueContainer()
            try single.encode(name)
        }
    }
}
