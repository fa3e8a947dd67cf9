import FlyingFox
import Foundation

/// Answers the lab's requests: the page's files, the playground's API, the graph pictures and
/// the live feed. Every failure becomes `{"error": message}` with a 4xx status.
struct LabHandler: HTTPHandler {
    let assets: LabAssets
    let liveFeed: LiveFeed?
    let graphs: [ComputationGraphPicture]
    let playground = PlaygroundSessions()

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            return try await route(request)
        } catch let error as LabError {
            let status: HTTPStatusCode
            switch error {
            case .oldPage: status = .conflict
            case .unknownSession: status = .notFound
            default: status = .badRequest
            }
            return Self.json(["error": error.description], status: status)
        } catch {
            return Self.json(["error": "\(error)"], status: .internalServerError)
        }
    }

    private func route(_ request: HTTPRequest) async throws -> HTTPResponse {
        let path = request.path
        switch (request.method, path) {
        case (.GET, "/"), (.GET, "/index.html"), (.GET, "/live"), (.GET, "/graphs"): return asset("index.html")
        case (.GET, _) where LabAssets.files[String(path.dropFirst())] != nil: return asset(String(path.dropFirst()))
        case (.GET, "/api/playground/socket"):
            return try await WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: PlaygroundSocket(sessions: playground)))
                .handleRequest(request)
        case (.GET, "/api/live/socket"):
            return try await WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: LiveSocket(feed: liveFeed)))
                .handleRequest(request)
        case (.GET, "/api/playground/export"):
            let session = try playground.session(request.query.first { $0.name == "session" }?.value)
            let file = try session.export(format: request.query.first { $0.name == "format" }?.value ?? "")
            return HTTPResponse(statusCode: .ok, headers: [.contentType: file.contentType,
                                                           .contentDisposition: "attachment; filename=\"\(file.fileName)\""],
                                body: file.data)
        case (.POST, _) where path.hasPrefix("/api/playground/"):
            let body = try LabRequest.decode(try await request.bodyData)
            return try Self.json(playgroundAction(String(path.dropFirst("/api/playground/".count)), body))
        case (.GET, "/api/graphs"): return try Self.json(graphs)
        case (.GET, "/api/live"):
            guard let liveFeed else { return try Self.json(LiveFeed.Snapshot.none) }
            let since = Int(request.query.first { $0.name == "since" }?.value ?? "0") ?? 0
            return try Self.json(liveFeed.snapshot(since: since))
        default:
            throw LabError.badRequest("nothing at \(request.method.rawValue) \(path)")
        }
    }

    private func playgroundAction(_ action: String, _ body: LabRequest) throws -> PlaygroundFrame {
        switch action {
        case "new": return try playground.create(settings: body.settings ?? PlaygroundSettings()).current()
        case "step":
            let epochs = body.epochs ?? 1
            guard (1...10_000).contains(epochs) else { throw LabError.badRequest("\"epochs\" wants 1 to 10000, got \(epochs)") }
            let budget = body.budgetMilliseconds ?? 1_000
            guard budget.isFinite, budget > 0, budget <= 5_000 else {
                throw LabError.badRequest("\"budgetMilliseconds\" wants a number above 0 and at most 5000")
            }
            return try playground.session(body.session).step(epochs: epochs, budget: budget / 1000)
        case "tune":
            guard let settings = body.settings else { throw LabError.badRequest("\"tune\" wants \"settings\" with the new rates") }
            return try playground.session(body.session).tune(settings: settings)
        case "reset":
            return try playground.session(body.session).reset(settings: body.settings ?? PlaygroundSettings(), useUploaded: body.uploaded ?? false)
        case "upload":
            guard let csv = body.csv else { throw LabError.badRequest("the upload has no \"csv\" text") }
            return try playground.session(body.session).upload(csv: csv, settings: body.settings ?? PlaygroundSettings())
        case "import":
            guard let text = body.safetensors, let data = Data(base64Encoded: text) else {
                throw LabError.badRequest("the import has no base64 \"safetensors\"")
            }
            return try playground.session(body.session).importModel(json: body.modelJSON, safetensors: data)
        default:
            throw LabError.badRequest("no playground action '\(action)' (new, step, tune, reset, upload, import)")
        }
    }

    private func asset(_ name: String) -> HTTPResponse {
        HTTPResponse(statusCode: .ok, headers: [.contentType: LabAssets.files[name]!, .cacheControl: "no-store"],
                     body: assets.contents[name]!)
    }

    /// `value` as a JSON response.
    static func json<T: Encodable>(_ value: T, status: HTTPStatusCode = .ok) throws -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: try encode(value))
    }

    /// `value` as JSON, non-finite numbers as the strings "NaN", "Infinity", "-Infinity" (a
    /// diverging network's loss), for responses and socket messages alike.
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(value)
    }

    static func json(_ value: [String: String], status: HTTPStatusCode) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "application/json"],
                     body: (try? JSONEncoder().encode(value)) ?? Data("{}".utf8))
    }
}
