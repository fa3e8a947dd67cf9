import Foundation

extension Registry {
    /// Registers a product described by its name and numeric settings: a bare name (`"relu"`)
    /// or an object with the settings beside the name (`{"name": "leaky_relu", "alpha": 0.1}`),
    /// as Keras writes activations and initializers.
    ///
    /// A key that is not one of `defaults`' is refused as an unexpected field, a value that is
    /// not a number as a type mismatch, and what `make` throws as ``InvalidSetting`` names the
    /// product and the JSON path.
    ///
    /// - Parameters:
    ///   - name: The canonical name.
    ///   - defaults: Every setting with its default value (empty for none).
    ///   - make: Makes the product from the settings the description gives and from those
    ///     settings completed with the defaults.
    public func register(_ name: String, settings defaults: [String: Double],
                         make: @escaping (_ given: [String: Double], _ resolved: [String: Double]) throws -> Product) {
        let nameKey = self.nameKey
        register(name) { decoder in
            var given: [String: Double] = [:]
            if let object = try? decoder.container(keyedBy: JSONKey.self) {
                for key in object.allKeys where key.stringValue != nameKey {
                    guard defaults[key.stringValue] != nil else {
                        throw JSONDiagnostics.unexpectedField(key.stringValue, of: name, fields: [nameKey] + defaults.keys,
                                                              at: decoder.codingPath)
                    }
                    if let value = try object.decodeIfPresent(Double.self, forKey: key) { given[key.stringValue] = value }
                }
            }
            do {
                return try make(given, defaults.merging(given) { $1 })
            } catch let error as InvalidSetting {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(name): \(error.message)", underlyingError: error))
            }
        }
    }
}
