import Lessons

/// A sentence in the checker's two languages: Spanish, the lectures' language and the default,
/// and English (`--lang en`).
public struct LocalizedText: Sendable, Equatable {
    /// The English wording.
    public let en: String
    /// The Spanish wording.
    public let es: String

    /// A text with its English and Spanish wording.
    /// - Parameters:
    ///   - en: English.
    ///   - es: Spanish.
    public init(en: String, es: String) {
        self.en = en
        self.es = es
    }

    /// The wording in `language`.
    public func callAsFunction(_ language: Language) -> String {
        language == .es ? es : en
    }
}

/// A number as the feedback prints it: four decimals ("0.1250"), or four significant digits in
/// scientific notation when that would hide it ("1.562e-05").
public func formatted(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "∞" : "−∞" }
    let magnitude = Swift.abs(value)
    if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e7) { return String(format: "%.4g", value) }
    return String(format: "%.4f", value)
}
