import NeuronaLayers
import NeuronaTraining

/// What the Keras-style activities read from a student's model: its layers in order and its
/// `Dense` layers' settings.
extension Model {
    /// The network's layers in order (the network itself when it is not a `Sequential`).
    var orderedLayers: [any Layer] { (network as? Sequential)?.layers ?? [network] }

    /// The `Dense` layers' settings, in order.
    var denseConfigs: [Dense.Config] { orderedLayers.compactMap { ($0 as? Dense)?.config } }
}

/// The hidden layers of a network, for messages ("16 relu").
func describeLayers(_ configs: [Dense.Config]) -> String {
    configs.map { "\($0.units) \($0.activation.name)" }.joined(separator: " → ")
}
