import Foundation

/// A config's JSON as a model folder stores it: `"type"` beside the settings `write` encodes
/// (a loss's or an optimizer's `encodeConfig(to:)`), keys sorted unless `sortedKeys` is false.
///
/// - Parameters:
///   - type: The registered name written under `"type"`.
///   - sortedKeys: Whether the keys come out sorted (a stable text to compare).
///   - write: Encodes the settings into the same object.
public func typedJSON(type: String, sortedKeys: Bool = true, _ write: @escaping (Encoder) throws -> Void) throws -> String {
    struct Described: Encodable {
        var type: String
        var write: (Encoder) throws -> Void
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(type, forKey: Key(stringValue: "type")!)
            try write(encoder)
        }
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }
    let encoder = JSONEncoder()
    if sortedKeys { encoder.outputFormatting = [.sortedKeys] }
    return String(decoding: try encoder.encode(Described(type: type, write: write)), as: UTF8.self)
}
