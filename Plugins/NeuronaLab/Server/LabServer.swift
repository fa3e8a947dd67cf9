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
/// let (port, serving) = try await server.start()   // listening on `port` until `serving` is cancelled
/// ```
public final class LabServer: @unchecked Sendable {
    /// The address it listens on.
    public let host: String
    /// The port asked for (0: any free port; ``start(timeout:)`` says which).
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


    /// How long ``start(timeout:)`` waits by default, in seconds.
    public static let listeningTimeout: TimeInterval = 30

    /// Starts serving in a task of its own and returns once the server listens, or at once with the
    /// socket's error when the port cannot be opened.
    /// - Parameter timeout: Seconds to wait for the socket to open: serving needs one of Swift's
    ///   cooperative threads, which a busy program may hold for a while.
    /// - Returns: The port it listens on, and the serving task: cancel it (or call ``stop()``) to stop.
    /// - Throws: The socket's error, or ``LabError/badRequest(_:)`` when it did not listen within `timeout`.
    public func start(timeout: TimeInterval = LabServer.listeningTimeout) async throws -> (port: UInt16, serving: Task<Void, Never>) {
        let failure = ServingFailure()
        let serving = Task.detached { do { try await self.server.run() } catch { failure.record(error) } }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let port = await listeningAddressPort() { return (port, serving) }
            if let error = failure.error { throw error }
            if Date() > deadline {
                serving.cancel()
                throw LabError.badRequest("the server did not listen on \(host):\(port) within \(timeout) s")
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    private func listeningAddressPort() async -> UInt16? {
        switch await server.listeningAddress {
        case .ip4(_, let port)?, .ip6(_, let port)?: return port
        default: return nil
        }
    }

    /// Stops listening and closes the connections.
    public func stop() async {
        await server.stop(timeout: 1)
    }
}

/// The error that ended a server's serving task before it listened (the port in use, not allowed).
private final class ServingFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: (any Error)?

    var error: (any Error)? { lock.withLock { recorded } }

    func record(_ error: any Error) { lock.withLock { recorded = error } }
}
