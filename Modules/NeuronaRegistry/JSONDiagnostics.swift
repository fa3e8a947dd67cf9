import Foundation

/// JSON paths as the errors of every registry write them: `layers[2].units`.
public enum JSONPath {
    /// `layers[2].units` for a coding path.
    public static func string(_ path: [CodingKey]) -> String {
        var s = ""
        for key in path {
            if let i = key.intValue { s += "[\(i)]" } else { s += (s.isEmpty ? "" : ".") + key.stringValue }
        }
        return s
    }
}

/// Where and why a JSON description is wrong: what every registry reports (layers as
/// `LayerError.invalidDescription`, the others as ``RegistryError/invalidConfig(kind:path:message:)``).
struct JSONProblem: Error, Equatable {
    var path: String
    var message: String
}

/// The JSON error reporting shared by every registry: syntax errors with line and column, decoding
/// errors with their path and what was expected and found, numbers that fit no field.
enum JSONDiagnostics {
    /// The deepest nesting of arrays and objects JSONSerialization accepts (swift-foundation's
    /// parser stops past it).
    static let nestingLimit = 512

    /// A JSONSerialization error saying where: the parser's "around character N" (a byte offset)
    /// becomes a line and column.
    static func syntaxProblem(_ error: Error, in data: Data) -> JSONProblem {
        let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        var offset: Int?
        if let range = detail.range(of: "character ") {
            offset = Int(detail[range.upperBound...].prefix { $0.isNumber })
        } else if detail.contains("end of file") {
            offset = data.count
        }
        var position = ""
        if let offset {
            let (line, column) = lineAndColumn(ofByte: offset, in: data)
            position = "line \(line), column \(column): "
        }
        let reason = detail.components(separatedBy: " around character").first ?? detail
        if detail.hasPrefix("Too many nested") {
            return JSONProblem(path: "", message: position + "the description nests arrays and objects deeper than the JSON parser's limit of \(nestingLimit)")
        }
        if data.isEmpty || data.allSatisfy({ [0x20, 0x09, 0x0a, 0x0d].contains($0) }) {
            return JSONProblem(path: "", message: "the description is empty")
        }
        return JSONProblem(path: "", message: position + "the description is not valid JSON (\(reason.hasSuffix(".") ? String(reason.dropLast()) : reason))")
    }

    /// The 1-based line and column (in characters) of byte `offset` of UTF-8 `data`.
    static func lineAndColumn(ofByte offset: Int, in data: Data) -> (line: Int, column: Int) {
        let before = data.prefix(Swift.max(0, Swift.min(offset, data.count)))
        let line = before.reduce(1) { $1 == 0x0a ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0a).map { $0 + 1 } ?? before.startIndex
        let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
        return (line, column)
    }

    /// The first number in a parsed JSON tree (depth first) that the decoder cannot give a
    /// field: one that is not a whole number within `Int`, when replacing it by 0 makes the
    /// decoder's position-less error go away. Nil when there is none.
    ///
    /// - Parameters:
    ///   - root: The parsed description.
    ///   - decodes: Decodes a description as the registry does (throws what the decoder throws).
    static func unrepresentableNumber(in root: Any, decodes: (Data) throws -> Void) -> (path: String, text: String)? {
        var candidates: [(path: [CodingKey], text: String)] = []
        func visit(_ node: Any, _ path: [CodingKey]) {
            guard candidates.count < 16 else { return }
            if let object = node as? [String: Any] {
                for key in object.keys.sorted() { visit(object[key]!, path + [JSONKey(key)]) }
            } else if let array = node as? [Any] {
                for (i, element) in array.enumerated() { visit(element, path + [JSONKey(intValue: i)!]) }
            } else if let number = node as? NSNumber, !(node is Bool), String(cString: number.objCType) != "c" {
                let value = number.doubleValue
                if number as? Int == nil || value.rounded() != value || !value.isFinite {
                    candidates.append((path, "\(number)"))
                }
            }
        }
        visit(root, [])
        func replacing(_ node: Any, at path: ArraySlice<CodingKey>) -> Any {
            guard let key = path.first else { return 0 }
            if var object = node as? [String: Any], let child = object[key.stringValue] {
                object[key.stringValue] = replacing(child, at: path.dropFirst())
                return object
            }
            if var array = node as? [Any], let i = key.intValue, i < array.count {
                array[i] = replacing(array[i], at: path.dropFirst())
                return array
            }
            return node
        }
        for candidate in candidates {
            let patched = replacing(root, at: candidate.path[...])
            guard let data = try? JSONSerialization.data(withJSONObject: patched, options: [.fragmentsAllowed]) else { continue }
            do {
                try decodes(data)
                return (JSONPath.string(candidate.path), candidate.text)
            } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
                continue
            } catch {
                return (JSONPath.string(candidate.path), candidate.text)
            }
        }
        return nil
    }

    /// A `DecodingError` as a problem naming the JSON path, what was expected and what was found
    /// in `data`.
    static func problem(_ error: DecodingError, in data: Data) -> JSONProblem {
        let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        func found(_ path: [CodingKey]) -> String {
            var node: Any? = root
            for key in path {
                if let i = key.intValue, let array = node as? [Any] { node = i < array.count ? array[i] : nil }
                else if let object = node as? [String: Any] { node = object[key.stringValue] }
                else { node = nil }
            }
            guard let value = node else { return "nothing" }
            if value is NSNull { return "null" }
            if let s = value as? String { return "\"\(s)\"" }
            if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]) {
                return String(decoding: data, as: UTF8.self)
            }
            return "\(value)"
        }
        func expected(_ type: Any.Type) -> String {
            switch type {
            case is Int.Type, is Int64.Type, is UInt64.Type: return "an integer"
            case is Double.Type, is Float.Type: return "a number"
            case is String.Type: return "a string"
            case is Bool.Type: return "a boolean"
            default:
                let name = "\(type)"
                if name.hasPrefix("Array") { return "a list" }
                if name.hasPrefix("Dictionary") { return "an object" }
                return "a value of type \(name)"
            }
        }
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return JSONProblem(path: JSONPath.string(context.codingPath),
                               message: "expected \(expected(type)), found \(found(context.codingPath))")
        case .keyNotFound(let key, let context):
            return JSONProblem(path: JSONPath.string(context.codingPath), message: "missing field \"\(key.stringValue)\"")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty && root == nil {
                return JSONProblem(path: "", message: "the description is not valid JSON")
            }
            if context.codingPath.isEmpty && context.debugDescription == "The given data was not valid JSON." {
                // Valid JSON the decoder still refused (it says so for a number that fits no field).
                return JSONProblem(path: "", message: "a value does not fit its field's type")
            }
            return JSONProblem(path: JSONPath.string(context.codingPath), message: context.debugDescription)
        @unknown default:
            return JSONProblem(path: "", message: "\(error)")
        }
    }

    /// The error for a key a type does not have (a typo such as `activaton`), at its path.
    ///
    /// - Parameters:
    ///   - key: The key as written.
    ///   - typeName: The type (or name) whose description holds it.
    ///   - fields: The keys the type does have.
    ///   - path: The coding path of the object holding the key.
    static func unexpectedField(_ key: String, of typeName: String, fields: [String], at path: [CodingKey]) -> DecodingError {
        DecodingError.dataCorrupted(.init(
            codingPath: path + [JSONKey(key)],
            debugDescription: "unexpected field \"\(key)\" for \(typeName) (its fields: \(fields.sorted().joined(separator: ", ")))"))
    }
}
