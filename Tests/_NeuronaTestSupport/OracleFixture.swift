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
    /// The key of the input batch `x`.
    public var input: String
    /// The key of the upstream gradient `G` (the output's shape).
    public var upstream: String
    /// The key of PyTorch's output `y`.
    public var output: String
    /// The key of PyTorch's `dL/dx`; nil when the input is not differentiable (Embedding's ids).
    public var inputGradient: String?
    /// The weights' keys by Neurona's parameter names (`recurrent_weight`, `attention.query.bias`).
    public var parameters: [String: String]
    /// The keys of PyTorch's `dL/dparameter`, by the same names.
    public var parameterGradients: [String: String]
    /// The keys of the buffers loaded before the call (batch norm's running statistics).
    public var buffers: [String: String]
    /// The keys of the buffers expected after the call (batch norm in training).
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

    /// The case's name, what a failing parameterized test shows.
    public var description: String { name }
}

/// One loss case: predictions, targets and PyTorch's loss and gradient with respect to the
/// predictions (of the loss itself, or of `sum(loss * G)` for reduction `none`).
public struct LossOracleCase: Decodable, Sendable, CustomStringConvertible {
    /// The case's name (`huber_delta0.5_sum`).
    public var name: String
    /// The loss's config as Neurona's `LossRegistry` reads it.
    public var loss: JSONValue
    /// `int64` for class labels, `float64` otherwise.
    public var targetsDType: String
    /// The key of the predictions.
    public var predictions: String
    /// The key of the targets (class labels stored as float64 when `targetsDType` is int64).
    public var targets: String
    /// The key of PyTorch's loss (a scalar, or `[batch]` for reduction `none`).
    public var output: String
    /// The key of PyTorch's gradient with respect to the predictions.
    public var predictionGradient: String
    /// The key of the upstream gradient for reduction `none` (nil otherwise: the loss is a scalar).
    public var upstream: String?

    enum CodingKeys: String, CodingKey {
        case name, loss, predictions, targets, output, upstream
        case targetsDType = "targets_dtype", predictionGradient = "prediction_gradient"
    }

    /// The loss's config as JSON text.
    public var lossJSON: String { loss.jsonText }

    /// The case's name, what a failing parameterized test shows.
    public var description: String { name }
}

/// A manifest and its tensors. Read once and never mutated, so sharing it between parallel tests is safe (Tensor itself is not
/// marked Sendable).
public struct OracleFixture<Case: Decodable & Sendable>: @unchecked Sendable {
    /// The PyTorch, NumPy and Python versions that wrote the fixture.
    public var versions: [String: String]
    /// The cases, in the generator's order.
    public var cases: [Case]
    /// Every tensor of the safetensors file, by key.
    public var tensors: [String: Tensor]

    private struct Manifest: Decodable {
        var versions: [String: String]
        var cases: [Case]
    }

    /// Reads `<name>.json` and `<name>.safetensors` from `folder`.
    ///
    /// - Parameters:
    ///   - folder: The test target's `Fixtures` folder (`Bundle.module`).
    ///   - name: The fixture's file name without extension (`layer_oracles`).
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
    /// The manifest names this key; the safetensors file has no such tensor.
    case missingTensor(String)
    /// What went wrong, with the key.
    public var description: String {
        switch self {
        case .missingTensor(let key): return "oracle fixture: no tensor \"\(key)\" in the safetensors file"
        }
    }
}

/// Any JSON value, kept to be written back out as text (a layer's or loss's config).
public indirect enum JSONValue: Decodable, Sendable {
    /// JSON's null, booleans, numbers, strings, lists and objects.
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    /// Reads any JSON value.
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
