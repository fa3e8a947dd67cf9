import Foundation
import NeuronaCore

/// A PyTorch `state_dict`: tensors by name (`fc1.weight`, `features.0.running_mean`), in the
/// order the file gives them, read without Python.
///
/// ```swift
/// let stateDict = try PyTorchStateDict.read(from: URL(fileURLWithPath: "mlp.pt"))
/// print(stateDict.names)                       // ["0.weight", "0.bias", "2.weight", "2.bias"]
/// let w = stateDict["0.weight"]                // [out, in], as PyTorch keeps it
/// ```
///
/// Two formats are read: what `torch.save(model.state_dict(), path)` writes (the zip archive of
/// PyTorch 1.6 and later, `.pt`/`.pth`), through a restricted unpickler that runs nothing and
/// refuses every class a state_dict does not need; and safetensors files (through NeuronaCore's
/// `Safetensors`). Tensors keep PyTorch's shapes and layouts (`loadWeights(pytorch:keyMap:strict:)`
/// maps them onto Neurona's); float16 and bfloat16 become float32, the narrow integers int64.
///
/// A safetensors file does not keep the state_dict's order: its tensors come in natural name
/// order (`2.weight` before `10.weight`).
public struct PyTorchStateDict {
    /// One named tensor of the state_dict.
    public struct Entry {
        /// The state_dict key (`fc1.weight`).
        public var name: String
        /// The tensor, in PyTorch's shape and layout.
        public var tensor: Tensor
        /// A named tensor.
        /// - Parameters:
        ///   - name: The state_dict key.
        ///   - tensor: The tensor, in PyTorch's layout.
        public init(name: String, tensor: Tensor) {
            self.name = name
            self.tensor = tensor
        }
    }

    /// The tensors in the file's order.
    public var entries: [Entry]

    /// A state_dict of `entries`, in that order.
    /// - Parameter entries: The named tensors.
    public init(_ entries: [Entry]) { self.entries = entries }

    /// The keys in the file's order.
    public var names: [String] { entries.map(\.name) }

    /// The tensor stored under `name`, or nil.
    public subscript(name: String) -> Tensor? { entries.first { $0.name == name }?.tensor }

    // MARK: Reading

    /// The state_dict in the file at `url`: a `torch.save` zip archive or a safetensors file
    /// (told apart by their first bytes, not by the extension).
    ///
    /// - Throws: ``PyTorchError`` naming the file and the problem (a refused class by name, a
    ///   damaged archive, a storage shorter than its tensor), or `SafetensorsError` for a
    ///   damaged safetensors file.
    public static func read(from url: URL) throws -> PyTorchStateDict {
        let head: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            head = try handle.read(upToCount: 9) ?? Data()
        } catch {
            throw PyTorchError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        switch try format(of: [UInt8](head), file: url.path) {
        case .zip: return try decodeArchive(try TorchZipArchive(url: url, file: url.path), file: url.path)
        case .safetensors: return inNaturalOrder(try Safetensors.read(from: url))
        }
    }

    /// The state_dict held in `data` (`file` names it in errors); see ``read(from:)``.
    public static func decode(_ data: Data, file: String = "<memory>") throws -> PyTorchStateDict {
        switch try format(of: [UInt8](data.prefix(9)), file: file) {
        case .safetensors: return inNaturalOrder(try Safetensors.decode(data, file: file).tensors)
        case .zip: return try decodeArchive(try TorchZipArchive(bytes: data, file: file), file: file)
        }
    }

    private enum Format { case zip, safetensors }

    /// The format the first bytes say: `PK` a zip, `{` after the 8-byte length safetensors; the
    /// legacy format (a bare pickle, `0x80`) is refused with the fix.
    private static func format(of head: [UInt8], file: String) throws -> Format {
        if head.starts(with: [0x50, 0x4B]) { return .zip }
        if head.first == 0x80 {
            throw PyTorchError.unsupportedFormat(file: file, reason: "the legacy torch.save format (before PyTorch 1.6, or "
                + "_use_new_zipfile_serialization=False), which is a bare pickle: re-save it with torch.save(state_dict, path) "
                + "from PyTorch 1.6 or later, or as safetensors")
        }
        if head.count == 9, head[8] == UInt8(ascii: "{") { return .safetensors }
        throw PyTorchError.unsupportedFormat(file: file, reason: "neither a torch.save zip archive nor a safetensors file")
    }

    /// A safetensors file's tensors in natural name order (`2.weight` before `10.weight`): the
    /// format keeps no order.
    private static func inNaturalOrder(_ tensors: [String: Tensor]) -> PyTorchStateDict {
        let names = tensors.keys.sorted { $0.compare($1, options: .numeric) == .orderedAscending }
        return PyTorchStateDict(names.map { Entry(name: $0, tensor: tensors[$0]!) })
    }

    /// A `torch.save` archive: the pickle read by ``RestrictedUnpickler``, then each tensor
    /// rebuilt from its storage (a storage shared by several tensors is read once).
    private static func decodeArchive(_ archive: TorchZipArchive, file: String) throws -> PyTorchStateDict {
        let byteOrder = try archive.contents(of: "byteorder").map { String(decoding: $0, as: UTF8.self) } ?? "little"
        guard byteOrder == "little" || byteOrder == "big" else {
            throw PyTorchError.unsupportedFormat(file: file, reason: "byteorder is \"\(byteOrder.prefix(20))\", neither little nor big")
        }
        let pickle = try archive.requiredContents(of: "data.pkl")
        let root = try RestrictedUnpickler.load([UInt8](pickle), file: file)
        guard case .dict(let dict) = root else {
            throw PyTorchError.notAStateDict(file: file, reason: "the pickle holds a \(root.kindName), not a dict of tensors")
        }
        let rebuild = TensorRebuild(file: file, bigEndian: byteOrder == "big")
        var storages: [String: (type: TorchStorageType, bytes: Data)] = [:]
        var entries: [Entry] = []
        for (key, value) in dict.items {
            guard case .string(let name) = key else {
                throw PyTorchError.notAStateDict(file: file, reason: "a key is a \(key.kindName), not a str")
            }
            guard case .tensor(let description) = value else {
                // A training checkpoint ({"epoch": 3, "model_state_dict": {...}}): name the dicts inside.
                let dicts = dict.items.compactMap { item -> String? in
                    guard case .string(let key) = item.key, case .dict = item.value else { return nil }
                    return "checkpoint[\"\(key)\"]"
                }
                let hint = dicts.isEmpty ? "" : "; to load a state_dict inside it, save torch.save(\(dicts.joined(separator: " or ")), path)"
                throw PyTorchError.notAStateDict(file: file, reason: "\"\(name)\" holds \(value.kindName), not a tensor\(hint)")
            }
            let reference = description.storage
            let storage: Data
            if let cached = storages[reference.key] {
                guard cached.type == reference.type else {
                    throw PyTorchError.invalidTensor(file: file, key: name, reason: "storage data/\(reference.key) is read as both "
                                                     + "\(cached.type.rawValue) and \(reference.type.rawValue)")
                }
                storage = cached.bytes
            } else {
                storage = try archive.requiredContents(of: "data/\(reference.key)")
                storages[reference.key] = (reference.type, storage)
            }
            entries.append(Entry(name: name, tensor: try rebuild.tensor(description, storage: storage, key: name)))
        }
        return PyTorchStateDict(entries)
    }
}
