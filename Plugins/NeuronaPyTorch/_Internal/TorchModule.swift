import NeuronaCore

/// A PyTorch module's tensors, as a state_dict spells them: the keys sharing a prefix
/// (`features.0.weight`, `features.0.bias` are module `features.0`). A multi-layer `nn.LSTM`
/// (`lstm.weight_ih_l1`) is one module per layer, `lstm.l0`, `lstm.l1`, its keys without the
/// suffix (`weight_ih`), since each pairs with its own Neurona layer.
package struct TorchModule {
    /// One tensor of the module: its name within the module, its full state_dict key, the tensor.
    package struct Item {
        package var leaf: String
        package var key: String
        package var tensor: Tensor
    }

    /// The module's name (`features.0`, `lstm.l1`; empty for keys without a dot).
    package var name: String
    /// Its tensors in the file's order.
    package var tensors: [Item]

    package subscript(leaf: String) -> Item? { tensors.first { $0.leaf == leaf } }

    /// The modules of `stateDict`, in the order their first keys appear.
    package static func modules(of stateDict: PyTorchStateDict) throws -> [TorchModule] {
        var modules: [TorchModule] = []
        var index: [String: Int] = [:]
        for entry in stateDict.entries {
            let (prefix, leaf) = split(entry.name)
            var (module, name) = (prefix, leaf)
            if let layer = recurrentLayer(leaf) {
                if layer.reverse {
                    throw PyTorchError.unsupportedLayer(layer: prefix.isEmpty ? entry.name : prefix, type: "bidirectional RNN",
                                                        reason: "Neurona has no bidirectional recurrent layer (key \(entry.name))")
                }
                module = prefix.isEmpty ? "l\(layer.number)" : "\(prefix).l\(layer.number)"
                name = layer.base
            }
            if index[module] == nil {
                index[module] = modules.count
                modules.append(TorchModule(name: module, tensors: []))
            }
            modules[index[module]!].tensors.append(Item(leaf: name, key: entry.name, tensor: entry.tensor))
        }
        return modules
    }

    /// `("features.0", "weight")` from `features.0.weight`.
    private static func split(_ key: String) -> (prefix: String, leaf: String) {
        guard let dot = key.lastIndex(of: ".") else { return ("", key) }
        return (String(key[..<dot]), String(key[key.index(after: dot)...]))
    }

    /// `weight_ih_l1_reverse` → (`weight_ih`, 1, reverse): the per-layer keys of `nn.RNN`,
    /// `nn.LSTM` and `nn.GRU`.
    private static func recurrentLayer(_ leaf: String) -> (base: String, number: Int, reverse: Bool)? {
        let reverse = leaf.hasSuffix("_reverse")
        let name = reverse ? String(leaf.dropLast("_reverse".count)) : leaf
        for base in ["weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr"] {
            let marker = base + "_l"
            guard name.hasPrefix(marker), let number = Int(name.dropFirst(marker.count)), number >= 0 else { continue }
            return (base, number, reverse)
        }
        return nil
    }
}
