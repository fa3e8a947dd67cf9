import Foundation
import NeuronaCore
import NeuronaLayers

/// `model.weights.h5` ↔ the Neurona layers' weights: each layer's variables are the datasets
/// `<layer group>[/<sub-group>]/vars/0`, `/1`… in the order its ``KerasLayerMapping`` lists them
/// (Keras's order: a layer's trainable variables, then the others).
package enum KerasWeights {
    /// The HDF5 group of a variable's `vars`.
    static func varsGroup(_ entry: KerasLayerEntry, _ group: String) -> String {
        group.isEmpty ? "\(entry.weightsPath)/vars" : "\(entry.weightsPath)/\(group)/vars"
    }

    /// Each variable of `entry`'s layer with its dataset path.
    static func datasets(_ entry: KerasLayerEntry) -> [(path: String, variable: KerasVariable)] {
        var counts: [String: Int] = [:]
        return entry.mapping.variables(entry.layer).map { variable in
            let group = varsGroup(entry, variable.group)
            let index = counts[group, default: 0]
            counts[group] = index + 1
            return ("\(group)/\(index)", variable)
        }
    }

    /// A description of the layer for messages: its Keras class, name in `config.json` and
    /// Neurona type.
    static func describe(_ entry: KerasLayerEntry) -> String {
        "\(entry.configPath) (\(entry.className))"
    }

    /// Loads every entry's weights from `tree`.
    /// - Throws: ``KerasError`` naming the dataset: missing, of another shape, or one too many.
    package static func load(_ tree: HDF5Tree, into entries: [KerasLayerEntry], file: String) throws {
        for entry in entries {
            let layerWeights = entry.layer.weights()
            var values: [String: Tensor] = [:]
            let listed = datasets(entry)
            for (path, variable) in listed {
                guard let dataset = tree.datasets[path] else {
                    if tree.otherDatasets.contains(path) {
                        throw KerasError.unreadableWeights(file: file, reason: "\(path) (a weight of \(describe(entry))) is not numeric")
                    }
                    throw KerasError.missingWeight(file: file, dataset: path, layer: describe(entry))
                }
                guard dataset.shape == variable.shape else {
                    throw KerasError.wrongWeightShape(file: file, dataset: path, layer: describe(entry), expected: variable.shape, found: dataset.shape)
                }
                var offset = 0
                for name in variable.weights {
                    let shape = layerWeights[name]!.shape
                    let count = shape.reduce(1, *)
                    values[name] = Tensor(Array(dataset.values[offset..<offset + count]), shape: shape)
                    offset += count
                }
            }
            var expected: [String: Set<String>] = [:]
            for (path, _) in listed {
                let parts = path.split(separator: "/")
                expected[parts.dropLast().joined(separator: "/"), default: []].insert(String(parts.last!))
            }
            for (group, names) in expected.sorted(by: { $0.key < $1.key }) {
                if let extra = tree.children(of: group).first(where: { !names.contains($0) }) {
                    throw KerasError.unexpectedWeight(file: file, dataset: "\(group)/\(extra)", layer: describe(entry))
                }
            }
            // A layer without variables in Neurona whose Keras twin had some (none of the mapped
            // layers) would show here as a vars group with datasets.
            if listed.isEmpty, let extra = tree.children(of: varsGroup(entry, "")).first {
                throw KerasError.unexpectedWeight(file: file, dataset: "\(varsGroup(entry, ""))/\(extra)", layer: describe(entry))
            }
            do { try entry.layer.loadWeights(values) } catch {
                throw KerasError.unreadableWeights(file: file, reason: "\(describe(entry)): \(error)")
            }
        }
    }

    /// The HDF5 tree of every entry's weights, as Keras lays them out.
    package static func tree(_ entries: [KerasLayerEntry]) -> HDF5Tree {
        var tree = HDF5Tree()
        for entry in entries {
            let weights = entry.layer.weights()
            tree.insertGroup(varsGroup(entry, ""))
            for (path, variable) in datasets(entry) {
                let values = variable.weights.flatMap { weights[$0]!.converted(to: .float32).scalars(as: Float.self) }
                tree.insert(HDF5Tree.Dataset(shape: variable.shape, values: values), at: path)
            }
        }
        return tree
    }
}
