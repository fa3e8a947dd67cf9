import Foundation

/// Why a safetensors file could not be read or written: the file, the byte offset where the
/// problem is, and what was wrong.
public struct SafetensorsError: Error, Equatable, CustomStringConvertible {
    /// What kind of problem it was.
    public enum Kind: String, Sendable, Equatable {
        /// The file could not be opened (`unreadable`) or ends early (`truncated`); the header is larger
        /// than the limit (`headerTooLarge`) or not the expected JSON (`invalidHeader`); a tensor names a
        /// dtype Neurona does not hold (`unknownDType`), a shape that does not match its bytes
        /// (`invalidShape`, `sizeMismatch`), or byte ranges outside the data or over another tensor's
        /// (`offsetsOutOfRange`, `overlappingData`); or the file could not be written (`unwritable`).
        case unreadable, truncated, headerTooLarge, invalidHeader, unknownDType, invalidShape,
             offsetsOutOfRange, overlappingData, sizeMismatch, unwritable
    }

    /// What kind of problem it was.
    public var kind: Kind
    /// The file's path (or `<memory>` for in-memory data).
    public var file: String
    /// The byte offset in the file where the problem was found.
    public var byteOffset: Int
    /// What was wrong, in words.
    public var message: String

    public var description: String { "\(file): byte \(byteOffset): \(message)" }
}

/// Reads and writes the safetensors format used by PyTorch and the Hugging Face tools: an
/// 8-byte little-endian header length, a JSON header giving each tensor's `dtype`, `shape` and
/// `data_offsets`, then the raw little-endian bytes.
///
/// ```swift
/// try Safetensors.write(["layers.0.weight": w, "layers.0.bias": b], to: url)
/// let weights = try Safetensors.read(from: url)
/// ```
///
/// Reading never crashes on a malformed file: every problem throws a ``SafetensorsError``
/// naming the file and byte offset. Writing goes to a temporary file that is renamed into place,
/// so a crash never leaves a torn file.
public enum Safetensors {
    /// A file's tensors and its optional `__metadata__` strings.
    public struct Contents: Equatable {
        /// The tensors by name.
        public var tensors: [String: Tensor]
        /// The header's `__metadata__` strings (empty when the file has none).
        public var metadata: [String: String]

        /// Contents to write, or as read.
        /// - Parameters:
        ///   - tensors: The tensors by name.
        ///   - metadata: Strings stored under `__metadata__`.
        public init(tensors: [String: Tensor], metadata: [String: String] = [:]) {
            self.tensors = tensors
            self.metadata = metadata
        }
    }

    /// The most header bytes accepted (as the reference implementation: 100 MB).
    public static let maximumHeaderSize = 100_000_000

    // MARK: Writing

