import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NeuronaCore
@testable import NeuronaLab
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// LiveView on a real `fit`: what the page receives, and that watching changes no number.
struct LiveViewTests {
    static func model() throws -> Model {
        let model = Model(try Sequential([Dense(units: 4, activation: .tanh), Dense(units: 3)], inputShape: [2], seed: 5), seed: 5)
        model.compile(optimizer: Adam(learningRate: 0.01), loss: SparseCategoricalCrossentropy(fromLogits: true))
        return model
    }

    static let x = Tensor((0..<60).map { (i: Int) -> Double in Double(i % 7) - 3 + Double(i) / 100 }, shape: [30, 2], dtype: .float32)
    static let y = Tensor((0..<30).map { (i: Int) -> Double in Double(i % 3) }, shape: [30], dtype: .int64)

    @Test func thePageReceivesEveryBatchEpochAndLayer() async throws {
        let live = try await LiveView.start(port: 0, title: "test run", probe: (Self.x, Self.y),
                                examples: (Self.x.slice(axis: 0, start: 0, end: 2), Self.y.slice(axis: 0, start: 0, end: 2), ["a", "b", "c"]))
        defer { live.stop() }
        let watched = try Self.model()
        let history = try watched.fit(x: Self.x, y: Self.y, epochs: 3, batchSize: 10, callbacks: [live], verbose: .silent)
        let apiURL = URL(string: live.url.replacingOccurrences(of: "/live", with: "/api/live?since=0"))!
        let (data, _) = try await URLSession.shared.data(from: apiURL)
        let snapshot = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        expectEqual(snapshot["title"] as? String, "test run")
        expectEqual(snapshot["running"] as? Bool, false)
        let batches = try #require(snapshot["batches"] as? [[String: Any]])
        expectEqual(batches.count, 9)                          // 3 epochs × 30/10 batches
        expectEqual((batches.last?["learningRate"] as? Double), 0.01)
        let epochs = try #require(snapshot["epochs"] as? [[String: Any]])
        expectEqual(epochs.count, 3)
        expectEqual(((epochs.last?["logs"] as? [String: Double])?["loss"]), history["loss"].last)
        let layers = try #require(snapshot["layers"] as? [[String: Any]])
        expectEqual(layers.map { $0["name"] as? String }, ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"])
        #expect(layers.allSatisfy { ($0["gradientNorm"] as? Double ?? 0) > 0 })
        #expect(layers.allSatisfy { ($0["counts"] as? [Int])?.reduce(0, +) ?? 0 > 0 })
        expectEqual((snapshot["predictions"] as? [[String: Any]])?.count, 2)
        // Only newer batches when the page asks since a step.
        let since = URL(string: live.url.replacingOccurrences(of: "/live", with: "/api/live?since=7"))!
        let newer = try JSONSerialization.jsonObject(with: try await URLSession.shared.data(from: since).0) as? [String: Any]
        expectEqual((newer?["batches"] as? [[String: Any]])?.count, 2)

        // Watching changes nothing: the same run without the view has the same losses, bit for bit.
        let unwatched = try Self.model()
        let plain = try unwatched.fit(x: Self.x, y: Self.y, epochs: 3, batchSize: 10, verbose: .silent)
        expectEqual(plain["loss"], history["loss"])
    }

    @Test func aBusyPortIsAnErrorThatSaysSo() async throws {
        let first = try await LiveView.start(port: 0)
        defer { first.stop() }
        let port = UInt16(first.url.split(separator: ":").last!.split(separator: "/").first!)!
        await #expect(throws: LabError.self) { _ = try await LiveView.start(port: port) }
    }

    /// The synchronous initializer waits a bounded time for its server; a server that starts
    /// after it gave up is stopped on arrival instead of serving on, unseen.
    @Test func aServerThatStartsAfterTheWaitIsStopped() async throws {
        let inTime = StartOutcome()
        let kept = Task<Void, Never> { try? await Task.sleep(for: .seconds(60)) }
        inTime.deliver(.success((port: 1, serving: kept)))
        try expectEqual(inTime.take()?.get().port, 1)
        #expect(!kept.isCancelled)
        kept.cancel()

        let late = StartOutcome()
        #expect(late.take() == nil)                     // the initializer gives up
        let serving = Task<Void, Never> { try? await Task.sleep(for: .seconds(60)) }
        late.deliver(.success((port: 2, serving: serving)))
        #expect(serving.isCancelled)
    }
}
