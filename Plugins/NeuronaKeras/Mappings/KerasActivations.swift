import NeuronaLayers

/// Keras's activation names and Neurona's: the ones both frameworks compute the same way (Keras's
/// `leaky_relu` slope 0.2 and `elu` alpha 1 are Neurona's defaults; both `gelu`s are the exact,
/// erf-based one).
package enum KerasActivations {
    /// Keras's name → Neurona's registered name.
    package static let neuronaNames: [String: String] = [
        "linear": "linear", "relu": "relu", "sigmoid": "sigmoid", "tanh": "tanh", "softmax": "softmax",
        "log_softmax": "log_softmax", "leaky_relu": "leaky_relu", "elu": "elu", "gelu": "gelu",
        "silu": "silu", "swish": "swish", "softplus": "softplus",
    ]

    /// Neurona's activation for the Keras config's `key` (a name; Keras writes custom ones as objects).
    package static func neurona(_ config: KerasLayerConfig, key: String = "activation") throws -> JSONValue {
        let value = config[key] ?? .string("linear")
        guard let name = value.stringValue else {
            throw config.unsupported(key, "\(value.kerasText) is a custom activation; Neurona reads Keras's built-in ones by name: \(neuronaNames.keys.sorted().joined(separator: ", "))")
        }
        guard let neurona = neuronaNames[name] else {
            throw config.unsupported(key, "Neurona has no activation \"\(name)\"; it reads \(neuronaNames.keys.sorted().joined(separator: ", "))")
        }
        return .string(neurona)
    }

    /// The settings Keras's activations by name have, fixed: a Neurona activation with other
    /// values has no Keras name.
    static let kerasSettings: [String: [String: Double]] = ["leaky_relu": ["alpha": 0.2], "elu": ["alpha": 1]]

    /// Keras's name for a Neurona activation, or nil when Keras has no activation computing the same.
    package static func keras(_ activation: ActivationFunction) -> String? {
        let fixed = kerasSettings[activation.name] ?? [:]
        guard activation.settings.allSatisfy({ fixed[$0.key] == $0.value }) else { return nil }
        return neuronaNames.first { $0.value == activation.name && $0.key == activation.name }?.key
    }

    /// ``keras(_:)`` or the error naming the layer.
    package static func kerasName(_ activation: ActivationFunction, layer: any Layer) throws -> JSONValue {
        guard let name = keras(activation) else {
            throw KerasError.noKerasEquivalent(layer: "", typeName: layer.typeName, hint: "its activation \(activation) has no Keras equivalent with these settings (Keras's names: \(neuronaNames.keys.sorted().joined(separator: ", ")))")
        }
        return .string(name)
    }
}
