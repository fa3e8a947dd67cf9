import Foundation
import NeuronaCore
import NeuronaData
import NeuronaDistributed
import NeuronaLayers
import NeuronaTraining

/// Data-parallel scaling on this machine: examples per second of the MLP (global batch 32) and
/// the CNN (global batch 64) with one process on 2 threads against 2 ranks (`mpirun -np 2
/// --bind-to core`, OpenBLAS on 1 thread) on 1 core each, the share of each step spent
/// averaging gradients, and PyTorch DistributedDataParallel (gloo) on the same workload in the
/// same run.
enum ScalingBenchmark {
    /// Training examples per timed epoch (400 global batches of the MLP, 50 of the CNN): a
    /// bench run stays within minutes on 2 shared cores, PyTorch included.
    static func examples(_ kind: String) -> Int { kind == "mlp" ? 12_800 : 3_200 }

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
        let history = try model.fit(x: x, y: y, epochs: 2, batchSize: kind == "mlp" ? 32 : 64, callbacks: [timer],
                                    verbose: .silent, strategy: strategy)
        let seconds = history["seconds"].last!
        guard world.isPrimary else { return nil }
        return ["examples_per_second": Double(examples) / seconds, "seconds_per_epoch": seconds,
                "communication_share": strategy.communicationSeconds / seconds,
                "allreduces_per_step": Double(strategy.allReduceCount) / Double((examples + (kind == "mlp" ? 31 : 63)) / (kind == "mlp" ? 32 : 64)),
                "ranks": Double(world.size)]
    }

    /// Resets the strategy's timers when the timed (second) epoch begins.
    final class EpochTimer: Callback {
        let strategy: DataParallel
        init(strategy: DataParallel) { self.strategy = strategy }
        override func onEpochBegin(_ epoch: Int, logs: [String: Double]) throws { strategy.resetTimers() }
    }

    /// Runs `bench scaling-worker` as one process, or under `mpirun -np <ranks>`, and reads its JSON.
    static func runWorker(kind: String, ranks: Int) -> [String: Any]? {
        let bench = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let process = Process()
        var environment = ProcessInfo.processInfo.environment
        if ranks == 1 {
            process.executableURL = URL(fileURLWithPath: bench)
            process.arguments = ["scaling-worker", kind]
        } else {
            environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
            environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
            environment["OPENBLAS_NUM_THREADS"] = "1"
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["mpirun", "-np", String(ranks), "--bind-to", "core", "-x", "OPENBLAS_NUM_THREADS",
                                 bench, "scaling-worker", kind]
        }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    }

    static func run(kinds: [String] = ["mlp", "cnn"]) -> Report {
        var report = Report(title: "scaling: examples/s, 1 process on 2 threads vs 2 ranks on 1 core each (mpirun -np 2), against PyTorch DDP (gloo)")
        for kind in kinds {
            let n = examples(kind)
            guard let one = runWorker(kind: kind, ranks: 1)?["examples_per_second"] as? Double else {
                report.notes.append("\(kind): the one-process run failed (is dataset-fashion-mnist installed? make setup)")
                continue
            }
            report.add("\(kind)_neurona_1x2_examples_per_second", "\(kind) Neurona 1 process × 2 threads", one, unit: "examples/s")
            if let two = runWorker(kind: kind, ranks: 2), let rate = two["examples_per_second"] as? Double {
                report.add("\(kind)_neurona_2x1_examples_per_second", "\(kind) Neurona 2 ranks × 1 core", rate, unit: "examples/s")
                report.add("\(kind)_neurona_scaling", "\(kind) Neurona 2 ranks / 1 process", rate / one,
                           unit: kind == "cnn" ? "(target >= 0.9)" : "")
                report.add("\(kind)_neurona_communication_share", "\(kind) Neurona share of step averaging gradients",
                           two["communication_share"] as? Double ?? 0, unit: "")
                report.add("\(kind)_neurona_allreduces_per_step", "\(kind) Neurona allreduces per step",
                           two["allreduces_per_step"] as? Double ?? 0, unit: "")
            } else {
                report.notes.append("\(kind): the mpirun -np 2 run failed (make setup installs openmpi-bin)")
            }
            let folder = TrainingBenchmark.dataFolder
            if let torchOne = Peers.run(script: "ddp_torch.py", arguments: [folder, kind, String(n), "1", "2"])?["examples_per_second"] as? Double,
               let torchTwo = Peers.run(script: "ddp_torch.py", arguments: [folder, kind, String(n), "2", "1"]),
               let torchRate = torchTwo["examples_per_second"] as? Double {
                report.add("\(kind)_torch_1x2_examples_per_second", "\(kind) torch 1 process × 2 threads", torchOne, unit: "examples/s")
                report.add("\(kind)_torch_ddp_2x1_examples_per_second", "\(kind) torch DDP gloo 2 ranks × 1 thread", torchRate, unit: "examples/s")
                report.add("\(kind)_torch_ddp_scaling", "\(kind) torch DDP 2 ranks / 1 process", torchRate / torchOne, unit: "")
                report.add("\(kind)_torch_ddp_communication_share", "\(kind) torch DDP share communicating (1 − no_sync/sync)",
                           torchTwo["communication_share"] as? Double ?? 0, unit: "")
                if let ours = report.figures["\(kind)_neurona_2x1_examples_per_second"] {
                    report.add("\(kind)_neurona_over_torch_ddp", "\(kind) Neurona 2 ranks / torch DDP 2 ranks", ours / torchRate,
                               unit: "(target > 1)")
                }
            } else {
                report.notes.append("\(kind): torch DDP not available (make setup-bench installs torch): no comparison")
            }
        }
        report.notes.append("MLP: \(examples("mlp")) examples per timed epoch; CNN: \(examples("cnn")); the second of two epochs is timed.")
        return report
    }
}
