/// Why a PyTorch checkpoint could not be read, or its weights not loaded into a Neurona network:
/// the file (or the layer and key) and what was wrong.
///
/// Reading never runs anything from the file: the pickle inside `torch.save`'s archive is read by
/// a restricted unpickler that knows only what a `state_dict` needs, and any other class the
/// pickle asks for (`os.system`, `builtins.eval`, a user's class) is refused by name with
/// ``refusedGlobal(file:module:name:)`` before anything after it is read.
public enum PyTorchError: Error, Equatable, CustomStringConvertible {
    // MARK: Reading the file

    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The file is in a format this reader does not take: the legacy (pre-1.6, non-zip)
    /// `torch.save` format, a TorchScript archive, or neither a zip nor a safetensors file.
    case unsupportedFormat(file: String, reason: String)
    /// The zip archive is damaged: truncated, a bad checksum, an entry larger than the file
    /// could hold, or no single `<archive>/data.pkl`.
    case corruptArchive(file: String, reason: String)
    /// The archive lacks an entry the pickle refers to (a storage `<archive>/data/<key>`).
    case missingEntry(file: String, entry: String)
    /// The pickle asks for `module.name`, which a state_dict never needs: refused before it runs.
    case refusedGlobal(file: String, module: String, name: String)
    /// The pickle is malformed: an unknown or unsupported opcode, a stack underflow, a memo
    /// miss, a value of the wrong kind, at byte `offset` of `data.pkl`.
    case malformedPickle(file: String, offset: Int, reason: String)
    /// A tensor cannot be rebuilt from its storage: the storage is shorter than the tensor's
    /// sizes and strides reach, or the tensor's description makes no sense.
    case invalidTensor(file: String, key: String, reason: String)
    /// The file holds something other than a state_dict (a mapping from names to tensors).
    case notAStateDict(file: String, reason: String)

    // MARK: Loading into a network

    /// The network has a layer with weights that is not built yet: build it (give the
    /// `Sequential` an `inputShape`, or call `build`) before loading weights.
    case notBuilt(layer: String)
    /// A Neurona layer with weights that has no PyTorch counterpart here (GRU until Neurona's
    /// GRU has PyTorch's `reset_after` form, or a layer type this plugin does not map).
    case unsupportedLayer(layer: String, type: String, reason: String)
    /// A `keyMap` entry names a PyTorch module the file does not have, or a Neurona layer
    /// (path) the network does not have or that has no weights.
    case invalidKeyMap(entry: String, reason: String)
    /// The weights do not fit the network (strict loading): Neurona weights left unset
    /// (`missing`), PyTorch keys left unused (`unexpected`), and shapes that differ, each with
    /// both shapes. Nothing was changed.
    case weightMismatch(missing: [String], unexpected: [String], wrongShape: [String])

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the file: \(reason)"
        case .unsupportedFormat(let file, let reason):
            return "\(file): \(reason)"
        case .corruptArchive(let file, let reason):
            return "\(file): the zip archive is damaged: \(reason)"
        case .missingEntry(let file, let entry):
            return "\(file): the archive has no entry \"\(entry)\""
        case .refusedGlobal(let file, let module, let name):
            return "\(file): the pickle asks for \(module).\(name), which a state_dict never needs: refused "
                + "(only collections.OrderedDict, torch._utils' tensor rebuilders and torch's typed storages are read)"
        case .malformedPickle(let file, let offset, let reason):
            return "\(file): data.pkl byte \(offset): \(reason)"
        case .invalidTensor(let file, let key, let reason):
            return "\(file): tensor \"\(key)\": \(reason)"
        case .notAStateDict(let file, let reason):
            return "\(file): not a state_dict: \(reason)"
        case .notBuilt(let layer):
            return "\(layer) is not built: build the network (an inputShape, or build(inputShape:)) before loading PyTorch weights"
        case .unsupportedLayer(let layer, let type, let reason):
            return "\(layer) (\(type)): \(reason)"
        case .invalidKeyMap(let entry, let reason):
            return "keyMap entry \(entry): \(reason)"
        case .weightMismatch(let missing, let unexpected, let wrongShape):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing (Neurona weights the file does not set): \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { parts.append("unexpected (PyTorch keys nothing takes): \(unexpected.joined(separator: ", "))") }
            if !wrongShape.isEmpty { parts.append("wrong shapes: \(wrongShape.joined(separator: "; "))") }
            return "the PyTorch weights do not fit the network: " + parts.joined(separator: "; ")
                + " (pass keyMap: to pair PyTorch modules with layers, or strict: false to load what fits)"
        }
    }
}
