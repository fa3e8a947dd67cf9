import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// Pairs a state_dict's modules with a network's layers and fills the layers' weights in
/// Neurona's layouts: the work behind `Layer.loadWeights(pytorch:keyMap:strict:)`.
///
/// Pairing: the `keyMap` pairs first, then the remaining modules and layers with weights in
/// order (the state_dict's order is `nn.Module`'s registration order, which is the forward
/// order in nearly every model). Everything is converted and checked before anything is set:
/// strict loading sets all or nothing.
package struct PyTorchWeightLoader {
    /// A Neurona layer with weights, and the image shape a `Flatten` just before it flattened.
    private struct Target {
        var path: String
        var layer: any Layer
        var flattenedImage: [Int]?
    }

    package let network: any Layer

    package init(network: any Layer) { self.network = network }

    package func load(_ stateDict: PyTorchStateDict, keyMap: [String: String], strict: Bool) throws -> PyTorchLoadReport {
        let modules = try TorchModule.modules(of: stateDict)
        let targets = try weightedLayers()
        let pairs = try pair(modules, targets, keyMap: keyMap)

        var report = PyTorchLoadReport()
        var assignments: [(variable: Variable, value: Tensor)] = []
        for (module, target) in pairs.matched {
            report.pairs.append(.init(module: module.name, layer: display(target.path)))
            let result = try convert(module, into: target)
            report.missing += result.missing
            report.unexpected += result.unexpected
            report.wrongShape += result.wrongShape
            if result.wrongShape.isEmpty && result.missing.isEmpty {
                assignments += result.assignments
                report.loaded += result.names
            } else if !strict {
                // The layer is skipped whole (half a layer's weights is no layer): all its
                // weights are left as they were, and the keys it would have used are unused.
                report.missing += weights(of: target).map { name(target.path, $0.name) }.filter { !result.missing.contains($0) }
                report.unexpected += result.consumed
            }
        }
        for module in pairs.unusedModules { report.unexpected += module.tensors.map(\.key) }
        for target in pairs.unusedTargets { report.missing += weights(of: target).map { name(target.path, $0.name) } }

        if strict && !(report.missing.isEmpty && report.unexpected.isEmpty && report.wrongShape.isEmpty) {
            throw PyTorchError.weightMismatch(missing: report.missing, unexpected: report.unexpected, wrongShape: report.wrongShape)
        }
        for (variable, value) in assignments { variable.value = value }
        return report
    }

    // MARK: The network's side

    /// The leaf layers with weights, in the network's order, each with the image shape a
    /// `Flatten` right before it flattened (skipping layers that keep the shape, as Dropout).
    private func weightedLayers() throws -> [Target] {
        guard network.isBuilt else { throw PyTorchError.notBuilt(layer: display("")) }
        let leaves = network.allLayers().filter { !($0.layer is any ContainerLayer) }
        var targets: [Target] = []
        for (i, leaf) in leaves.enumerated() {
            guard leaf.layer.isBuilt else { throw PyTorchError.notBuilt(layer: display(leaf.path)) }
            guard !weights(of: Target(path: leaf.path, layer: leaf.layer)).isEmpty else { continue }
            var flattenedImage: [Int]?
            var j = i - 1
            while j >= 0, leaves[j].layer.inputShape == leaves[j].layer.outputShape,
                  weights(of: Target(path: leaves[j].path, layer: leaves[j].layer)).isEmpty { j -= 1 }
            if j >= 0, leaves[j].layer is Flatten, let shape = leaves[j].layer.inputShape, shape.count == 3 { flattenedImage = shape }
            targets.append(Target(path: leaf.path, layer: leaf.layer, flattenedImage: flattenedImage))
        }
        return targets
    }

    private func weights(of target: Target) -> [NamedParameter] {
        target.layer.namedParameters() + target.layer.namedBuffers()
    }

    // MARK: Pairing

    private func pair(_ modules: [TorchModule], _ targets: [Target], keyMap: [String: String])
        throws -> (matched: [(TorchModule, Target)], unusedModules: [TorchModule], unusedTargets: [Target]) {
        var explicit: [String: String] = [:]  // layer path → module name
        for (moduleName, path) in keyMap.sorted(by: { $0.key < $1.key }) {
            guard modules.contains(where: { $0.name == moduleName }) else {
                throw PyTorchError.invalidKeyMap(entry: "\"\(moduleName)\": \"\(path)\"", reason: "the file has no module \"\(moduleName)\" "
                                                 + "(its modules: \(modules.map(\.name).joined(separator: ", ")))")
            }
            guard targets.contains(where: { $0.path == path }) else {
                throw PyTorchError.invalidKeyMap(entry: "\"\(moduleName)\": \"\(path)\"", reason: "the network has no layer with weights at "
                                                 + "\"\(path)\" (its layers with weights: \(targets.map(\.path).joined(separator: ", ")))")
            }
            if let other = explicit[path] {
                throw PyTorchError.invalidKeyMap(entry: "\"\(moduleName)\": \"\(path)\"", reason: "\"\(other)\" is mapped to \"\(path)\" too")
            }
            explicit[path] = moduleName
        }
        let freeModules = modules.filter { keyMap[$0.name] == nil }
        let freeTargets = targets.filter { explicit[$0.path] == nil }
        var matched = targets.compactMap { target in
            explicit[target.path].map { moduleName in (modules.first { $0.name == moduleName }!, target) }
        }
        matched += zip(freeModules, freeTargets).map { ($0, $1) }
        let order = Dictionary(uniqueKeysWithValues: targets.enumerated().map { ($1.path, $0) })
        matched.sort { order[$0.1.path]! < order[$1.1.path]! }
        return (matched, Array(freeModules.dropFirst(freeTargets.count)), Array(freeTargets.dropFirst(freeModules.count)))
    }

    // MARK: Converting one layer

    private struct Conversion {
        var names: [String] = []
        var assignments: [(variable: Variable, value: Tensor)] = []
        var missing: [String] = []
        var unexpected: [String] = []
        var wrongShape: [String] = []
        /// The module's keys this layer used (reported unused when the layer is skipped).
        var consumed: [String] = []
    }

    private func convert(_ module: TorchModule, into target: Target) throws -> Conversion {
        let table = try LayerSources.of(target.layer, path: display(target.path), flattenedImage: target.flattenedImage)
        var result = Conversion()
        var used = table.dropped
        for weight in weights(of: target) {
            let fullName = name(target.path, weight.name)
            guard let source = table.sources.first(where: { $0.parameter == weight.name }) else {
                result.missing.append(fullName)
                continue
            }
            let items = source.leaves.compactMap { module[$0] }
            used.formUnion(items.map(\.leaf))
            let variable = weight.variable
            if items.isEmpty && source.zeroWhenAbsent {
                result.names.append(fullName)
                result.assignments.append((variable, Tensor.zeros(variable.shape, dtype: variable.dtype)))
                continue
            }
            guard items.count == source.leaves.count else {
                result.missing.append(fullName)
                continue
            }
            result.consumed += items.map(\.key)
            guard let expected = source.layout.pytorchShape(of: variable.shape), items.allSatisfy({ $0.tensor.shape == expected }) else {
                let given = items.map { "\($0.key) \($0.tensor.shape)" }.joined(separator: " + ")
                let wanted = source.layout.pytorchShape(of: variable.shape).map { "\($0)" } ?? "(no PyTorch shape)"
                result.wrongShape.append("\(fullName): Neurona \(variable.shape) wants PyTorch \(wanted), the file has \(given)")
                continue
            }
            let sum = items.dropFirst().reduce(items[0].tensor.converted(to: variable.dtype)) { $0 + $1.tensor.converted(to: variable.dtype) }
            result.names.append(fullName)
            result.assignments.append((variable, source.layout.neurona(sum)))
        }
        for item in module.tensors where !used.contains(item.leaf) {
            result.unexpected.append(item.key)
        }
        return result
    }

    private func name(_ path: String, _ weight: String) -> String { path.isEmpty ? weight : "\(path).\(weight)" }

    /// A layer's path for messages (the network itself is its type name).
    private func display(_ path: String) -> String { path.isEmpty ? network.typeName : path }
}
