import Foundation
import NeuronaCore

// Reading the PyTorch oracles written by Tests/Oracles/make_oracles.py: a JSON manifest of cases
// and a safetensors file (float64) holding the tensors the manifest names. Not public API.

/// One layer case: a layer's JSON config, its weights by Neurona's names, an input, an upstream
/// gradient `G`, and PyTorch's output and gradients of `L = sum(y * G)`.
public struct LayerOracleCase: Decodable, Sendable, CustomStringConvertible {
    /// The case's name (`conv2d_same_s2x1_d1x2`).
    public var name: String
    /// The layer's config as Neurona's `LayerRegistry` reads it.
    public var layer: JSONValue
    /// The input shape without the batch dimension, what `build(inputShape:)` takes.
    public var inputShape: [Int]
    /// Whether the layer runs in training mode.
    public var training: Bool
    /// How PyTorch's layout or convention was mapped to Neurona's.
    public var convention: String
    /// Tensor keys.
    public var input: String
    public var upstream: String
    public var output: String
    public var inputGradient: String
    public var parameters: [String: String]
    public var parameterGradients: [String: String]
    public var buffers: [String: String]
    public var buffersAfter: [String: String]
    /// A boolean attention mask, stored as 0/1 (MultiHeadAttention only).
    public var mask: String?

    enum CodingKeys: String, CodingKey {
        case name, layer, training, convention, input, upstream, output, parameters, buffers, mask
        case inputShape = "input_shape", inputGradient = "input_gradient"
        case parameterGradients = "parameter_gradients", buffersAfter = "buffers_after"
    }

    /// The layer's config as JSON text.
    public var layerJSON: String { layer.jsonText }

    public var description: String { name }
}

/// One loss case: predictions, targets and PyTorch's loss and gradient with respect to the
/// predictions (of the loss itself, or of `sum(loss * G)` for reduction `none`).
public struct LossOracleCase: Decodable, Sendable, CustomStringConvertible {
    public var name: String
    /// The loss's config as Neurona's `LossRegistry` reads it.
    public var loss: JSONValue
    /// `int64` for class labels, `float64` otherwise.
    public var targetsDType: String
    public var predictions: String
    public var targets: String
    public var output: String
    public var predictionGradient: String
    public var upstream: String?

    enum CodingKeys: String, CodingKey {
        case name, loss, predictions, targets, output, upstream
        case targetsDType = "targets_dtype", predictionGradient = "prediction_gradient"
    }

    /// The loss's config as JSON text.
    public var lossJSON: String { loss.jsonText }

    public var description: String { name }
}

/// A manifest and its tensors. Read once and never mutated, so sharing it between parallel tests is safe (Tensor itself is not
/// marked Sendable).
public struct OracleFixture<Case: Decodable & Sendable>: @unchecked Sendable {
    /// The PyTorch, NumPy and Python versions that wrote the fixture.
    public var versions: [String: String]
    public var cases: [Case]
    public var tensors: [String: Tensor]

    private struct Manifest: Decodable {
        var versions: [String: String]
        var cases: [Case]
    }

    /// Reads `<name>.json` and `<name>.safetensors` from `folder`.
    public init(folder: URL, name: String) throws {
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: folder.appendingPathComponent("\(name).json")))
        versions = manifest.versions
        cases = manifest.cases
        tensors = try Safetensors.read(from: folder.appendingPathComponent("\(name).safetensors"))
    }

    /// The tensor stored under `key`, in `dtype`; throws naming the key when it is missing.
    public func tensor(_ key: String, _ dtype: DType = .float64) throws -> Tensor {
        guard let t = tensors[key] else { throw OracleFixtureError.missingTensor(key) }
        return t.converted(to: dtype)
    }
}

/// A manifest naming a tensor its safetensors file lacks.
public enum OracleFixtureError: Error, CustomStringConvertible {
    case missingTensor(String)
    public var description: String {
        switch self {
        case .missingTensor(let key): return "oracle fixture: no tensor \"\(key)\" in the safetensors file"
        }
    }
}

/// Any JSON value, kept to be written back out as text (a layer's or loss's config).
public indirect enum JSONValue: Decodable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    var any: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let b): return b
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? Int(n) as Any : n
        case .string(let s): return s
        case .array(let a): return a.map(\.any)
        case .object(let o): return o.mapValues(\.any)
        }
    }

    /// The value as compact JSON text, keys sorted.
    public var jsonText: String {
        let data = (try? JSONSerialization.data(withJSONObject: any, options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// The tolerance the oracles are held to: `|a − b| ≤ tolerance·(1 + |b|)` elementwise.
/// float64 runs agree with PyTorch's float64 to 1e-10; float32 runs to 1e-5.
public func oracleTolerance(_ dtype: DType) -> Double { dtype == .float64 ? 1e-10 : 1e-5 }

/// The largest `|a − b| / (1 + |b|)`: the error measure `oracleTolerance` bounds; infinity when
/// the shapes differ.
public func oracleError(_ a: Tensor, _ b: Tensor) -> Double {
    guard a.shape == b.shape else { return .infinity }
    var worst = 0.0
    for (x, y) in zip(a.doubles, b.doubles) {
        if x.isNaN || y.isNaN { if x.isNaN != y.isNaN { return .infinity } else { continue } }
        worst = max(worst, abs(x - y) / (1 + abs(y)))
    }
    return worst
}
