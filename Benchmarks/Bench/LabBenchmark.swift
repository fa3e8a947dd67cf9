import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NeuronaCore
import NeuronaData
import NeuronaLab
import NeuronaLayers
import NeuronaTraining

/// The lab's two speed promises: a `fit` with the live view attached (and its page polling, as
/// an open browser tab does) stays within 5 % of the same `fit` without it; and the playground's
/// page redraws at 60 updates per second (Benchmarks/Lab/playground_speed.py, in headless Chromium).
enum LabBenchmark {
    /// The overhead target of the live view, as a ratio of epoch times.
    static let liveViewTarget = 1.05
    /// The playground's target: the original redraws once per display refresh.
    static let updatesTarget = 60.0

    static func run(pairs: Int, labExecutable: URL?) throws -> Report {
        var report = Report(title: "lab: the live view's cost on a fit, and the playground page's updates per second")
        let live = try liveViewOverhead(pairs: pairs)
        report.add("fit_seconds", "Fashion-MNIST MLP epoch, no live view (median of \(pairs))", live.without.median, unit: "s")
        report.add("fit_live_seconds", "the same epoch, live view + a page polling every 0.5 s", live.with.median, unit: "s")
        report.add("live_view_ratio", "ratio (target ≤ \(liveViewTarget))", live.with.median / live.without.median, unit: "×")
        report.notes.append("epochs: without \(live.without.formatted()) s, with \(live.with.formatted()) s")
        if let lab = labExecutable {
            if let page = ChildProcess.json(URL(fileURLWithPath: "/usr/bin/env"),
                                            ["python3", Peers.folder.deletingLastPathComponent().appendingPathComponent("Lab/playground_speed.py").path,
                                             "--lab", lab.path]),
               let updates = page["updates_per_second"] as? Double, let epochs = page["epochs_per_second"] as? Double,
               let browser = page["browser_cpu_share"] as? Double, let server = page["server_cpu_share"] as? Double {
                report.add("playground_updates_per_second", "playground 6-8-8-1, 500 points: updates/s (target ≥ \(Int(updatesTarget)))",
                           updates, unit: "/s")
                report.add("playground_epochs_per_second", "  epochs trained per second", epochs, unit: "/s")
                report.add("playground_browser_cpu", "  browser CPU (share of one core)", browser, unit: "")
                report.add("playground_server_cpu", "  server CPU (share of one core)", server, unit: "")
            } else {
                report.notes.append("playground page: not measured (Benchmarks/Lab/playground_speed.py failed; it needs chromium, chromium-driver and selenium: make setup)")
            }
        } else {
            report.notes.append("playground page: not measured (build neurona-lab in release beside bench: swift build -c release --product neurona-lab)")
        }
        return report
    }

    /// Epoch times of lecture 002's MLP on Fashion-MNIST without and with the live view, in
    /// interleaved pairs (the order alternating) so that a change in the machine's load falls on both.
    static func liveViewOverhead(pairs: Int) throws -> (without: Spread, with: Spread) {
        var data = try MNISTFamily.fashionMNIST.load(from: URL(fileURLWithPath: TrainingBenchmark.dataFolder))
        data.trainImages /= 255
        let probe = (x: data.trainImages.slice(axis: 0, start: 0, end: 64), y: data.trainLabels.slice(axis: 0, start: 0, end: 64))
        func epoch(live: Bool) throws -> Double {
            let network = try Sequential([Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)],
                                         inputShape: [28, 28], seed: 42)
            let model = Model(network, seed: 42)
            try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
            var callbacks: [Callback] = []
            var poller: PagePoller?
            if live {
                let view = try LiveView(port: 0, title: "bench", probe: probe)
                callbacks.append(view)
                poller = PagePoller(url: URL(string: view.url.replacingOccurrences(of: "/live", with: "/api/live"))!)
            }
            defer { poller?.stop(); (callbacks.first as? LiveView)?.stop() }
            let history = try model.fit(x: data.trainImages, y: data.trainLabels, epochs: 1, batchSize: 32,
                                        callbacks: callbacks, verbose: .silent)
            return history["seconds"][0]
        }
        _ = try epoch(live: false)   // warm-up: the data in cache, OpenBLAS's threads started
        var without: [Double] = [], with: [Double] = []
        for pair in 0..<pairs {
            if pair % 2 == 0 {
                without.append(try epoch(live: false)); with.append(try epoch(live: true))
            } else {
                with.append(try epoch(live: true)); without.append(try epoch(live: false))
            }
        }
        return (Spread(without), Spread(with))
    }
}

/// What an open live page does while a `fit` runs: asks for the new batches every half second
/// (lab.js's `pollLive`), on a thread of its own.
private final class PagePoller: @unchecked Sendable {
    private let condition = NSCondition()
    private var isStopped = false
    private var since = 0

    init(url: URL) {
        Thread { [self] in poll(url) }.start()
    }

    private func poll(_ url: URL) {
        let session = URLSession(configuration: .ephemeral)
        defer { session.invalidateAndCancel() }
        while true {
            condition.lock()
            let stop = isStopped
            condition.unlock()
            if stop { return }
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false)!
            components.queryItems = [URLQueryItem(name: "since", value: String(since))]
            let answered = DispatchSemaphore(value: 0)
            session.dataTask(with: components.url!) { [self] data, _, _ in
                if let data, let snapshot = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                   let batches = snapshot["batches"] as? [[String: Any]], let last = batches.last?["step"] as? Int {
                    since = last
                }
                answered.signal()
            }.resume()
            answered.wait()
            condition.lock()
            if !isStopped { _ = condition.wait(until: Date().addingTimeInterval(0.5)) }
            condition.unlock()
        }
    }

    func stop() {
        condition.lock()
        isStopped = true
        condition.broadcast()
        condition.unlock()
    }
}
