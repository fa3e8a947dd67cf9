import Foundation
import NeuronaCore

/// `bench headline`: the table README quotes. Every figure is the median of `runs` runs, with
/// its smallest and largest, and every run measures Neurona and its peers one after the other
/// (interleaved), so that a slow minute on a shared machine hits all of them alike. Ratios are
/// taken within each run, then their median.
///
/// Each measurement is a fresh process. Neurona runs twice per run: from a **plain start** (no
/// `OPENBLAS_*` variable: what a user's machine does, and the headline) and with this process's
/// environment (under `make bench`, the Makefile's BLAS settings). The peers and the GEMM bound
/// start plain.
enum HeadlineBenchmark {
    /// The Fashion-MNIST folder the training workloads read (Debian's `dataset-fashion-mnist`).
    static let dataFolder = TrainingBenchmark.dataFolder

    /// One table row: how to read the figures of a run, and the target the issue set.
    struct Row {
        var label: String
        var unit: String
        var neurona: String          // key in a Neurona child's JSON
        var peer: String             // key in a peer's JSON
        var workload: String
        var target: String
    }

    static let rows = [
        Row(label: "XOR 2-2-1 step", unit: "µs", neurona: "us_per_step", peer: "us_per_step", workload: "xor",
            target: "≤ 0.1 × PyTorch"),
        Row(label: "MLP epoch (lecture 002, batch 32)", unit: "s", neurona: "seconds_per_epoch", peer: "seconds_per_epoch",
            workload: "fashion-mnist", target: "≤ 1.5 × GEMM bound"),
        Row(label: "CNN epoch (batch 64)", unit: "s", neurona: "seconds_per_epoch", peer: "seconds_per_epoch",
            workload: "cnn", target: "≤ 0.6 × PyTorch"),
        Row(label: "MLP peak memory", unit: "MB", neurona: "peak_rss_mb", peer: "peak_rss_mb", workload: "fashion-mnist",
            target: "≤ 0.3 × PyTorch"),
        Row(label: "CNN peak memory", unit: "MB", neurona: "peak_rss_mb", peer: "peak_rss_mb", workload: "cnn", target: ""),
        Row(label: "MLP test accuracy, 1 epoch", unit: "", neurona: "test_accuracy", peer: "test_accuracy",
            workload: "fashion-mnist", target: "same as peers"),
        Row(label: "CNN test accuracy, 1 epoch", unit: "", neurona: "test_accuracy", peer: "test_accuracy",
            workload: "cnn", target: "same as peers"),
    ]

    /// Who is measured, per workload, in a run: `neurona-plain`, `neurona-inherited`,
    /// `torch@1`, `torch@2`, `keras@1`, `keras@2` (a peer at 1 and at 2 intra-op threads),
    /// `gemm-plain`, `gemm-inherited`; each gives one JSON object (nil when unavailable).
    static func measure(_ workload: String, _ who: String) -> [String: Any]? {
        let epochs = "1"
        let script = workload.replacingOccurrences(of: "-", with: "_")
        let threads = who.split(separator: "@").dropFirst().first.map(String.init) ?? "1"
        switch (workload, who.split(separator: "@").first.map(String.init) ?? who) {
        case ("xor", "neurona-plain"): return ChildProcess.json(ChildProcess.bench, ["neurona-xor"], start: .plain)
        case ("xor", "neurona-inherited"): return ChildProcess.json(ChildProcess.bench, ["neurona-xor"])
        case ("xor", "torch"): return ChildProcess.peer("xor_torch.py", [threads], start: .plain)
        case ("xor", _): return nil
        case (_, "neurona-plain"): return TrainingBenchmark.neuronaInChild(workload, epochs: 1, start: .plain)
        case (_, "neurona-inherited"): return TrainingBenchmark.neuronaInChild(workload, epochs: 1)
        case (_, "torch"): return ChildProcess.peer("\(script)_torch.py", [dataFolder, epochs, threads], start: .plain)
        case (_, "keras"): return ChildProcess.peer("\(script)_keras.py", [dataFolder, epochs, threads], start: .plain)
        case (_, "gemm-plain"): return ChildProcess.json(ChildProcess.bench, ["gemm-bound", workload], start: .plain)
        case (_, "gemm-inherited"): return ChildProcess.json(ChildProcess.bench, ["gemm-bound", workload])
        default: return nil
        }
    }

