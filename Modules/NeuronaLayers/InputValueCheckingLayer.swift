import NeuronaAutograd
import NeuronaCore

/// A layer whose inputs can be wrong in their values, not only in their shape (an ``Embedding``
/// reads ids that must lie in `0..<input_dim`). `Model`'s `fit`, `evaluate` and `predict` check
/// every batch through ``Layer/checkValues(ofBatch:)`` before the forward pass, so that a bad
/// value throws a ``LayerError`` instead of stopping the program inside the layer.
public protocol InputValueCheckingLayer: Layer {
    /// Throws ``LayerError/invalidInput(layer:message:)`` when the batch `input` holds a value
    /// this layer cannot take.
    /// - Parameter input: A batch, batch axis first.
    func checkInputValues(_ input: Tensor) throws
}

extension Layer {
    /// Checks the values of `batch` for the layers that read it directly: this layer when it is
    /// an ``InputValueCheckingLayer``, a ``Sequential``'s first layer, and a ``Graph``'s nodes
    /// that read its input, each looked into in turn. The error names the layer's path
    /// (`layers.0 (Embedding): id 12 at [3, 5] …`).
    ///
    /// - Parameter batch: A batch of inputs, batch axis first.
    /// - Throws: ``LayerError/invalidInput(layer:message:)``.
    public func checkValues(ofBatch batch: Tensor) throws {
        if let checking = self as? any InputValueCheckingLayer { try checking.checkInputValues(batch) }
        for child in childrenReadingInput {
            do {
                try child.layer.checkValues(ofBatch: batch)
            } catch let error as LayerError {
                throw error.inside(child.name, child.layer.typeName)
            }
        }
    }

    /// The children that receive this container's input unchanged (none for other layers).
    private var childrenReadingInput: [(name: String, layer: any Layer)] {
        if let sequential = self as? Sequential {
            return sequential.sublayers.prefix(1).map { $0 }
        }
        if let graph = self as? Graph, graph.inputs.count == 1 {
            let input = graph.inputs[0].name
            return zip(graph.nodes, graph.sublayers).filter { $0.0.inputs == [input] }.map(\.1)
        }
        return []
    }
}
