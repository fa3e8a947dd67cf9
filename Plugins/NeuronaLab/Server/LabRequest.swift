import Foundation

/// The JSON body of a page's request to the playground: the protocol version, always; the
/// rest as the endpoint needs.
struct LabRequest: Decodable {
    /// The page's protocol version (``PlaygroundFrame/protocolVersion`` for a current page).
    var `protocol`: Int?
    /// What a message on the playground's socket asks for (`play`, `next`, `pause`; see ``PlaygroundSocket``).
    var action: String?
    /// The session the request is for (all but `new`).
    var session: String?
    /// New settings (`new`, `reset`, `upload`), or new rates (`tune`).
    var settings: PlaygroundSettings?
    /// Epochs to train at most (`step`).
    var epochs: Int?
    /// Milliseconds to train at most (`step`).
    var budgetMilliseconds: Double?
    /// Whether `reset` keeps training on the uploaded points.
    var uploaded: Bool?
    /// The CSV text (`upload`).
    var csv: String?
    /// An exported model's JSON (`import`, optional).
    var modelJSON: String?
    /// An exported model's safetensors, base64 (`import`).
    var safetensors: String?

    private struct ProtocolProbe: Decodable { var `protocol`: Int? }

    /// Reads `body`, refusing a page of another protocol version before reading anything else.
    /// - Throws: ``LabError/oldPage(pageProtocol:serverProtocol:)``, ``LabError/badRequest(_:)``
    ///   or a setting's ``LabError/invalidSetting(name:message:)``.
    static func decode(_ body: Data) throws -> LabRequest {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let probe: ProtocolProbe
        do { probe = try decoder.decode(ProtocolProbe.self, from: body) } catch {
            throw LabError.badRequest("the body is not a JSON object with a whole-number \"protocol\"")
        }
        guard probe.protocol == PlaygroundFrame.protocolVersion else {
            throw LabError.oldPage(pageProtocol: probe.protocol, serverProtocol: PlaygroundFrame.protocolVersion)
        }
        do { return try decoder.decode(LabRequest.self, from: body) } catch let error as LabError {
            throw error
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw LabError.badRequest("\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong kind of value")
        } catch {
            throw LabError.badRequest("the body cannot be read: \(error)")
        }
    }
}
