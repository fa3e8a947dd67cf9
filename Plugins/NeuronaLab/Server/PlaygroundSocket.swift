import FlyingFox
import Foundation

/// The playground's play loop over a WebSocket (`/api/playground/socket`): the server trains
/// without stopping and pushes a frame whenever the page is ready for one, instead of the page
/// asking for each step over HTTP.
///
/// The page sends JSON text messages, each with its `protocol` version and an `action`:
/// - `play` (with `session`): train that session's network epoch after epoch;
/// - `next`: the page has taken the last frame and can take another (one frame is in flight at
///   most, so a slow page gets fewer frames, never a queue of stale ones; the training goes on);
/// - `pause`: stop training; the server answers with a last frame, marked `"playing": false`,
///   holding every epoch trained.
///
/// The server sends ``Message``s: a frame while playing, the last frame after a pause, or an
/// error (a bad message, an unknown session), after which it stops playing and keeps the socket.
struct PlaygroundSocket: WSMessageHandler {
    /// What the server sends.
    struct Message: Encodable {
        /// The network now, with the loss points trained since the previous message.
        var frame: PlaygroundFrame?
        /// Whether the server is still training (false in the answer to `pause`).
        var playing: Bool
        /// What went wrong, shown on the page.
        var error: String?
    }

    /// Seconds the server trains on while the page takes no frame.
    static let patience: TimeInterval = 0.5

    let sessions: PlaygroundSessions

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let (messages, output) = AsyncStream<WSMessage>.makeStream()
        let player = Player(sessions: sessions, output: output)
        let reading = Task {
            for await message in client {
                guard case .text(let text) = message else {
                    if case .close = message { break }
                    player.send(Message(playing: false, error: LabError.badRequest("the playground socket reads JSON text messages").description))
                    continue
                }
                await player.receive(text)
            }
            await player.close()
            output.finish()
        }
        output.onTermination = { _ in reading.cancel() }
        return messages
    }
}

extension PlaygroundSocket {
    /// One socket's state: the session it plays, whether the page wants a frame, and the training task.
    actor Player {
        private let sessions: PlaygroundSessions
        private let output: AsyncStream<WSMessage>.Continuation
        private var training: Task<Void, Never>?
        private var session: PlaygroundSession?
        /// Set by `next`, cleared when a frame leaves.
        private var pageIsReady = false
        private var stopRequested = false

        init(sessions: PlaygroundSessions, output: AsyncStream<WSMessage>.Continuation) {
            self.sessions = sessions
            self.output = output
        }

        /// Acts on one message from the page.
        func receive(_ text: String) async {
            let request: LabRequest
            do { request = try LabRequest.decode(Data(text.utf8)) } catch {
                await stop(sendingLastFrame: false)
                send(Message(playing: false, error: "\(error)"))
                return
            }
            switch request.action {
            case "play":
                do {
                    let session = try sessions.session(request.session)
                    await stop(sendingLastFrame: false)
                    play(session)
                } catch {
                    send(Message(playing: false, error: "\(error)"))
                }
            case "next": pageIsReady = true
            case "pause": await stop(sendingLastFrame: true)
            default:
                await stop(sendingLastFrame: false)
                send(Message(playing: false, error: LabError.badRequest(
                    "the playground socket's \"action\" is play, next or pause, not '\(request.action ?? "none")'").description))
            }
        }

        /// Stops training when the page goes away.
        func close() async { await stop(sendingLastFrame: false) }

        nonisolated func send(_ message: Message) {
            do { output.yield(.text(String(decoding: try LabHandler.encode(message), as: UTF8.self))) } catch {
                output.yield(.text("{\"playing\":false,\"error\":\"the frame cannot be written as JSON: \(error)\"}"))
            }
        }

        private func play(_ session: PlaygroundSession) {
            self.session = session
            pageIsReady = true
            stopRequested = false
            training = Task { await trainUntilStopped(session) }
        }

        /// Trains an epoch at a time; between epochs, sends a frame if the page is ready for one.
        /// A page that takes no frame for ``patience`` seconds (a hidden tab paints none) gets no
        /// more training until it asks: the original trains on the display's refreshes, so it
        /// stops there too.
        private func trainUntilStopped(_ session: PlaygroundSession) async {
            var lastSent = Date(), epochs = 0, seconds = 0.0
            while !stopRequested && !Task.isCancelled {
                if !pageIsReady && Date().timeIntervalSince(lastSent) > PlaygroundSocket.patience {
                    try? await Task.sleep(for: .milliseconds(10))
                    continue
                }
                let start = Date()
                do { try session.trainEpoch() } catch {
                    stopRequested = true
                    send(Message(playing: false, error: "\(error)"))
                    return
                }
                seconds += Date().timeIntervalSince(start)
                epochs += 1
                if pageIsReady {
                    pageIsReady = false
                    send(Message(frame: session.frame(epochsPerSecond: Double(epochs) / seconds), playing: true))
                    lastSent = Date()
                    epochs = 0
                    seconds = 0
                }
                // Lets this actor read the page's messages between epochs.
                await Task.yield()
            }
        }

        private func stop(sendingLastFrame: Bool) async {
            stopRequested = true
            await training?.value
            training = nil
            if sendingLastFrame {
                guard let session else {
                    send(Message(playing: false, error: LabError.badRequest("pause before play").description))
                    return
                }
                send(Message(frame: session.frame(epochsPerSecond: nil), playing: false))
            }
        }
    }
}