    /// The bytes of a safetensors file holding `tensors` (in name order) and `metadata`.
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) -> Data {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let t = tensors[name]!
            let size = t.count * t.dtype.byteSize
            header[name] = ["dtype": t.dtype.safetensorsName, "shape": t.shape, "data_offsets": [offset, offset + size]]
            offset += size
        }
        var json = (try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        // Pad the header with spaces so that the data starts 8-byte aligned.
        while json.count % 8 != 0 { json.append(UInt8(ascii: " ")) }
        var data = Data(capacity: 8 + json.count + offset)
        var length = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &length) { data.append(contentsOf: $0) }
        data.append(json)
        for name in names {
            tensors[name]!.withUnsafeRawBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Writes `tensors` to `url` atomically (a temporary file renamed into place).
    public static func write(_ tensors: [String: Tensor], metadata: [String: String] = [:], to url: URL) throws {
        let data = encode(tensors, metadata: metadata)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw SafetensorsError(kind: .unwritable, file: url.path, byteOffset: 0,
                                   message: "cannot write the file: \(error.localizedDescription)")
        }
    }

    // MARK: Reading

    /// The tensors of the file at `url`.
    public static func read(from url: URL) throws -> [String: Tensor] {
        try readContents(from: url).tensors
    }

    /// The tensors and metadata of the file at `url`.
    public static func readContents(from url: URL) throws -> Contents {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SafetensorsError(kind: .unreadable, file: url.path, byteOffset: 0,
                                   message: "cannot read the file: \(error.localizedDescription)")
        }
        return try decode(data, file: url.path)
    }

    /// The tensors and metadata held in `data` (`file` names it in errors).
    public static func decode(_ data: Data, file: String = "<memory>") throws -> Contents {
        func fail(_ kind: SafetensorsError.Kind, _ offset: Int, _ message: String) -> SafetensorsError {
            SafetensorsError(kind: kind, file: file, byteOffset: offset, message: message)
        }
        guard data.count >= 8 else {
            throw fail(.truncated, data.count, "the file has \(data.count) bytes; the 8-byte header length is missing")
        }
        let headerLength = data.withUnsafeBytes { raw -> UInt64 in
            var v: UInt64 = 0
            withUnsafeMutableBytes(of: &v) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[0..<8])) }
            return UInt64(littleEndian: v)
        }
        guard headerLength <= UInt64(maximumHeaderSize) else {
            throw fail(.headerTooLarge, 0, "header length \(headerLength) exceeds the limit of \(maximumHeaderSize) bytes")
        }
        guard 8 + Int(headerLength) <= data.count else {
            throw fail(.truncated, 0, "header length \(headerLength) runs past the end of the file (\(data.count) bytes)")
        }
        let headerEnd = 8 + Int(headerLength)
        let headerData = data.subdata(in: 8..<headerEnd)
        guard headerData.first == UInt8(ascii: "{"),
              let object = try? JSONSerialization.jsonObject(with: headerData),
              let header = object as? [String: Any] else {
            throw fail(.invalidHeader, 8, "the header is not a JSON object")
        }
        var metadata: [String: String] = [:]
        if let meta = header["__metadata__"] {
            guard let strings = meta as? [String: String] else {
                throw fail(.invalidHeader, 8, "__metadata__ must map strings to strings")
            }
            metadata = strings
        }
        let dataLength = data.count - headerEnd
        var spans: [(begin: Int, end: Int, name: String)] = []
        var tensors: [String: Tensor] = [:]
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any] else {
                throw fail(.invalidHeader, 8, "entry \"\(name)\" is not a JSON object")
            }
            guard let dtypeName = entry["dtype"] as? String else {
                throw fail(.invalidHeader, 8, "entry \"\(name)\" has no string \"dtype\"")
            }
            guard let dtype = DType(safetensorsName: dtypeName) else {
                throw fail(.unknownDType, 8, "entry \"\(name)\" has dtype \"\(dtypeName)\", which Neurona does not read (F32, F64, I64, BOOL)")
            }
            guard let shapeValues = entry["shape"] as? [Any],
                  let shape = integers(shapeValues), shape.allSatisfy({ $0 >= 0 }) else {
                throw fail(.invalidShape, 8, "entry \"\(name)\" has no valid \"shape\" (a list of non-negative integers)")
            }
            guard let offsetValues = entry["data_offsets"] as? [Any], let offsets = integers(offsetValues),
                  offsets.count == 2 else {
                throw fail(.invalidHeader, 8, "entry \"\(name)\" has no valid \"data_offsets\" (two integers)")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, end >= begin, end <= dataLength else {
                throw fail(.offsetsOutOfRange, headerEnd + Swift.max(0, Swift.min(begin, dataLength)),
                           "entry \"\(name)\" has data_offsets [\(begin), \(end)] outside the \(dataLength) data bytes")
            }
            // Checked: a shape from the file can multiply past Int.max.
            var byteCount = dtype.byteSize
            for d in shape {
                let (product, overflow) = byteCount.multipliedReportingOverflow(by: d)
                guard !overflow else {
                    throw fail(.invalidShape, 8, "entry \"\(name)\" has shape \(shape) of \(dtypeName), whose byte count overflows (more than \(Int.max) bytes)")
                }
                byteCount = product
            }
            guard byteCount == end - begin else {
                throw fail(.sizeMismatch, headerEnd + begin,
                           "entry \"\(name)\" has shape \(shape) of \(dtypeName) (\(byteCount) bytes) but data_offsets span \(end - begin) bytes")
            }
            let tensor = Tensor(uninitializedShape: shape, dtype: dtype)
            data.withUnsafeBytes { raw in
                tensor.storage.pointer.copyMemory(from: raw.baseAddress! + headerEnd + begin, byteCount: byteCount)
            }
            if dtype == .bool {
                // Any byte other than 0 or 1 is not a Swift Bool: normalize.
                let p = tensor.storage.pointer.assumingMemoryBound(to: UInt8.self)
                for i in 0..<byteCount where p[i] > 1 { p[i] = 1 }
            }
            tensors[name] = tensor
            if end > begin { spans.append((begin, end, name)) }  // empty tensors take no bytes
        }
        spans.sort { $0.begin < $1.begin }
        for (previous, next) in Swift.zip(spans, spans.dropFirst()) where next.begin < previous.end {
            throw fail(.overlappingData, headerEnd + next.begin,
                       "entries \"\(previous.name)\" and \"\(next.name)\" overlap")
        }
        return Contents(tensors: tensors, metadata: metadata)
    }

    /// The integers of a JSON array, or nil if any element is not an integer.
    private static func integers(_ values: [Any]) -> [Int]? {
        var result: [Int] = []
        for v in values {
            guard let i = v as? Int else { return nil }
            result.append(i)
        }
        return result
    }
}
