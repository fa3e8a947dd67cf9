import Foundation
import NeuronaCore
import NeuronaData
import NeuronaDistributed
import NeuronaLayers
import NeuronaTraining

/// Data-parallel scaling: examples per second of the MLP (global batch 32) and the CNN (global
/// batch 64), every configuration run once per round and the rounds interleaved (a machine whose
/// load drifts shifts every configuration alike), each figure the median of the rounds with
/// their smallest and largest:
///
/// - Neurona: 1 process on 1 core, 1 process on 2 threads, 2 ranks on 1 core each
///   (`mpirun -np 2 --bind-to core`, shared memory), and 2 ranks on two "hosts" (network
///   namespaces joined by a veth pair, Open MPI over TCP: `Benchmarks/scaling-hosts.sh`), on the
///   bare link and on the link limited to a network's bandwidth and latency;
/// - PyTorch at the same per-rank threads: 1 process on 1 thread, DistributedDataParallel
///   (gloo) on 2 ranks of 1 thread each, locally and across the limited link.
///
/// Then a model on paper, from the medians: an epoch on `N` hosts takes `T₁/N + steps·c(N)`,
/// `T₁` the 1-core epoch and `c(N)` one step's gradient allreduce, `c(N) = 2(N−1)/N · (c₀ + S/B)`
/// (a ring allreduce of `S` gradient bytes: each host sends and receives `2(N−1)/N · S`),
/// with `c₀` the allreduce measured on the bare link and `B` the limit's bandwidth. Its
/// prediction for 2 hosts on the limited link is checked against that run, and its speed-ups for
/// 4 to 16 hosts are printed.
enum ScalingBenchmark {
    /// Training examples per timed epoch (400 global batches of the MLP, 50 of the CNN): a
    /// bench run stays within minutes on 2 shared cores, PyTorch included.
    static func examples(_ kind: String) -> Int { kind == "mlp" ? 12_800 : 3_200 }

    /// The global batch of each model.
    static func batchSize(_ kind: String) -> Int { kind == "mlp" ? 32 : 64 }

    /// The limited link of the two-host runs: a gigabit network with 0.2 ms each way.
    static let linkRate = "1gbit", linkDelay = "200us"
    /// `linkRate` in bytes per second, `linkDelay` in seconds.
    static let linkBytesPerSecond = 1e9 / 8, linkDelaySeconds = 200e-6

    /// One worker's measurement (`bench scaling-worker`): two epochs on the first `examples`
    /// images, the second timed; rank 0 prints one JSON object.
    static func worker(kind: String, examples: Int) throws -> [String: Double]? {
        let world = try Distributed.initialize()
        let data = try MNISTFamily.fashionMNIST.load(from: URL(fileURLWithPath: TrainingBenchmark.dataFolder))
        let x = data.trainImages.slice(axis: 0, start: 0, end: examples) / 255
        let y = data.trainLabels.slice(axis: 0, start: 0, end: examples)
        let layers: [any Layer] = kind == "mlp"
            ? [Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)]
            : [Reshape([28, 28, 1]),
               Conv2D(filters: 32, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
               Conv2D(filters: 64, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
               Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)]
        let model = Model(try Sequential(layers, inputShape: [28, 28], seed: 42), seed: 42)
        try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        let strategy = DataParallel(world)
        let timer = EpochTimer(strategy: strategy)
        let history = try model.fit(x: x, y: y, epochs: 2, batchSize: batchSize(kind), callbacks: [timer],
                                    verbose: .silent, strategy: strategy)
        let seconds = history["seconds"].last!
        guard world.isPrimary else { return nil }
        let steps = Double((examples + batchSize(kind) - 1) / batchSize(kind))
        return ["examples_per_second": Double(examples) / seconds, "seconds_per_epoch": seconds,
                "communication_share": strategy.communicationSeconds / seconds,
                "communication_seconds_per_step": strategy.communicationSeconds / steps,
                "allreduces_per_step": Double(strategy.allReduceCount) / steps,
                "gradient_bytes": Double(model.parameters.reduce(0) { $0 + $1.variable.value.count } * 4),
                "ranks": Double(world.size)]
    }

