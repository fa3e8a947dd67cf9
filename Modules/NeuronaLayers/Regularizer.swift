import NeuronaAutograd
import NeuronaCore

/// A penalty on a layer's weights added to the loss in training (Keras's `kernel_regularizer`,
/// `bias_regularizer`, `embeddings_regularizer`), with Keras's definitions:
/// `l1·Σ|w| + l2·Σw²`. ``l1(_:)`` and ``l2(_:)`` default to 0.01, as Keras's `L1()` and `L2()`
/// and the names `"l1"` and `"l2"` do; ``l1L2(l1:l2:)`` defaults to 0.01 each, as the name
/// `"l1_l2"` and tf.keras's `l1_l2()` (Keras 3's `L1L2()` class defaults to zeros, a penalty of
/// nothing; give the factors).
///
/// JSON: a name (`"l2"`), an object with the factors (`{"name": "l2", "l2": 0.001}`,
/// `{"name": "l1_l2", "l1": 0.01, "l2": 0.001}`), or Keras's saved form
/// (`{"class_name": "L2", "config": {"l2": 0.001}}`); names match ignoring case and underscores.
///
/// ```swift
/// Dense(units: 64, activation: .relu, kernelRegularizer: .l2(1e-4))
/// ```
public struct Regularizer: Codable, Equatable, Sendable, CustomStringConvertible {
    /// The factor of `Σ|w|`.
    public var l1: Double
    /// The factor of `Σw²`.
    public var l2: Double

    /// Keras's `L1(l1)`: `l1·Σ|w|`.
    /// - Parameter factor: The factor (at least 0).
    public static func l1(_ factor: Double = 0.01) -> Regularizer { Regularizer(l1: factor, l2: 0) }
    /// Keras's `L2(l2)`: `l2·Σw²`.
    /// - Parameter factor: The factor (at least 0).
    public static func l2(_ factor: Double = 0.01) -> Regularizer { Regularizer(l1: 0, l2: factor) }
    /// Keras's `L1L2(l1, l2)`: `l1·Σ|w| + l2·Σw²`.
    /// - Parameters:
    ///   - l1: The factor of `Σ|w|`.
    ///   - l2: The factor of `Σw²`.
    public static func l1L2(l1: Double = 0.01, l2: Double = 0.01) -> Regularizer { Regularizer(l1: l1, l2: l2) }

    private init(l1: Double, l2: Double) {
        self.l1 = l1
        self.l2 = l2
    }

    /// The penalty on `weight`: `l1·Σ|w| + l2·Σw²`, a scalar on the tape (its gradient
    /// `l1·sign(w) + 2·l2·w` reaches the weight).
    /// - Parameter weight: A layer's weight.
    public func penalty(_ weight: Variable) -> Variable {
        let absolute = l1 == 0 ? nil : weight.abs().sum() * l1
        let squares = l2 == 0 ? nil : weight.squared().sum() * l2
        switch (absolute, squares) {
        case let (a?, s?): return a + s
        case let (a?, nil): return a
        case let (nil, s?): return s
        case (nil, nil): return Variable(Tensor.zeros([], dtype: weight.dtype))
        }
    }

    /// Throws unless both factors are finite and at least 0.
    func validate(_ key: String) throws {
        try requireSetting(l1.isFinite && l1 >= 0 && l2.isFinite && l2 >= 0,
                           "\(key): the factors must be finite numbers ≥ 0, got l1 \(l1), l2 \(l2)")
    }

    /// The registered name this regularizer is saved under: `l1`, `l2` or `l1_l2`.
    public var name: String { l2 == 0 && l1 != 0 ? "l1" : l1 == 0 ? "l2" : "l1_l2" }

    /// `l2(0.001)`, as in Swift.
    public var description: String {
        switch name {
        case "l1": return "l1(\(l1))"
        case "l2": return "l2(\(l2))"
        default: return "l1L2(l1: \(l1), l2: \(l2))"
        }
    }

    // MARK: JSON

    private static let names = ["l1", "l2", "l1_l2"]

