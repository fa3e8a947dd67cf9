import NeuronaAutograd
import NeuronaCore

/// An elementwise (or, for softmax, per-row) activation, stored in configs by name.
///
/// Names follow Keras: `linear`, `relu`, `sigmoid`, `tanh`, `softmax`, `log_softmax`,
/// `leaky_relu`, `elu`, `gelu`, `swish` (also `silu`), `softplus`, `hard_tanh`, `cos` and `rbf`.
/// Lecture 002 lists the unusual ones: `cos` (h = cos(Wx + b)), the radial basis function
/// (here the Gaussian `exp(−x²)` of each pre-activation), softplus and hard tanh.
public struct ActivationFunction: Codable, Equatable, Sendable, CustomStringConvertible {
    /// The registered name.
    public let name: String
    /// The slope for negative inputs (`leaky_relu`) or the saturation value (`elu`).
    public let alpha: Double?

    /// Every name an activation can have.
    public static let names = ["linear", "relu", "sigmoid", "tanh", "softmax", "log_softmax", "leaky_relu",
                               "elu", "gelu", "swish", "silu", "softplus", "hard_tanh", "cos", "rbf"]

    /// The activation called `name`; throws listing the known names otherwise.
    /// - Parameters:
    ///   - name: One of ``names`` (`"relu"`, `"softmax"`, …).
    ///   - alpha: The slope or scale of `leaky_relu` and `elu`; `nil` for their default.
    public init(_ name: String, alpha: Double? = nil) throws {
        guard ActivationFunction.names.contains(name) else {
            throw LayerError.invalidConfig(
                layer: "activation",
                message: "unknown activation \"\(name)\"; known: \(ActivationFunction.names.joined(separator: ", "))")
        }
        self.name = name
        self.alpha = alpha
    }

    private init(known name: String) {
        self.name = name
        self.alpha = nil
    }

    /// The identity, `f(x) = x` (no activation).
    public static let linear = ActivationFunction(known: "linear")
    /// `max(0, x)`.
    public static let relu = ActivationFunction(known: "relu")
    /// `1 / (1 + e⁻ˣ)`, in (0, 1).
    public static let sigmoid = ActivationFunction(known: "sigmoid")
    /// The hyperbolic tangent, in (−1, 1).
    public static let tanh = ActivationFunction(known: "tanh")
    /// `exp(xᵢ) / Σⱼ exp(xⱼ)` over the last axis: probabilities that sum to 1.
    public static let softmax = ActivationFunction(known: "softmax")

    /// Applies the activation.
    public func callAsFunction(_ x: Variable) -> Variable {
        switch name {
        case "linear": return x
        case "relu": return x.relu()
        case "sigmoid": return x.sigmoid()
        case "tanh": return x.tanh()
        case "softmax": return x.softmax(axis: -1)
        case "log_softmax": return x.logSoftmax(axis: -1)
        case "leaky_relu": return x.leakyRelu(alpha: alpha ?? 0.2)
        case "elu": return x.elu(alpha: alpha ?? 1)
        case "gelu": return x.gelu()
        case "swish", "silu": return x.swish()
        case "softplus": return x.softplus()
        case "hard_tanh": return x.hardTanh()
        case "cos": return x.cos()
        case "rbf": return (x * x * -1).exp()
        default: preconditionFailed("activation: unknown name \(name)")
        }
    }

    public var description: String { alpha.map { "\(name)(alpha: \($0))" } ?? name }

    // A bare name in JSON ("relu"), or {"name": "leaky_relu", "alpha": 0.1}.
    private enum CodingKeys: String, CodingKey { case name, alpha }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            try self.init(validating: name, alpha: nil, decoder: decoder)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(validating: try container.decode(String.self, forKey: .name),
                      alpha: try container.decodeIfPresent(Double.self, forKey: .alpha), decoder: decoder)
    }

    private init(validating name: String, alpha: Double?, decoder: Decoder) throws {
        guard ActivationFunction.names.contains(name) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown activation \"\(name)\"; known: \(ActivationFunction.names.joined(separator: ", "))"))
        }
        self.name = name
        self.alpha = alpha
    }

    public func encode(to encoder: Encoder) throws {
        if let alpha {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(alpha, forKey: .alpha)
        } else {
            var single = encoder.singleValueContainer()
            try single.encode(name)
        }
    }
}