    /// Resets the strategy's timers when the timed (second) epoch begins.
    final class EpochTimer: Callback {
        let strategy: DataParallel
        init(strategy: DataParallel) { self.strategy = strategy }
        override func onEpochBegin(_ epoch: Int, logs: [String: Double]) throws { strategy.resetTimers() }
    }

    /// One configuration of the table: its key, its label, and how to run it once.
    struct Configuration {
        let key: String
        let label: String
        let run: () -> [String: Any]?
    }

    /// The configurations of `kind`, in the order each round runs them.
    static func configurations(_ kind: String) -> [Configuration] {
        let bench = ChildProcess.bench
        let env = URL(fileURLWithPath: "/usr/bin/env")
        let folder = TrainingBenchmark.dataFolder
        let n = String(examples(kind))
        let hosts = Peers.folder.deletingLastPathComponent().appendingPathComponent("scaling-hosts.sh").path
        let mpi = ["OMPI_ALLOW_RUN_AS_ROOT=1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1", "OPENBLAS_NUM_THREADS=1"]
        func hostsRun(_ who: String, limited: Bool) -> [String: Any]? {
            ChildProcess.json(env, [hosts, who, kind, n, limited ? linkRate : "none", linkDelay, bench.path, folder])
        }
        return [
            Configuration(key: "neurona_1x1", label: "Neurona 1 process × 1 core") {
                ChildProcess.json(env, ["OPENBLAS_NUM_THREADS=1", "taskset", "-c", "0", bench.path, "scaling-worker", kind])
            },
            Configuration(key: "neurona_1x2", label: "Neurona 1 process × 2 threads") {
                ChildProcess.json(bench, ["scaling-worker", kind])
            },
            Configuration(key: "neurona_2x1", label: "Neurona 2 ranks × 1 core (shared memory)") {
                ChildProcess.json(env, mpi + ["mpirun", "-np", "2", "--bind-to", "core", "-x", "OPENBLAS_NUM_THREADS",
                                              bench.path, "scaling-worker", kind])
            },
            Configuration(key: "neurona_hosts", label: "Neurona 2 hosts × 1 core, bare veth link") { hostsRun("neurona", limited: false) },
            Configuration(key: "neurona_hosts_limited", label: "Neurona 2 hosts × 1 core, link \(linkRate) \(linkDelay)") {
                hostsRun("neurona", limited: true)
            },
            Configuration(key: "torch_1x1", label: "torch 1 process × 1 thread") {
                Peers.run(script: "ddp_torch.py", arguments: [folder, kind, n, "1", "1"])
            },
            Configuration(key: "torch_ddp_2x1", label: "torch DDP gloo 2 ranks × 1 thread") {
                Peers.run(script: "ddp_torch.py", arguments: [folder, kind, n, "2", "1"])
            },
            Configuration(key: "torch_ddp_hosts_limited", label: "torch DDP gloo 2 hosts × 1 thread, link \(linkRate) \(linkDelay)") {
                hostsRun("torch", limited: true)
            },
        ]
    }

