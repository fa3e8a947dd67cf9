import NeuronaAutograd
import NeuronaCore

extension Layer {
    /// The parameters the optimizer updates: ``namedParameters()`` without those of frozen
    /// layers (``isTrainable`` false) and of every layer inside a frozen container, as Keras's
    /// `trainable_weights`.
    public func trainableParameters() -> [NamedParameter] {
        let frozen = frozenPaths()
        guard !frozen.isEmpty else { return namedParameters() }
        return namedParameters().filter { !Self.isUnder(frozen, $0.name) }
    }

    /// The parameters frozen layers hold (Keras's non-trainable weights, without the buffers).
    public func frozenParameters() -> [NamedParameter] {
        let frozen = frozenPaths()
        guard !frozen.isEmpty else { return [] }
        return namedParameters().filter { Self.isUnder(frozen, $0.name) }
    }

    /// The number of scalars in ``trainableParameters()``.
    public var trainableParameterCount: Int { trainableParameters().reduce(0) { $0 + $1.variable.value.count } }

    /// The paths of the frozen layers (`""` for this one), the outermost of each frozen branch.
    private func frozenPaths() -> [String] {
        var paths: [String] = []
        for (path, layer) in allLayers() where !layer.isTrainable && !Self.isUnder(paths, path) { paths.append(path) }
        return paths
    }

    /// Whether the parameter or layer at `name` lies inside one of the layers at `paths`.
    private static func isUnder(_ paths: [String], _ name: String) -> Bool {
        paths.contains { $0.isEmpty || name == $0 || name.hasPrefix($0 + ".") }
    }
}
