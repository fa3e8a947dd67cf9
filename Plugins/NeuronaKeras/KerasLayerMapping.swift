import Foundation
import NeuronaLayers

/// One Keras variable of a layer: the group Keras keeps it in under the layer's own (`""`, or
/// `cell` for a recurrent layer, `query_dense` for attention), its shape in Keras, and the
/// Neurona weights it holds, in order.
///
/// Keras's and Neurona's layouts agree element for element wherever both frameworks have a layer
/// (kernels `[inputs…, outputs]`, Keras's gate orders i, f, c, o and z, r, h), so a variable is
/// the row-major concatenation of its Neurona weights under another shape: attention's kernel
/// `[d, heads, key_dim]` is Neurona's `[d, heads·key_dim]`, and a `reset_after` GRU's bias
/// `[2, 3·units]` is Neurona's `bias` then `recurrent_bias`.
package struct KerasVariable: Equatable {
    /// The group under the layer's own (`""` for the layer's `vars`).
    package var group: String
    /// Its shape in Keras.
    package var shape: [Int]
    /// The Neurona weights it holds, in order.
    package var weights: [String]

    package init(_ group: String = "", shape: [Int], _ weights: String...) {
        self.group = group
        self.shape = shape
        self.weights = weights
    }
}

/// How a Neurona layer type and a Keras layer class correspond: Keras's config to Neurona's
/// settings (which the registry then makes into the layer), a built layer to Keras's config, and
/// a built layer's weights to Keras's variables.
package struct KerasLayerMapping {
    /// Neurona's type name (the layer's `typeName`).
    package var neuronaType: String
    /// The Keras class name it is saved as.
    package var kerasClassName: String
    /// Neurona's JSON settings for a Keras config (refusing what Neurona cannot honour).
    package var settings: (KerasLayerConfig) throws -> [String: JSONValue]
    /// The Keras config entries (beside `name`, `trainable` and `dtype`) of a built layer; a
    /// ``KerasError/noKerasEquivalent(layer:typeName:hint:)`` message when it has none.
    package var kerasConfig: (any Layer) throws -> [String: JSONValue]
    /// The Keras variables of a built layer, in Keras's order.
    package var variables: (any Layer) -> [KerasVariable]

    package init(_ neuronaType: String, keras kerasClassName: String? = nil,
                 settings: @escaping (KerasLayerConfig) throws -> [String: JSONValue],
                 kerasConfig: @escaping (any Layer) throws -> [String: JSONValue],
                 variables: @escaping (any Layer) -> [KerasVariable] = { _ in [] }) {
        self.neuronaType = neuronaType
        self.kerasClassName = kerasClassName ?? neuronaType
        self.settings = settings
        self.kerasConfig = kerasConfig
        self.variables = variables
    }

    /// Every mapping, by Neurona type name.
    package static let all: [String: KerasLayerMapping] = Dictionary(
        uniqueKeysWithValues: (coreLayerMappings + sequenceAndImageLayerMappings + pluginLayerMappings).map { ($0.neuronaType, $0) })

    /// The Keras class names the mappings cover (for messages).
    package static var kerasClassNames: [String] { all.values.map(\.kerasClassName).sorted() }
}