    static func run(kinds: [String] = ["mlp", "cnn"], runs: Int) -> Report {
        var report = Report(title: "scaling: examples/s, median (min–max) of \(runs) interleaved rounds; Neurona against PyTorch DDP (gloo) at 1 core per rank, on one host and on two network namespaces")
        for kind in kinds {
            let configurations = configurations(kind)
            var rates: [String: [Double]] = [:], results: [String: [[String: Any]]] = [:]
            for _ in 0..<runs {
                for configuration in configurations {
                    guard let result = configuration.run(), let rate = result["examples_per_second"] as? Double else { continue }
                    rates[configuration.key, default: []].append(rate)
                    results[configuration.key, default: []].append(result)
                }
            }
            for configuration in configurations {
                guard let values = rates[configuration.key] else {
                    report.notes.append("\(kind) \(configuration.label): no run succeeded (make setup-bench: torch, openmpi-bin, dataset-fashion-mnist; the hosts need root)")
                    continue
                }
                report.add("\(kind)_\(configuration.key)_examples_per_second", "\(kind) \(configuration.label)", Spread(values), unit: "examples/s")
            }
            func median(_ key: String, _ field: String) -> Double? {
                let values = results[key]?.compactMap { $0[field] as? Double } ?? []
                return values.isEmpty ? nil : Spread(values).median
            }
            func ratio(_ a: String, _ b: String, _ key: String, _ label: String) {
                guard let x = median(a, "examples_per_second"), let y = median(b, "examples_per_second") else { return }
                report.add("\(kind)_\(key)", "\(kind) \(label)", x / y, unit: "")
            }
            ratio("neurona_2x1", "neurona_1x1", "neurona_speedup_2x1", "Neurona speed-up, 2 ranks / 1 core")
            ratio("neurona_2x1", "neurona_1x2", "neurona_2x1_over_1x2", "Neurona 2 ranks × 1 core / 1 process × 2 threads")
            ratio("torch_ddp_2x1", "torch_1x1", "torch_speedup_2x1", "torch speed-up, DDP 2 ranks / 1 thread")
            ratio("neurona_2x1", "torch_ddp_2x1", "neurona_over_torch_2x1", "Neurona / torch DDP, 2 ranks on one host")
            ratio("neurona_hosts_limited", "torch_ddp_hosts_limited", "neurona_over_torch_hosts", "Neurona / torch DDP, 2 hosts on the limited link")
            let link = results["neurona_hosts_limited"]?.first?["link"] as? String
            if let link { report.notes.append("\(kind): the limited link: \(link)") }
            addModel(kind, &report, link: link, median: median)
        }
        report.notes.append("MLP: \(examples("mlp")) examples per timed epoch (batch 32); CNN: \(examples("cnn")) (batch 64); the second of two epochs is timed.")
        report.notes.append("Both hosts are namespaces of one machine: they share its cores, memory bus and load; on a shared, loaded machine the spread is wide.")
        return report
    }

    /// The model on paper (see the type's documentation), from the medians of the runs.
    static func addModel(_ kind: String, _ report: inout Report, link: String?, median: (String, String) -> Double?) {
        guard let single = median("neurona_1x1", "seconds_per_epoch"),
              let bare = median("neurona_hosts", "communication_seconds_per_step"),
              let bytes = median("neurona_hosts", "gradient_bytes") else {
            report.notes.append("\(kind) model: needs the 1-core and bare-link host runs")
            return
        }
        let steps = Double((examples(kind) + batchSize(kind) - 1) / batchSize(kind))
        // The added delay counts where netem applied it: once per step of the ring's 2(N−1).
        let delay = link?.hasPrefix("netem") == true ? linkDelaySeconds : 0
        func allreduce(_ hosts: Double) -> Double {
            2 * (hosts - 1) / hosts * (bare + bytes / linkBytesPerSecond) + 2 * (hosts - 1) * delay
        }
        func speedUp(_ hosts: Double) -> Double { single / (single / hosts + steps * allreduce(hosts)) }
        report.add("\(kind)_model_allreduce_ms", "\(kind) model: c(2) = c₀ \(String(format: "%.3f", bare * 1000)) ms + S/B (S = \(Int(bytes)) bytes) per step",
                   allreduce(2) * 1000, unit: "ms")
        report.add("\(kind)_model_speedup_2_hosts", "\(kind) model: predicted speed-up on 2 hosts, limited link", speedUp(2), unit: "")
        if let measured = median("neurona_hosts_limited", "seconds_per_epoch") {
            report.add("\(kind)_measured_speedup_2_hosts", "\(kind) measured speed-up on 2 hosts, limited link", single / measured, unit: "")
            report.add("\(kind)_model_over_measured", "\(kind) model / measured (1 = the model holds)", speedUp(2) / (single / measured), unit: "")
        }
        for hosts in [4.0, 8, 16] {
            report.add("\(kind)_model_speedup_\(Int(hosts))_hosts", "\(kind) model: predicted speed-up on \(Int(hosts)) hosts of 1 core", speedUp(hosts), unit: "")
        }
    }
}
