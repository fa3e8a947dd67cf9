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
        report.add("fit_view_seconds", "the same epoch, live view, no page open", live.viewOnly.median, unit: "s")
        report.add("fit_live_seconds", "the same epoch, live view + a page on its socket", live.with.median, unit: "s")
        report.add("live_view_alone_ratio", "ratio, view alone", live.viewOnly.median / live.without.median, unit: "×")
        report.add("live_view_ratio", "ratio, view + page (target ≤ \(liveViewTarget))", live.with.median / live.without.median, unit: "×")
        report.add("live_page_cpu", "  the page's CPU during the epoch", live.pageCPU.median, unit: "s")
        // Epoch times here fall in two modes about 25 % apart whatever the setting (thread placement
        // on a shared VM), so a median jumps between them; the ratio of means moves less.
        report.add("live_view_alone_mean_ratio", "ratio of means, view alone", live.meanRatio.viewOnly.ratio, unit: "×")
        report.add("live_view_mean_ratio", "ratio of means, view + page (target ≤ \(liveViewTarget))", live.meanRatio.with.ratio, unit: "×")
        report.notes.append("ratio of means ± its 95 % interval: view alone \(live.meanRatio.viewOnly.formatted()), "
                            + "view + page \(live.meanRatio.with.formatted())")
        // The CPU the three settings spend per epoch (this process's threads, plus the page's):
        // what the view costs in work, whatever the machine's noise does to the wall time.
        report.add("live_view_cpu_ratio", "CPU per epoch, view + page (the page's CPU included) against without",
                   live.cpuRatio.with.ratio, unit: "×")
        report.notes.append("CPU per epoch, ratio of means: view alone \(live.cpuRatio.viewOnly.formatted()), "
                            + "view + page \(live.cpuRatio.with.formatted())")
        report.notes.append("epochs: without \(live.without.formatted()) s, view alone \(live.viewOnly.formatted()) s, "
                            + "view + page \(live.with.formatted()) s; page CPU \(live.pageCPU.formatted()) s")
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

    /// Epoch times of lecture 002's MLP on Fashion-MNIST without the live view, with it and no
    /// page, and with it and a page on its socket, in interleaved triples (the order rotating) so
    /// that a change in the machine's load falls on all three; and the page's CPU seconds.
    static func liveViewOverhead(pairs: Int) throws -> (without: Spread, viewOnly: Spread, with: Spread, pageCPU: Spread,
                                                          meanRatio: (viewOnly: MeanRatio, with: MeanRatio),
                                                          cpuRatio: (viewOnly: MeanRatio, with: MeanRatio)) {
        var data = try MNISTFamily.fashionMNIST.load(from: URL(fileURLWithPath: TrainingBenchmark.dataFolder))
        data.trainImages /= 255
        let probe = (x: data.trainImages.slice(axis: 0, start: 0, end: 64), y: data.trainLabels.slice(axis: 0, start: 0, end: 64))
        enum Setting: CaseIterable { case without, viewOnly, withPage }
        var pageCPU: [Double] = []
        var cpu: [Setting: [Double]] = [:]
        func epoch(_ setting: Setting) throws -> Double {
            let network = try Sequential([Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)],
                                         inputShape: [28, 28], seed: 42)
            let model = Model(network, seed: 42)
            try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
            var callbacks: [Callback] = []
            var page: PageSocket?
            if setting != .without {
                let view = try LiveView(port: 0, title: "bench", probe: probe)
                callbacks.append(view)
                if setting == .withPage {
                    page = try PageSocket(url: URL(string: view.url.replacingOccurrences(of: "http://", with: "ws://")
                                                                .replacingOccurrences(of: "/live", with: "/api/live/socket"))!)
                }
            }
            defer { (callbacks.first as? LiveView)?.stop() }
            let cpuBefore = processCPUSeconds()
            let history = try model.fit(x: data.trainImages, y: data.trainLabels, epochs: 1, batchSize: 32,
                                        callbacks: callbacks, verbose: .silent)
            var cpuSpent = processCPUSeconds() - cpuBefore
            if let page {
                let (snapshots, seconds) = page.stop()
                guard snapshots >= 2 else {
                    throw TrainingError.invalidArgument("bench lab: the page's socket received \(snapshots) snapshots in an epoch")
                }
                pageCPU.append(seconds)
                cpuSpent += seconds
            }
            cpu[setting, default: []].append(cpuSpent)
            return history["seconds"][0]
        }
        _ = try epoch(.without)   // warm-up: the data in cache, OpenBLAS's threads started
        var times: [Setting: [Double]] = [:]
        for round in 0..<pairs {
            let order = Setting.allCases
            for k in 0..<order.count {
                let setting = order[(k + round) % order.count]
                times[setting, default: []].append(try epoch(setting))
            }
        }
        let without = times[.without] ?? []
        return (Spread(without), Spread(times[.viewOnly] ?? []), Spread(times[.withPage] ?? []), Spread(pageCPU),
                (MeanRatio(times[.viewOnly] ?? [], over: without), MeanRatio(times[.withPage] ?? [], over: without)),
                (MeanRatio(cpu[.viewOnly] ?? [], over: cpu[.without] ?? []), MeanRatio(cpu[.withPage] ?? [], over: cpu[.without] ?? [])))
    }

    /// The CPU seconds every thread of this process has used (the fit's, OpenBLAS's, the live
    /// view's server), which a machine's load changes far less than an epoch's wall time.
    static func processCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

/// The ratio of two samples' means, with its 95 % interval from their standard errors (the delta
/// method: the relative errors add in quadrature).
struct MeanRatio {
    let ratio: Double
    let halfWidth: Double

    init(_ values: [Double], over reference: [Double]) {
        func meanAndRelativeError(_ x: [Double]) -> (Double, Double) {
            let mean = x.reduce(0, +) / Double(x.count)
            let variance = x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(Swift.max(1, x.count - 1))
            return (mean, (variance / Double(x.count)).squareRoot() / mean)
        }
        let (a, ea) = meanAndRelativeError(values), (b, eb) = meanAndRelativeError(reference)
        ratio = a / b
        halfWidth = 1.96 * ratio * (ea * ea + eb * eb).squareRoot()
    }

    func formatted() -> String { String(format: "%.3f ± %.3f", ratio, halfWidth) }
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

    /// Closes the page; the number of snapshots it received and the CPU seconds it spent.
    func stop() -> (snapshots: Int, cpuSeconds: Double) {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        let text = String(decoding: (try? output.fileHandleForReading.readToEnd()) ?? Data(), as: UTF8.self)
        let fields = text.split(whereSeparator: \.isWhitespace)
        return (fields.first.flatMap { Int($0) } ?? 0, fields.dropFirst().first.flatMap { Double($0) } ?? .nan)
    }
}
