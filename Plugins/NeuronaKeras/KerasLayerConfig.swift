import Foundation
import NeuronaLayers

/// One Keras layer's `config` object from `config.json`, with where it is (for errors): the
/// typed reads a mapping makes of it.
package struct KerasLayerConfig {
    /// The `.keras` file's name.
    package var file: String
    /// The layer's JSON path in `config.json` (`config.layers[3]`).
    package var path: String
    /// Keras's `class_name`.
    package var className: String
    /// The `config` object.
    package var values: [String: JSONValue]

    package init(file: String, path: String, className: String, values: [String: JSONValue]) {
        self.file = file
        self.path = path
        self.className = className
        self.values = values
    }

    /// An error about `key`'s value.
    package func unsupported(_ key: String, _ message: String) -> KerasError {
        .unsupportedSetting(file: file, path: path + ".config", className: className, setting: key, message: message)
    }

    /// `key`'s value, or nil when missing or null.
    package subscript(key: String) -> JSONValue? {
        guard let value = values[key], value != .null else { return nil }
        return value
    }

    /// An integer setting (`units`).
    package func int(_ key: String) throws -> Int {
        guard let value = self[key] else { throw unsupported(key, "missing (Keras always writes it)") }
        guard let int = value.kerasInt else { throw unsupported(key, "expected an integer, found \(value.kerasText)") }
        return int
    }

    /// A list of integers (`target_shape`), or for `pairOf` an integer or a list of two (`kernel_size`: 3 or [3, 3]).
    package func ints(_ key: String, pair: Bool = false) throws -> [Int] {
        guard let value = self[key] else { throw unsupported(key, "missing (Keras always writes it)") }
        if pair, let int = value.kerasInt { return [int, int] }
        guard case .array(let items) = value, case let ints = items.compactMap(\.kerasInt), ints.count == items.count,
              !pair || ints.count == 2 else {
            throw unsupported(key, "expected \(pair ? "two integers" : "a list of integers"), found \(value.kerasText)")
        }
        return ints
    }

    /// A number setting (`epsilon`), or `defaultValue` when missing.
    package func double(_ key: String, default defaultValue: Double) throws -> Double {
        guard let value = self[key] else { return defaultValue }
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: throw unsupported(key, "expected a number, found \(value.kerasText)")
        }
    }

    /// A Boolean setting, or `defaultValue` when missing.
    package func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
        guard let value = self[key] else { return defaultValue }
        guard case .bool(let b) = value else { throw unsupported(key, "expected true or false, found \(value.kerasText)") }
        return b
    }

    /// A string setting (`padding`), or `defaultValue` when missing.
    package func string(_ key: String, default defaultValue: String) throws -> String {
        guard let value = self[key] else { return defaultValue }
        guard case .string(let s) = value else { throw unsupported(key, "expected a string, found \(value.kerasText)") }
        return s
    }

    /// Keras's `padding` (`"valid"` when missing), refused unless Neurona pads that way
    /// (`"valid"` or `"same"`; a 1-D convolution also `"causal"`).
    package func padding(allowingCausal: Bool = false) throws -> String {
        let padding = try string("padding", default: "valid")
        if padding == "valid" || padding == "same" || (allowingCausal && padding == "causal") { return padding }
        throw unsupported("padding", allowingCausal ? "\"\(padding)\": Neurona's Conv1D pads \"valid\", \"same\" or \"causal\""
                                                    : "\"\(padding)\": Neurona pads \"valid\" or \"same\"")
    }

    /// Refuses a setting Neurona's layer does not have unless it holds Keras's default (missing counts
    /// as the default): `reason` says what Neurona does instead.
    package func requireDefault(_ key: String, _ defaultValue: JSONValue, _ reason: String) throws {
        guard let value = values[key] else { return }
        if value == defaultValue || (defaultValue == .null && value == .null) { return }
        if case .double(let d) = value, case .int(let i) = defaultValue, d == Double(i) { return }
        if case .int(let i) = value, case .double(let d) = defaultValue, d == Double(i) { return }
        throw unsupported(key, "\(value.kerasText) is not supported (\(reason)); only \(defaultValue.kerasText) is")
    }

    /// Refuses regularizers and constraints: Neurona's layers take neither, so training the loaded
    /// model would silently differ from Keras's.
    package func requireNoRegularizersOrConstraints() throws {
        for (key, value) in values.sorted(by: { $0.key < $1.key })
        where (key.hasSuffix("_regularizer") || key.hasSuffix("_constraint")) && value != .null {
            throw unsupported(key, "Neurona's layers take no regularizers or constraints (training the model would differ from Keras's); save the model without it")
        }
    }

    /// Keras's `data_format`: only `channels_last` (Neurona's layout, `[height, width, channels]`).
    package func requireChannelsLast() throws {
        try requireDefault("data_format", .string("channels_last"), "Neurona's images are [height, width, channels]")
    }
}

extension JSONValue {
    /// The value as an integer, when it is one (Keras writes some as `3.0`).
    package var kerasInt: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 1e15: return Int(d)
        default: return nil
        }
    }

    /// The value as JSON text, for messages.
    package var kerasText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "\(self)"
    }

    /// The object's members, or nil.
    package var objectValue: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The array's items, or nil.
    package var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The string, or nil.
    package var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}