    static let participants = ["neurona-plain", "torch@1", "torch@2", "keras@1", "keras@2", "gemm-plain", "neurona-inherited",
                               "gemm-inherited"]

    /// The thread counts each peer runs at in every run; the faster counts (its best setting).
    static let peerThreads = [1, 2]

    /// Each run's `torch` and `keras` entries: the faster of that run's `@1` and `@2` measurements
    /// (by time per step or per epoch), with the thread count that won under `threads`.
    static func fastestPeers(_ results: inout [String: [[String: Any]?]], workloads: [String], runs: Int) {
        for workload in workloads {
            for peer in ["torch", "keras"] {
                let settings = peerThreads.map { results["\(workload)/\(peer)@\($0)"] ?? [] }
                guard settings.contains(where: { !$0.isEmpty }) else { continue }
                results["\(workload)/\(peer)"] = (0..<runs).map { run in
                    let candidates = zip(peerThreads, settings).compactMap { threads, objects -> [String: Any]? in
                        guard run < objects.count, var object = objects[run],
                              object["seconds_per_epoch"] ?? object["us_per_step"] != nil else { return nil }
                        object["threads"] = Double(threads)
                        return object
                    }
                    func time(_ o: [String: Any]) -> Double { (o["seconds_per_epoch"] ?? o["us_per_step"]) as? Double ?? .infinity }
                    return candidates.min { time($0) < time($1) }
                }
            }
        }
    }

