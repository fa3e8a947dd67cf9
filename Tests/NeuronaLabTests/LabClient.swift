import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NeuronaLab

/// A lab server on a free loopback port for one test, and requests to it as the page sends them.
final class LabClient {
    let server: LabServer
    let base: String
    private let serving: Task<Void, Never>

    init(graphs: [ComputationGraphPicture] = []) async throws {
        server = try LabServer(host: "127.0.0.1", port: 0, graphs: graphs)
        let server = self.server
        let (port, serving) = try await server.start()
        self.serving = serving
        base = "http://127.0.0.1:\(port)"
    }

    deinit { serving.cancel() }

    /// The status and body of a request.
    func request(_ method: String, _ path: String, body: Data? = nil) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as! HTTPURLResponse).statusCode, data)
    }

    /// A playground action with `fields` beside the current protocol version; the JSON answer.
    func post(_ action: String, _ fields: [String: Any], protocolVersion: Int? = PlaygroundFrame.protocolVersion) async throws
        -> (status: Int, json: [String: Any]) {
        var object = fields
        if let protocolVersion { object["protocol"] = protocolVersion }
        let (status, data) = try await request("POST", "/api/playground/" + action, body: try JSONSerialization.data(withJSONObject: object))
        return (status, (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
    }
}

extension Dictionary where Key == String, Value == Any {
    /// `measurement.<key>` of a frame.
    func measured(_ key: String) -> Double? { (self["measurement"] as? [String: Any])?[key] as? Double }
}
