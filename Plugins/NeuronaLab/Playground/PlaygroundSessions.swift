import Foundation

/// The playground sessions of every open page, at most ``capacity`` (the least recently used
/// goes first). Each session trains on its own; requests to one session run one at a time.
final class PlaygroundSessions: @unchecked Sendable {
    /// The most sessions kept at once.
    static let capacity = 16
    private let lock = NSLock()
    private var sessions: [String: PlaygroundSession] = [:]

    /// A new session training with `settings`.
    func create(settings: PlaygroundSettings) throws -> PlaygroundSession {
        let session = try PlaygroundSession(id: UUID().uuidString.lowercased(), settings: settings)
        lock.lock()
        defer { lock.unlock() }
        if sessions.count >= Self.capacity, let oldest = sessions.values.min(by: { $0.lastUsed < $1.lastUsed }) {
            sessions[oldest.id] = nil
        }
        sessions[session.id] = session
        return session
    }

    /// The session `id`.
    /// - Throws: ``LabError/unknownSession(_:)`` when it was never made or was dropped.
    func session(_ id: String?) throws -> PlaygroundSession {
        guard let id else { throw LabError.badRequest("the request names no session") }
        lock.lock()
        defer { lock.unlock() }
        guard let session = sessions[id] else { throw LabError.unknownSession(id) }
        return session
    }

    /// How many sessions are open.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return sessions.count
    }
}
