import NeuronaRegistry

/// A random factor's range as Keras takes it: one number (`0.2`) or a pair (`[-0.2, 0.3]`),
/// kept as given so that a layer's JSON is written back as it was read.
///
/// A pair is read as its lower and upper bounds, in either order. What one number means
/// depends on the layer: `[−f, f]` for ``RandomRotation``, ``RandomTranslation`` and
/// ``RandomZoom``, `[0, f]` for ``RandomContrast`` (as Keras 3 reads it).
public struct FactorRange: Codable, Equatable, Sendable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
                           ExpressibleByArrayLiteral, CustomStringConvertible {
    /// The numbers as given: one, or two bounds.
    public var values: [Double]

    /// One number, `f`.
    /// - Parameter value: The number.
    public init(_ value: Double) { values = [value] }

    /// Two bounds, in either order.
    /// - Parameters:
    ///   - first: One bound.
    ///   - second: The other.
    public init(_ first: Double, _ second: Double) { values = [first, second] }

    public init(floatLiteral value: Double) { self.init(value) }
    public init(integerLiteral value: Int) { self.init(Double(value)) }
    /// A list of numbers: valid with two (bounds) or one.
    /// - Parameter elements: The numbers (a layer's build refuses other counts).
    public init(arrayLiteral elements: Double...) { values = elements }

    /// `0.2` or `[-0.2, 0.3]`, as in JSON.
    public var description: String { values.count == 1 ? "\(values[0])" : "\(values)" }

    /// The bounds `(lower, upper)`: a pair sorted, one number `f` as `single(f)`.
    func bounds(single: (Double) -> (Double, Double)) -> (lower: Double, upper: Double) {
        if values.count == 1 { return single(values[0]) }
        return (Swift.min(values[0], values[1]), Swift.max(values[0], values[1]))
    }

    /// Throws ``/NeuronaRegistry/InvalidSetting`` unless there are one or two numbers, each in `range`.
    /// - Parameters:
    ///   - key: The setting's JSON key, for the message.
    ///   - range: The interval every number must lie in, written as in the message.
    ///   - contains: Whether a number lies in it.
    func validate(_ key: String, range: String, contains: (Double) -> Bool) throws {
        try requireSetting(values.count == 1 || values.count == 2,
                           "\(key) must be one number or two (lower and upper bounds), got \(values.count) numbers")
        try requireSetting(values.allSatisfy { $0.isFinite && contains($0) }, "\(key) must lie in \(range), got \(self)")
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let number = try? c.decode(Double.self) {
            values = [number]
        } else {
            values = try c.decode([Double].self)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if values.count == 1 { try c.encode(values[0]) } else { try c.encode(values) }
    }
}
