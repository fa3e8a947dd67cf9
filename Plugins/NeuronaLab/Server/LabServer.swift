import FlyingFox
import Foundation

/// The lab's web server: the playground page and its training, the pictures of computation
/// graphs, and the live view of a `fit` when a ``LiveView`` runs it.
///
/// It listens on loopback (`127.0.0.1`) unless given another host, serves only its own page
/// files, and answers every bad request with `{"error": …}` and a 4xx status, never stopping.
///
/// ```swift
/// let server = try LabServer(port: 8080)
/// try await server.run()      // until the task is cancelled
/// ```
public final class LabServer: @unchecked Sendable {
    /// The address it listens on.
    public let host: String
    /// The port asked for (0: any free port; see ``listeningPort()``).
    public let port: UInt16
    /// The live `fit` it shows, if any.
    let liveFeed: LiveFeed?
    private let handler: LabHandler
    private let server: HTTPServer

    /// A server for `host`:`port` (not yet listening).
    /// - Parameters:
    ///   - host: An IPv4 address; `127.0.0.1` (the default) answers this machine only.
    ///   - port: The TCP port, or 0 for any free one.
    ///   - graphs: Computation graphs shown on the page's graph tab.
    /// - Throws: ``LabError/invalidSetting(name:message:)`` for a host that is not an IPv4 address.
    public convenience init(host: String = "127.0.0.1", port: UInt16 = 8080, graphs: [ComputationGraphPicture] = []) throws {
        try self.init(host: host, port: port, liveFeed: nil, graphs: graphs)
    }

    init(host: String, port: UInt16, liveFeed: LiveFeed?, graphs: [ComputationGraphPicture] = []) throws {
        self.host = host
        self.port = port
        self.liveFeed = liveFeed
        let address: sockaddr_in
        do { address = try .inet(ip4: host, port: port) } catch {
            throw LabError.invalidSetting(name: "host", message: "'\(host)' is not an IPv4 address such as 127.0.0.1")
        }
        handler = LabHandler(assets: try LabAssets(), liveFeed: liveFeed, graphs: graphs)
        server = HTTPServer(address: address, timeout: 60, pool: NoDelaySocketPool(pool: HTTPServer.defaultPool()), logger: .disabled,
                            handler: handler)
    }

    /// Whether `host` answers this machine only.
    public static func isLoopback(_ host: String) -> Bool { host.hasPrefix("127.") }

    /// Serves until the task is cancelled.
    /// - Throws: The socket's error when the port cannot be opened (in use, not allowed).
    public func run() async throws {
        try await server.run()
    }

    /// The port it listens on, once listening (waits up to 5 s).
    /// - Throws: When it did not start listening.
    public func listeningPort() async throws -> UInt16 {
        try await server.waitUntilListening()
        switch await server.listeningAddress {
        case .ip4(_, let port)?, .ip6(_, let port)?: return port
        default: throw LabError.badRequest("the server is not listening on an IP address")
        }
    }

    /// Stops listening and closes the connections.
    public func stop() async {
        await server.stop(timeout: 1)
    }
}
