import FlyingFox
import FlyingSocks
import Foundation

/// FlyingFox's socket pool, with Nagle's algorithm turned off on every socket it waits for.
///
/// FlyingFox writes a response's head and body in two writes. On a kept-alive connection (every
/// browser's), Nagle's algorithm holds the body until the head is acknowledged, and the browser
/// delays that acknowledgement by 40 ms: measured here, 56–60 ms per playground step against
/// 16 ms on a fresh connection, and 11 page updates per second where the playground wants 60.
/// FlyingFox sets no `TCP_NODELAY` and lets no one reach the sockets it accepts, except through
/// the pool, which sees each connection the first time a read or write on it would block: on a
/// kept-alive connection, at the latest while it waits for its second request.
struct NoDelaySocketPool<Pool: AsyncSocketPool>: AsyncSocketPool {
    let pool: Pool

    func prepare() async throws { try await pool.prepare() }

    func run() async throws { try await pool.run() }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        // Fails harmlessly on the listening socket's first wait, before any connection: ignored.
        try? socket.setValue(true, for: BoolSocketOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY))
        try await pool.suspendSocket(socket, untilReadyFor: events)
    }
}
