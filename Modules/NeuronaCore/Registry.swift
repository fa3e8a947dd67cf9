import Foundation

/// Why a registry could not make something from a name or a JSON config.
public enum RegistryError: Error, Equatable, CustomStringConvertible {
    /// Nothing is registered under `name`.
    case unknownName(kind: String, name: String, closest: [String])
    /// The config is wrong at `path`.
    case invalidConfig(kind: String, path: String, message: String)

    public var description: String {
        switch self {
        case .unknownName(let kind, let name, let closest):
            return "unknown \(kind) \"\(name)\"" + (closest.isEmpty ? "" : "; closest registered names: \(closest.joined(separator: ", "))")
        case .invalidConfig(let kind, let path, let message):
            return "\(kind) config\(path.isEmpty ? "" : " at \(path)"): \(message)"
        }
    }
}

/// A thread-safe map from names to factories that decode a product from a JSON config
/// (`{"type": "adam", "learning_rate": 0.01}`). The loss and optimizer registries are built on it.
public final class Registry<Product>: @unchecked Sendable {
    /// Makes a product from a decoder positioned at its config object.
    public typealias Factory = (Decoder) throws -> Product

    /// What the registry holds, for messages ("loss", "optimizer").
    public let kind: String
    private var factories: [String: Factory] = [:]
    private let lock = NSLock()

    /// An empty registry.
    /// - Parameter kind: What it holds, for messages (`"loss"`, `"optimizer"`).
    public init(kind: String) { self.kind = kind }

    /// Registers `factory` under `name`; registering again replaces it.
    public func register(_ name: String, factory: @escaping Factory) {
        lock.lock()
        defer { lock.unlock() }
        factories[name] = factory
    }

    /// The registered names, sorted.
    public var names: [String] {
        lock.lock()
        defer { lock.unlock() }
        return factories.keys.sorted()
    }

    /// The factory registered under `name`.
    public func factory(for name: String) -> Factory? {
        lock.lock()
        defer { lock.unlock() }
        return factories[name]
    }

    /// The product called `name`, with default settings.
    public func make(_ name: String) throws -> Product {
        let quoted = String(decoding: try JSONEncoder().encode(name), as: UTF8.self)
        return try make(fromJSON: "{\"type\": \(quoted)}")
    }

    /// The product a JSON config describes; its `"type"` names the factory.
    public func make(fromJSON json: String) throws -> Product {
        let decoder = JSONDecoder()
        decoder.userInfo[RegistryCodingKey.registry] = self
        do {
            return try decoder.decode(Decoded.self, from: Data(json.utf8)).product
        } catch let error as RegistryError {
            throw error
        } catch let error as DecodingError {
            throw RegistryError.invalidConfig(kind: kind, path: Self.path(of: error), message: Self.message(of: error))
        }
    }

    /// Registered names closest to `name` by edit distance, best first.
    public func closestNames(to name: String, limit: Int = 3) -> [String] {
        Registry<Product>.closest(to: name, among: names, limit: limit)
    }

    /// The candidates closest to `name` (case-insensitive edit distance), best first.
    public static func closest(to name: String, among candidates: [String], limit: Int = 3) -> [String] {
        let target = name.lowercased()
        let threshold = Swift.max(2, name.count / 2)
        return Set(candidates)
            .map { ($0, editDistance($0.lowercased(), target)) }
            .filter { $0.1 <= threshold || $0.0.lowercased().contains(target) || target.contains($0.0.lowercased()) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(limit).map(\.0)
    }

    private struct Decoded: Decodable {
        var product: Product
        init(from decoder: Decoder) throws {
            let registry = decoder.userInfo[RegistryCodingKey.registry] as! Registry<Product>
            let container = try decoder.container(keyedBy: RegistryCodingKey.self)
            let name = try container.decode(String.self, forKey: RegistryCodingKey(stringValue: "type")!)
            guard let factory = registry.factory(for: name) else {
                throw RegistryError.unknownName(kind: registry.kind, name: name, closest: registry.closestNames(to: name))
            }
            product = try factory(decoder)
        }
    }

    static func path(of error: DecodingError) -> String {
        let context: DecodingError.Context?
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): context = c
        @unknown default: context = nil
        }
        return (context?.codingPath ?? []).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    static func message(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _): return "expected a value of type \(type)"
        case .valueNotFound(let type, _): return "expected a value of type \(type), found null"
        case .keyNotFound(let key, _): return "missing field \"\(key.stringValue)\""
        case .dataCorrupted(let c): return c.debugDescription
        @unknown default: return "\(error)"
        }
    }
}

struct RegistryCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    static let registry = CodingUserInfoKey(rawValue: "neurona.registry")!
}

/// The Levenshtein distance between two strings.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
