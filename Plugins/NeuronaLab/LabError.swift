/// What the lab refuses, saying what and where: a setting out of range, a malformed upload, a
/// request from a page of another version. The server sends it to the page as
/// `{"error": description}` with a 4xx status and keeps serving.
public enum LabError: Error, Equatable, CustomStringConvertible {
    /// A playground setting that is unknown, not finite or out of its range.
    case invalidSetting(name: String, message: String)
    /// Uploaded data that cannot be read (a CSV line, a model file).
    case badUpload(what: String, message: String)
    /// A request from a page speaking another version of the lab's protocol.
    case oldPage(pageProtocol: Int?, serverProtocol: Int)
    /// A request naming a playground session the server does not hold (expired or never made).
    case unknownSession(String)
    /// A request that is not what the endpoint reads (bad JSON, a missing field).
    case badRequest(String)

    /// The message shown on the page.
    public var description: String {
        switch self {
        case .invalidSetting(let name, let message): return "setting '\(name)': \(message)"
        case .badUpload(let what, let message): return "\(what): \(message)"
        case .oldPage(let page, let server):
            return "this page speaks version \(page.map(String.init) ?? "none") of the lab's protocol and the server speaks \(server): reload the page"
        case .unknownSession(let id): return "no playground session '\(id)' (the server restarted or dropped it): press reset"
        case .badRequest(let message): return "bad request: \(message)"
        }
    }
}
