import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaTraining

/// A `fit` callback that shows the run live in the browser: every batch's loss and metrics,
/// each epoch's logs, the learning rate, each layer's gradient norm and weight histogram, and
/// for image models a few examples with the model's guess.
///
/// It serves the lab's page on `host`:`port` (loopback by default) from a background task
/// while training runs; open the printed address.
///
/// ```swift
/// let live = try LiveView(port: 8081, probe: (xTrain.slice(axis: 0, start: 0, end: 64), yTrain.slice(axis: 0, start: 0, end: 64)))
/// try model.fit(x: xTrain, y: yTrain, epochs: 5, callbacks: [live])
/// ```
///
/// The per-batch work is an append under a lock; the layer statistics (one extra forward and
/// backward pass on the small `probe` batch, a histogram per weight) run at most every
/// `statisticsInterval` seconds, so training keeps its speed.
public final class LiveView: Callback {
    /// The page's address (`http://127.0.0.1:8081/live`).
    public let url: String
    /// Examples for the gradient norms: each layer's gradient on this batch, at the current weights.
    public let probe: (x: Tensor, y: Tensor)?
    /// Images shown with the model's guess after each epoch, their labels and the class names.
    public let examples: (images: Tensor, labels: Tensor, classNames: [String])?
    /// The least time between two computations of the layer statistics.
    public let statisticsInterval: TimeInterval
    let feed: LiveFeed
    private let server: LabServer
    private let serving: Task<Void, Never>
    private var epoch = 0
    private var step = 0
    private var lastStatistics = Date.distantPast

    /// Starts serving the live page, waiting (at most ``LabServer/listeningTimeout`` seconds) until it listens: for programs that
    /// are not async (inside async code, use ``start(port:host:title:probe:examples:statisticsInterval:)``,
    /// which does not block a thread).
    /// - Parameters:
    ///   - port: The TCP port (0: any free one; ``url`` tells which).
    ///   - host: The address to listen on; only loopback (the default) keeps the page to this machine.
    ///   - title: The run's name on the page.
    ///   - probe: A small batch (inputs, targets) for the gradient norms; without it they are not shown.
    ///   - examples: A few images (batch first), their class indices and the class names, for image models.
    ///   - statisticsInterval: Seconds between two computations of the layer statistics.
    /// - Throws: ``LabError/invalidSetting(name:message:)`` for a bad host or a port that cannot be opened.
    public convenience init(port: UInt16 = 8081, host: String = "127.0.0.1", title: String = "fit",
                            probe: (x: Tensor, y: Tensor)? = nil, examples: (images: Tensor, labels: Tensor, classNames: [String])? = nil,
                            statisticsInterval: TimeInterval = 0.5) throws {
        let feed = LiveFeed(title: title)
        let server = try LabServer(host: host, port: port, liveFeed: feed)
        let ready = DispatchSemaphore(value: 0)
        let outcome = StartOutcome()
        Task.detached {
            let result: Result<(port: UInt16, serving: Task<Void, Never>), any Error>
            do { result = .success(try await server.start()) } catch { result = .failure(error) }
            outcome.deliver(result)
            ready.signal()
        }
        let answered = ready.wait(timeout: .now() + LabServer.listeningTimeout + 1) == .success
        let started: (port: UInt16, serving: Task<Void, Never>)
        do {
            // Past the wait, a start that comes later is stopped at once rather than left serving.
            guard answered, let result = outcome.take() else { throw LabError.badRequest("no answer within \(LabServer.listeningTimeout) s") }
            started = try result.get()
        } catch {
            throw LabError.invalidSetting(name: "port", message: "the live view cannot listen on \(host):\(port): \(error)")
        }
        let (actual, serving) = started
        self.init(feed: feed, server: server, serving: serving, url: "http://\(host):\(actual)/live", probe: probe, examples: examples,
                  statisticsInterval: statisticsInterval)
    }

    /// Starts serving the live page from async code, once it listens.
    /// - Parameters:
    ///   - port: The TCP port (0: any free one; ``url`` tells which).
    ///   - host: The address to listen on; only loopback (the default) keeps the page to this machine.
    ///   - title: The run's name on the page.
    ///   - probe: A small batch (inputs, targets) for the gradient norms; without it they are not shown.
    ///   - examples: A few images (batch first), their class indices and the class names, for image models.
    ///   - statisticsInterval: Seconds between two computations of the layer statistics.
    /// - Returns: The callback, its page listening.
    /// - Throws: ``LabError/invalidSetting(name:message:)`` for a bad host or a port that cannot be opened.
    public static func start(port: UInt16 = 8081, host: String = "127.0.0.1", title: String = "fit",
                             probe: (x: Tensor, y: Tensor)? = nil, examples: (images: Tensor, labels: Tensor, classNames: [String])? = nil,
                             statisticsInterval: TimeInterval = 0.5) async throws -> LiveView {
        let feed = LiveFeed(title: title)
        let server = try LabServer(host: host, port: port, liveFeed: feed)
        let actual: UInt16, serving: Task<Void, Never>
        do { (actual, serving) = try await server.start() } catch {
            throw LabError.invalidSetting(name: "port", message: "the live view cannot listen on \(host):\(port): \(error)")
        }
        return LiveView(feed: feed, server: server, serving: serving, url: "http://\(host):\(actual)/live", probe: probe,
                        examples: examples, statisticsInterval: statisticsInterval)
    }

