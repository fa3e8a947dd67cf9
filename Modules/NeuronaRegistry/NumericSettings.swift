import Foundation

/// The settings of a product described by its name and numbers, as Keras writes activations
/// and initializers: a bare name (`"relu"`) or an object with the settings beside the name
/// (`{"name": "leaky_relu", "alpha": 0.1}`).
///
/// Registered with its defaults (`NumericSettings(["alpha": 0.2])`); a description may give
/// those keys and no others (another is refused as an unexpected field, a value that is not a
/// number as a type mismatch). The maker reads the values completed with the defaults
/// (`settings["alpha"]`) and may save only those the description gave (``given``).
public struct NumericSettings: RegistrySettings, Equatable, Sendable {
    /// The registered name the description was made under (empty in the defaults).
    public let name: String
    /// Each setting with its value: the defaults completed by what the description gave.
    public let resolved: [String: Double]
    /// The settings the description gave.
    public let given: [String: Double]

    /// Settings with these defaults (and nothing given).
    ///
    /// - Parameter defaults: Every setting with its default value (empty for none).
    public init(_ defaults: [String: Double] = [:]) {
        name = ""
        resolved = defaults
        given = [:]
    }

    /// The value of the setting `key` (given or default); a key that was not registered is 0
    /// (a programming error in the maker; the description cannot give one).
    public subscript(key: String) -> Double { resolved[key] ?? 0 }

    /// Reads a bare name (nothing given) or an object's numbers, refusing keys `defaults` lacks.
    public static func decode(from decoder: Decoder, defaults: NumericSettings, nameKey: String,
                              registeredName: String) throws -> NumericSettings {
        var given: [String: Double] = [:]
        if let object = try? decoder.container(keyedBy: JSONKey.self) {
            for key in object.allKeys where key.stringValue != nameKey {
                guard defaults.resolved[key.stringValue] != nil else {
                    throw JSONDiagnostics.unexpectedField(key.stringValue, of: registeredName,
                                                          fields: [nameKey] + defaults.resolved.keys, at: decoder.codingPath)
                }
                if let value = try object.decodeIfPresent(Double.self, forKey: key) { given[key.stringValue] = value }
            }
        }
        return NumericSettings(name: registeredName, resolved: defaults.resolved.merging(given) { $1 }, given: given)
    }

    private init(name: String, resolved: [String: Double], given: [String: Double]) {
        self.name = name
        self.resolved = resolved
        self.given = given
    }

    /// Nothing to check here: the maker checks its settings (``requirePositive(_:_:)`` …).
    public func validate() throws {}
}
