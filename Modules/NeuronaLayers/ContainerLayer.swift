import NeuronaAutograd
import NeuronaCore

/// A layer made of other layers (Sequential, Graph, a plugin's residual block). Its parameters
/// are its children's, prefixed by their names (`layers.0.weight`).
public protocol ContainerLayer: Layer {
    /// The children with their names, in order.
    var sublayers: [(name: String, layer: any Layer)] { get }
}

extension ContainerLayer {
    public func namedParameters() -> [NamedParameter] {
        sublayers.flatMap { child in
            child.layer.namedParameters().map { NamedParameter("\(child.name).\($0.name)", $0.variable) }
        }
    }

    public func namedBuffers() -> [NamedParameter] {
        sublayers.flatMap { child in
            child.layer.namedBuffers().map { NamedParameter("\(child.name).\($0.name)", $0.variable) }
        }
    }

    /// Sets the mode of every child.
    public func setChildrenTraining(_ training: Bool) {
        for child in sublayers { child.layer.isTraining = training }
    }
}

/// A container that may be made without an input shape and builds itself from the first batch
/// it sees (Keras's deferred build), drawing its weights from ``buildSeed``: built lazily or
/// eagerly with the same seed, it gets the same weights.
public protocol LazilyBuiltLayer: Layer {
    /// The seed the weights are drawn from when the layer builds itself.
    var buildSeed: UInt64 { get }
}

extension LazilyBuiltLayer {
    /// Builds for `batchShape` unless built, for a direct call (which cannot throw): a layer
    /// that cannot take the shape stops the program naming the container, the shape and the
    /// layer at fault.
    func buildBeforeCall(batchShape: [Int]) {
        guard !isBuilt else { return }
        do {
            try buildIfNeeded(batchShape: batchShape)
        } catch {
            preconditionFailed("\(typeName): cannot build itself for inputs of shape \(batchShape): \(error)")
        }
    }
}

extension LayerError {
    /// This error as seen from a container: the layer path gets `name (Type)` in front.
    func inside(_ name: String, _ type: String) -> LayerError {
        func locate(_ layer: String) -> String {
            layer.hasPrefix("layers") || layer.hasPrefix("nodes") ? "\(name).\(layer)" : "\(name) (\(layer))"
        }
        switch self {
        case .incompatibleInputShape(let layer, let expected, let got):
            return .incompatibleInputShape(layer: locate(layer), expected: expected, got: got)
        case .invalidConfig(let layer, let message):
            return .invalidConfig(layer: locate(layer), message: message)
        case .notBuilt(let layer):
            return .notBuilt(layer: locate(layer))
        case .invalidInput(let layer, let message):
            return .invalidInput(layer: locate(layer), message: message)
        default:
            return self
        }
    }
}

/// A layer that draws random numbers while it runs (Dropout): its generator is saved in
/// checkpoints so that resumed training draws the same numbers.
public protocol StochasticLayer: Layer {
    /// The generator the layer's random draws come from (saved in checkpoints, so that training resumes exactly).
    var generator: RandomGenerator { get set }
}

extension Layer {
    /// This layer and every layer inside it, with their paths (`""` for this one,
    /// `layers.2`, `nodes.a.layers.0`, ...).
    public func allLayers(prefix: String = "") -> [(path: String, layer: any Layer)] {
        var result: [(path: String, layer: any Layer)] = [(prefix, self)]
        if let container = self as? any ContainerLayer {
            for child in container.sublayers {
                let path = prefix.isEmpty ? child.name : "\(prefix).\(child.name)"
                result += child.layer.allLayers(prefix: path)
            }
        }
        return result
    }
}