    /// `l1_l2`, `L1L2`, `l1l2` → `l1l2`: Keras's class names and function names alike.
    private static func looseKey(_ name: String) -> String { name.lowercased().replacingOccurrences(of: "_", with: "") }

    /// Decodes `"l2"`, `{"name": "l2", "l2": 0.001}` or `{"class_name": "L2", "config": {"l2": 0.001}}`.
    /// - Parameter decoder: A decoder positioned at the JSON value.
    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            self = try Self.named(name, decoder: decoder)
            return
        }
        let object = try decoder.container(keyedBy: Key.self)
        let (name, factors): (String, KeyedDecodingContainer<Key>)
        if object.contains(Key("class_name")) {
            name = try object.decode(String.self, forKey: Key("class_name"))
            factors = try object.nestedContainer(keyedBy: Key.self, forKey: Key("config"))
        } else {
            name = try object.decode(String.self, forKey: Key("name"))
            factors = object
        }
        var regularizer = try Self.named(name, decoder: decoder)
        let allowed: Set<String> = ["l1", "l2", "name", "class_name", "config"]
        if let unknown = factors.allKeys.first(where: { !allowed.contains($0.stringValue) }) {
            throw DecodingError.dataCorruptedError(forKey: unknown, in: factors, debugDescription:
                "unexpected field \"\(unknown.stringValue)\" for regularizer \(regularizer.name) (its fields: l1, l2)")
        }
        switch regularizer.name {
        case "l1": regularizer.l1 = try factors.decodeIfPresent(Double.self, forKey: Key("l1")) ?? regularizer.l1
        case "l2": regularizer.l2 = try factors.decodeIfPresent(Double.self, forKey: Key("l2")) ?? regularizer.l2
        default:
            regularizer.l1 = try factors.decodeIfPresent(Double.self, forKey: Key("l1")) ?? regularizer.l1
            regularizer.l2 = try factors.decodeIfPresent(Double.self, forKey: Key("l2")) ?? regularizer.l2
        }
        self = regularizer
    }

    /// The regularizer a name gives, with its default factors.
    private static func named(_ name: String, decoder: Decoder) throws -> Regularizer {
        switch looseKey(name) {
        case "l1": return .l1()
        case "l2": return .l2()
        case "l1l2": return .l1L2()
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                "unknown regularizer \"\(name)\"; the regularizers: \(names.joined(separator: ", "))"))
        }
    }

    /// `{"name": "l2", "l2": 0.001}` (the factors of its kind only).
    public func encode(to encoder: Encoder) throws {
        var object = encoder.container(keyedBy: Key.self)
        try object.encode(name, forKey: Key("name"))
        if name != "l2" { try object.encode(l1, forKey: Key("l1")) }
        if name != "l1" { try object.encode(l2, forKey: Key("l2")) }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// A layer whose weights carry ``Regularizer``s: the penalty it adds to the loss in training.
public protocol RegularizedLayer: Layer {
    /// The sum of the layer's weight penalties, or nil when it has none (or is not built).
    func regularizationPenalty() -> Variable?
}

extension Layer {
    /// The sum of the weight penalties of this layer and every layer inside it (Keras's
    /// `sum(model.losses)`), or nil when none has a regularizer: what `fit` adds to the loss.
    public func regularizationLoss() -> Variable? {
        sumOfPenalties(allLayers().map { ($0.layer as? any RegularizedLayer)?.regularizationPenalty() })
    }
}

extension Regularizer? {
    /// This regularizer's penalty on `weight`, or nil when there is no regularizer or no weight.
    func penalty(_ weight: Variable?) -> Variable? {
        guard let self, let weight else { return nil }
        return self.penalty(weight)
    }
}

/// The sum of `penalties` that exist, or nil when none does.
func sumOfPenalties(_ penalties: [Variable?]) -> Variable? {
    let present = penalties.compactMap { $0 }
    return present.dropFirst().reduce(present.first) { total, next in total.map { $0 + next } }
}