    /// Runs everything `runs` times and prints the table (and, with `json`, the medians).
    static func run(runs: Int, workloads: [String] = ["xor", "fashion-mnist", "cnn"], json: Bool) {
        var results: [String: [[String: Any]?]] = [:]   // "workload/who" → one object per run
        // A peer that is not installed is left out of every run (`make setup-bench` installs it).
        var unavailable: Set<String> = []
        for (peer, module) in [("torch", "torch"), ("keras", "keras")] where !Peers.installed(module) {
            unavailable.insert(peer)
            for threads in peerThreads { unavailable.insert("\(peer)@\(threads)") }
        }
        for run in 1...runs {
            FileHandle.standardError.write(Data("headline: run \(run) of \(runs)\n".utf8))
            for workload in workloads {
                for who in participants where !unavailable.contains(who) {
                    results["\(workload)/\(who)", default: []].append(measure(workload, who))
                }
            }
        }
        fastestPeers(&results, workloads: workloads, runs: runs)
        print(table(results, runs: runs, unavailable: unavailable))
        if json {
            var medians: [String: Double] = [:]
            for (key, objects) in results {
                var byField: [String: [Double]] = [:]
                for object in objects.compactMap({ $0 }) {
                    for (field, value) in object { if let number = value as? Double { byField[field, default: []].append(number) } }
                }
                for (field, values) in byField { medians["\(key)/\(field)"] = Spread(values).median }
            }
            let data = try! JSONSerialization.data(withJSONObject: medians, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }

    /// The values of `field` over the runs for `workload/who`.
    static func values(_ results: [String: [[String: Any]?]], _ workload: String, _ who: String, _ field: String) -> [Double] {
        (results["\(workload)/\(who)"] ?? []).compactMap { $0?[field] as? Double }
    }

    /// Per-run ratios of Neurona (plain start) to `other`'s figure, where both ran.
    static func ratios(_ results: [String: [[String: Any]?]], _ row: Row, to other: String, field: String,
                       neurona: String = "neurona-plain") -> Spread? {
        let ours = results["\(row.workload)/\(neurona)"] ?? [], theirs = results["\(row.workload)/\(other)"] ?? []
        let pairs = zip(ours, theirs).compactMap { a, b -> Double? in
            guard let x = a?[row.neurona] as? Double, let y = b?[field] as? Double, y > 0 else { return nil }
            return x / y
        }
        return pairs.isEmpty ? nil : Spread(pairs)
    }

    static func table(_ results: [String: [[String: Any]?]], runs: Int, unavailable: Set<String>) -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let cores = ProcessInfo.processInfo.activeProcessorCount
        func core(_ start: ChildProcess.Start) -> String {
            ChildProcess.json(ChildProcess.bench, ["gemm-bound", "none"], start: start)?["blas_core"] as? String ?? "?"
        }
        let coreNames = core(.plain), inheritedNames = core(.inherited)
        var lines = [
            "== headline: median (min–max) of \(runs) interleaved runs, each a fresh process; \(cpu), \(cores) cores",
            "   plain start: \(ChildProcess.Start.plain.blasSettings) (OpenBLAS \(coreNames)); Makefile column: \(ChildProcess.Start.inherited.blasSettings) (OpenBLAS \(inheritedNames))",
            "",
            "| workload | Neurona, plain start | Neurona, Makefile's settings | PyTorch | Keras | GEMM bound | Neurona / PyTorch | Neurona / Keras | Neurona / GEMM bound | target |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for row in rows where results.keys.contains(where: { $0.hasPrefix(row.workload + "/") }) {
            let unit = row.unit.isEmpty ? "" : " \(row.unit)"
            func cell(_ who: String, _ field: String) -> String {
                let v = values(results, row.workload, who, field)
                return v.isEmpty ? "n/a" : Spread(v).formatted() + unit
            }
            let isTime = row.neurona == "us_per_step" || row.neurona == "seconds_per_epoch"
            let gemm = isTime && row.workload != "xor" ? cell("gemm-plain", "seconds_per_epoch") : "–"
            let torch = unavailable.contains("torch") ? "not installed" : cell("torch", row.peer)
            let keras = row.workload == "xor" ? "–" : (unavailable.contains("keras") ? "not installed" : cell("keras", row.peer))
            let toTorch = ratios(results, row, to: "torch", field: row.peer)?.formatted() ?? "n/a"
            let toKeras = row.workload == "xor" ? "–" : (ratios(results, row, to: "keras", field: row.peer)?.formatted() ?? "n/a")
            let toGEMM = gemm == "–" ? "–" : (ratios(results, row, to: "gemm-plain", field: "seconds_per_epoch")?.formatted() ?? "n/a")
            lines.append("| \(row.label) | \(cell("neurona-plain", row.neurona)) | \(cell("neurona-inherited", row.neurona)) | "
                         + "\(torch) | \(keras) | \(gemm) | \(toTorch) | \(toKeras) | \(toGEMM) | \(row.target) |")
        }
        if let withSettings = ratios(results, rows[1], to: "gemm-inherited", field: "seconds_per_epoch", neurona: "neurona-inherited") {
            lines.append("")
            lines.append("MLP / GEMM bound with the Makefile's settings (both sides): \(withSettings.formatted())")
        }
        var winners: [String] = []
        for workload in ["xor", "fashion-mnist", "cnn"] {
            for peer in ["torch", "keras"] {
                let threads = values(results, workload, peer, "threads").map { String(Int($0)) }
                if !threads.isEmpty { winners.append("\(peer) \(workload): \(threads.joined(separator: "/"))") }
            }
        }
        lines.append("Peers at their best setting: each run measures PyTorch and Keras at \(peerThreads.map(String.init).joined(separator: " and ")) intra-op threads and counts the faster (threads that won, per run: \(winners.joined(separator: "; "))).")
        lines.append("GEMM bound: the workload's matrix products alone (im2col for convolutions), each timed with cblas_sgemm at its shape and Neurona's thread count.")
        return lines.joined(separator: "\n")
    }
}
