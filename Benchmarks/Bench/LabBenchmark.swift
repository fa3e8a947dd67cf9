import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NeuronaCore
import NeuronaData
import NeuronaLab
import NeuronaLayers
import NeuronaTraining

/// The lab's two speed promises: a `fit` with the live view attached (and a page holding its
/// socket, as an open browser tab does) stays within 5 % of the same `fit` without it; and the playground's
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
        report.add("fit_live_seconds", "the same epoch, live view + a page on its socket", live.with.median, unit: "s")
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
            var page: PageSocket?
            if live {
                let view = try LiveView(port: 0, title: "bench", probe: probe)
                callbacks.append(view)
                page = try PageSocket(url: URL(string: view.url.replacingOccurrences(of: "http://", with: "ws://")
                                                            .replacingOccurrences(of: "/live", with: "/api/live/socket"))!)
            }
            defer { (callbacks.first as? LiveView)?.stop() }
            let history = try model.fit(x: data.trainImages, y: data.trainLabels, epochs: 1, batchSize: 32,
                                        callbacks: callbacks, verbose: .silent)
            if let page {
                let snapshots = page.stop()
                guard snapshots >= 2 else {
                    throw TrainingError.invalidArgument("bench lab: the page's socket received \(snapshots) snapshots in an epoch")
                }
            }
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

/// What an open live page does while a `fit` runs: Benchmarks/Lab/live_page.py holds the live
/// socket (`/api/live/socket`, lab.js's `openLive`) and decodes every snapshot the server pushes.
/// (Foundation's WebSocket client needs a libcurl built with WebSockets, which Debian's is not.)
private final class PageSocket {
    private let process = Process()
    private let input = Pipe(), output = Pipe()

    init(url: URL) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Peers.folder.deletingLastPathComponent().appendingPathComponent("Lab/live_page.py").path,
                             url.absoluteString]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Open before the epoch starts, as a page is: its first line says the socket is open.
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line += byte
        }
        guard String(decoding: line, as: UTF8.self) == "connected" else {
            throw TrainingError.invalidArgument("bench lab: Benchmarks/Lab/live_page.py did not connect to \(url)")
        }
    }

    /// Closes the page; the number of snapshots it received.
    func stop() -> Int {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        let text = String(decoding: (try? output.fileHandleForReading.readToEnd()) ?? Data(), as: UTF8.self)
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
}
