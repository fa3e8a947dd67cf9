import FlyingFox
import Foundation

/// The live view of a `fit` over a WebSocket (`/api/live/socket`): the server pushes what is new
/// (a ``LiveFeed/Snapshot`` with the batches the page has not had yet) at most every
/// ``interval``, and nothing while training stands still, instead of the page asking every half
/// second. `GET /api/live?since=` answers the same snapshot to tools that poll.
struct LiveSocket: WSMessageHandler {
    /// The least time between two messages: four a second keep the curve moving at a cost the
    /// training does not notice.
    static let interval = Duration.milliseconds(250)

    /// The run shown; nil when the lab runs alone (one empty snapshot is sent).
    let feed: LiveFeed?

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let (messages, output) = AsyncStream<WSMessage>.makeStream()
        let feed = self.feed
        let pushing = Task {
            guard let feed else {
                Self.send(LiveFeed.Snapshot.none, to: output)
                return
            }
            var since = 0, version: Int?
            while !Task.isCancelled {
                if let changes = feed.changes(since: since, after: version) {
                    Self.send(changes.snapshot, to: output)
                    version = changes.version
                    since = changes.snapshot.batches.last?.step ?? since
                }
                try? await Task.sleep(for: Self.interval)
            }
        }
        // The page sends nothing; its stream ends when it closes the socket.
        let reading = Task {
            for await _ in client {}
            pushing.cancel()
            output.finish()
        }
        output.onTermination = { _ in
            pushing.cancel()
            reading.cancel()
        }
        return messages
    }

    private static func send(_ snapshot: LiveFeed.Snapshot, to output: AsyncStream<WSMessage>.Continuation) {
        if let data = try? LabHandler.encode(snapshot) { output.yield(.text(String(decoding: data, as: UTF8.self))) }
    }
}
