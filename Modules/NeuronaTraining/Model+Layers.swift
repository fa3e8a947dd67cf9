import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// Keras's model inspection: `model.summary()`, `model.layers`, `model.weights`,
/// `model.get_weights()` and `model.set_weights(...)`.
extension Model {
    /// The network's top-level layers, in order (Keras's `model.layers`): a `Sequential`'s or
    /// `Graph`'s children, or the network itself when it holds no layers.
    public var layers: [any Layer] {
        if let container = network as? any ContainerLayer { return container.sublayers.map(\.layer) }
        return [network]
    }

    /// Every weight, trainable or not, in Keras's order: layer by layer, each layer's
    /// parameters then its buffers (a batch norm's running statistics). Names are the ones a
    /// checkpoint stores (`layers.1.weight`).
    public var weights: [NamedParameter] { weightEntries().map { NamedParameter($0.name, $0.variable) } }

    /// The values of ``weights``, in that order (Keras's `get_weights()`).
    public func getWeights() -> [Tensor] { weightEntries().map(\.variable.value) }

    /// Sets every weight from `values`, in the order of ``weights`` (Keras's `set_weights`):
    /// what ``getWeights()`` returned, from this model or one of the same architecture. Values
    /// are converted to each weight's dtype. Nothing changes unless every value fits.
    ///
    /// - Parameter values: One tensor per weight, each of its weight's shape.
    /// - Throws: ``TrainingError/weightCount(expected:got:names:)`` when the counts differ;
    ///   ``TrainingError/weightShape(index:name:layer:expected:got:)`` naming the first weight
    ///   whose shape differs, its layer and both shapes.
    public func setWeights(_ values: [Tensor]) throws {
        let entries = weightEntries()
        guard values.count == entries.count else {
            throw TrainingError.weightCount(expected: entries.count, got: values.count, names: entries.map(\.name))
        }
        for (i, (entry, value)) in zip(entries, values).enumerated() where entry.variable.shape != value.shape {
            throw TrainingError.weightShape(index: i, name: entry.name, layer: entry.layer,
                                            expected: entry.variable.shape, got: value.shape)
        }
        for (entry, value) in zip(entries, values) { entry.variable.value = value.converted(to: entry.variable.dtype) }
    }

    /// The table Keras's `model.summary()` prints: each top-level layer with its name and type,
    /// output shape and parameter count, then the total, trainable and non-trainable counts.
    public var summaryText: String { network.summary() }

    /// Prints ``summaryText``, as Keras's `model.summary()` does.
    ///
    /// - Parameter printFunction: Where each line goes (Keras's `print_fn`); `print` by default.
    public func summary(printFunction: (String) -> Void = { print($0) }) {
        for line in summaryText.split(separator: "\n", omittingEmptySubsequences: false) { printFunction(String(line)) }
    }

    /// Each weight with its name and the layer holding it (`layers.1 (Dense)`), in Keras's order.
    func weightEntries() -> [(name: String, layer: String, variable: Variable)] {
        var entries: [(name: String, layer: String, variable: Variable)] = []
        func visit(_ layer: any Layer, prefix: String, owner: String) {
            if let container = layer as? any ContainerLayer {
                for child in container.sublayers {
                    visit(child.layer, prefix: prefix + child.name + ".", owner: prefix + child.name + " (\(child.layer.typeName))")
                }
            } else {
                for p in layer.namedParameters() + layer.namedBuffers() {
                    entries.append((prefix + p.name, owner, p.variable))
                }
            }
        }
        visit(network, prefix: "", owner: network.typeName)
        // A container whose parameters are not exactly its children's (a plugin's block with
        // its own): fall back to the network's own listing, parameters then buffers.
        let all = network.namedParameters() + network.namedBuffers()
        guard Set(entries.map(\.name)) == Set(all.map(\.name)), entries.count == all.count else {
            return all.map { ($0.name, network.typeName, $0.variable) }
        }
        return entries
    }
}