    private init(feed: LiveFeed, server: LabServer, serving: Task<Void, Never>, url: String, probe: (x: Tensor, y: Tensor)?,
                 examples: (images: Tensor, labels: Tensor, classNames: [String])?, statisticsInterval: TimeInterval) {
        self.feed = feed
        self.server = server
        self.serving = serving
        self.url = url
        self.probe = probe
        self.examples = examples
        self.statisticsInterval = statisticsInterval
    }

    deinit { serving.cancel() }

    /// Stops serving the page.
    public func stop() { serving.cancel() }

    /// Starts a new run on the page.
    override public func onTrainBegin(logs: [String: Double]) throws { feed.begin() }

    /// Notes the epoch the next batches belong to.
    override public func onEpochBegin(_ epoch: Int, logs: [String: Double]) throws { self.epoch = epoch }

    /// Sends the batch's logs and learning rate; every `statisticsInterval`, the layers' statistics.
    override public func onBatchEnd(_ batch: Int, logs: [String: Double]) throws {
        step += 1
        feed.add(LiveFeed.Batch(step: step, epoch: epoch, batch: batch, logs: logs, learningRate: model.optimizer?.learningRate))
        if Date().timeIntervalSince(lastStatistics) >= statisticsInterval {
            try updateStatistics(model)
        }
    }

    /// Sends the epoch's logs, the layers' statistics and the example predictions.
    override public func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws {
        feed.add(LiveFeed.Epoch(epoch: epoch, logs: logs))
        try updateStatistics(model)
        try updatePredictions(model)
    }

    /// Marks the run finished on the page.
    override public func onTrainEnd(logs: [String: Double]) throws { feed.end() }

    /// The gradient norm on the probe batch and a 20-bin histogram of each weight.
    private func updateStatistics(_ model: Model) throws {
        lastStatistics = Date()
        let parameters = model.network.namedParameters()
        var norms: [String: Double] = [:]
        if let probe, let loss = model.loss {
            // Inference mode: the probe must not draw from dropout's generator (the run's numbers stay the same).
            let training = model.network.isTraining
            model.network.isTraining = false
            defer { model.network.isTraining = training }
            let value = loss(model.network(Variable(probe.x)), probe.y)
            let grads = try gradients(of: value, withRespectTo: parameters.map(\.variable))
            for (p, g) in zip(parameters, grads) { norms[p.name] = g.value.doubles.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        }
        feed.set(layers: parameters.map { p in
            let values = p.variable.value.doubles
            let low = values.min() ?? 0, high = values.max() ?? 0
            var counts = [Int](repeating: 0, count: 20)
            let width = (high - low) / 20
            for v in values { counts[width > 0 ? Swift.min(19, Int((v - low) / width)) : 0] += 1 }
            return LiveFeed.LayerStatistics(name: p.name, gradientNorm: norms[p.name], low: low, high: high, counts: counts)
        })
    }

    /// The examples with the model's guess, as grayscale pictures.
    private func updatePredictions(_ model: Model) throws {
        guard let examples, examples.images.rank >= 2 else { return }
        let n = examples.images.shape[0]
        let scores = try model.predict(examples.images)
        let classes = scores.shape.last ?? 1
        let s = scores.doubles, labels = examples.labels.doubles
        let pixelsPer = examples.images.count / Swift.max(1, n)
        let height = examples.images.rank >= 3 ? examples.images.shape[examples.images.rank - 2] : Int(Double(pixelsPer).squareRoot())
        let width = pixelsPer / Swift.max(1, height)
        let all = examples.images.doubles
        func name(_ k: Int) -> String { k < examples.classNames.count ? examples.classNames[k] : String(k) }
        feed.set(predictions: (0..<n).map { i in
            let row = s[(i * classes)..<((i + 1) * classes)]
            let guess = row.indices.max { row[$0] < row[$1] }.map { $0 - i * classes } ?? 0
            let image = all[(i * pixelsPer)..<((i + 1) * pixelsPer)]
            let low = image.min() ?? 0, high = image.max() ?? 1
            let bytes = image.map { UInt8(high > low ? (($0 - low) / (high - low) * 255).rounded() : 0) }
            return LiveFeed.Prediction(pixels: Data(bytes).base64EncodedString(), width: width, height: height,
                                       predicted: name(guess), actual: name(Int(labels[i])))
        })
    }
}

/// The synchronous ``LiveView/init(port:host:title:probe:examples:statisticsInterval:)``'s
/// hand-over from the task that starts the server: the result if it came in time; once the
/// initializer has given up, a server that starts anyway is stopped on arrival.
final class StartOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<(port: UInt16, serving: Task<Void, Never>), any Error>?
    private var abandoned = false

    /// Hands over the start's result, or stops the server when nobody waits for it any more.
    func deliver(_ started: Result<(port: UInt16, serving: Task<Void, Never>), any Error>) {
        lock.lock()
        defer { lock.unlock() }
        if abandoned, case .success(let server) = started { server.serving.cancel() }
        result = started
    }

    /// The result, if it has come; either way, a result that comes after this is not waited for.
    func take() -> Result<(port: UInt16, serving: Task<Void, Never>), any Error>? {
        lock.lock()
        defer { lock.unlock() }
        abandoned = true
        return result
    }
}
