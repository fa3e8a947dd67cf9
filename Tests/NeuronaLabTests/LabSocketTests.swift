import FlyingFox
import Foundation
@testable import NeuronaLab
import Testing
import _NeuronaTestSupport

/// The lab's two WebSockets, driven as FlyingFox drives them (a stream of the page's messages in,
/// the server's messages out), without a network: the playground's play loop and the live feed.
struct LabSocketTests {
    static let small: PlaygroundSettings = {
        var settings = PlaygroundSettings()
        settings.points = 60
        settings.hidden = [3]
        return settings
    }()

    /// The page's message `fields` with the current protocol version, as JSON text.
    static func message(_ fields: [String: Any]) throws -> WSMessage {
        var object = fields
        object["protocol"] = PlaygroundFrame.protocolVersion
        return .text(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
    }

    /// The server's next message as JSON.
    static func next(_ server: inout AsyncStream<WSMessage>.Iterator) async throws -> [String: Any] {
        guard case .text(let text)? = await server.next() else { throw LabError.badRequest("the socket ended") }
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func playingPushesAFrameEachTimeThePageTakesOneAndPauseSendsTheLast() async throws {
        let sessions = PlaygroundSessions()
        let session = try sessions.create(settings: Self.small)
        let (client, page) = AsyncStream<WSMessage>.makeStream()
        var server = try await PlaygroundSocket(sessions: sessions).makeMessages(for: client).makeAsyncIterator()
        page.yield(try Self.message(["action": "play", "session": session.id]))
        var messages = [try await Self.next(&server)]
        for _ in 0..<3 {
            page.yield(try Self.message(["action": "next"]))
            messages.append(try await Self.next(&server))
        }
        page.yield(try Self.message(["action": "pause"]))
        // Frames sent before the server read the pause come first; the last one says it stopped.
        while messages.last?["playing"] as? Bool == true { messages.append(try await Self.next(&server)) }
        let frames = try messages.map { try #require($0["frame"] as? [String: Any]) }
        let epochs = frames.map { $0["epoch"] as? Int ?? -1 }
        #expect(epochs.first ?? 0 >= 1)
        #expect(zip(epochs, epochs.dropFirst()).allSatisfy { $0 <= $1 })
        // No loss point is lost between frames: one per epoch, and the untrained network's.
        let points = frames.reduce(0) { $0 + (($1["history"] as? [Any])?.count ?? 0) }
        expectEqual(points, (epochs.last ?? 0) + 1)
        // Paused means paused: the session's next epoch follows the last frame's.
        try expectEqual(session.step(epochs: 1, budget: 1).epoch, (epochs.last ?? 0) + 1)
        page.finish()
    }

    @Test func aBadMessageIsAnsweredWithAnErrorAndTheSocketKeepsServing() async throws {
        let sessions = PlaygroundSessions()
        let session = try sessions.create(settings: Self.small)
        let (client, page) = AsyncStream<WSMessage>.makeStream()
        var server = try await PlaygroundSocket(sessions: sessions).makeMessages(for: client).makeAsyncIterator()
        page.yield(.text("{not json"))
        expectEqual((try await Self.next(&server)["error"] as? String)?.contains("protocol"), true)
        page.yield(.text(#"{"protocol": 0, "action": "play"}"#))
        expectEqual((try await Self.next(&server)["error"] as? String)?.contains("reload the page"), true)
        page.yield(try Self.message(["action": "play", "session": "no-such-session"]))
        expectEqual((try await Self.next(&server)["error"] as? String)?.contains("no-such-session"), true)
        page.yield(try Self.message(["action": "dance"]))
        expectEqual((try await Self.next(&server)["error"] as? String)?.contains("play, next or pause"), true)
        page.yield(try Self.message(["action": "play", "session": session.id]))
        let frame = try await Self.next(&server)
        #expect(frame["playing"] as? Bool == true && frame["error"] == nil)
        page.finish()
    }

    @Test func theLiveSocketPushesOnlyWhatIsNew() async throws {
        let feed = LiveFeed(title: "socket run")
        feed.begin()
        for step in 1...3 { feed.add(LiveFeed.Batch(step: step, epoch: 0, batch: step - 1, logs: ["loss": 1 / Double(step)])) }
        let (client, page) = AsyncStream<WSMessage>.makeStream()
        var server = try await LiveSocket(feed: feed).makeMessages(for: client).makeAsyncIterator()
        let first = try await Self.next(&server)
        expectEqual(first["title"] as? String, "socket run")
        expectEqual((first["batches"] as? [[String: Any]])?.compactMap { $0["step"] as? Int }, [1, 2, 3])
        feed.add(LiveFeed.Batch(step: 4, epoch: 0, batch: 3, logs: ["loss": 0.2]))
        feed.end()
        let second = try await Self.next(&server)
        expectEqual((second["batches"] as? [[String: Any]])?.compactMap { $0["step"] as? Int }, [4])
        #expect(second["running"] as? Bool == false && second["totalBatches"] as? Int == 4)
        page.finish()
    }
}
