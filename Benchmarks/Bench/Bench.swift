import ArgumentParser
import Foundation
import NeuronaCore

/// `bench`: Neurona's benchmarks. `make bench` runs `bench all`.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Neurona's benchmarks: Neurona against raw OpenBLAS and the Python peers, in one run.",
        subcommands: [All.self, Headline.self, Core.self, Autograd.self, XOR.self, FashionMNIST.self, ShallowMNIST.self, CNN.self, CNNStages.self, Lab.self, Scaling.self, ScalingWorker.self, NeuronaTrain.self, NeuronaXOR.self, GEMMBoundCommand.self]
    )
}

struct All: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Every benchmark.")
    @Option(help: "Runs of the headline table (each figure is their median).") var runs = 3
    func run() throws {
        var headline = Headline()
        headline.runs = runs
        try headline.run()
        try Core().run()
        try Autograd().run()
        try XOR().run()
        try FashionMNIST().run()
        try ShallowMNIST().run()
        try CNN().run()
        try CNNStages().run()
        try Lab().run()
        try Scaling().run()
    }
}

struct Lab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab", abstract: "The lab: a fit's speed with the live view attached, and the playground page's updates per second in headless Chromium.")
    @Option(help: "Interleaved rounds of three epochs: without the live view, with it alone, and with it and a page open.") var pairs = 5
    @Flag(help: "Print one JSON object as the last line.") var json = false
    func run() throws {
        let lab = ChildProcess.bench.deletingLastPathComponent().appendingPathComponent("neurona-lab")
        try LabBenchmark.run(pairs: pairs, labExecutable: FileManager.default.isExecutableFile(atPath: lab.path) ? lab : nil)
            .print(json: json)
    }
}

struct Scaling: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaling",
        abstract: "Data-parallel scaling on one host and on two network namespaces (a limited link), against PyTorch DDP (gloo), with a model of N hosts.")
    @Option(help: "Models: mlp, cnn.") var models: [String] = ["mlp", "cnn"]
    @Option(help: "Interleaved rounds; each figure is their median, printed with min and max.") var runs = 3
    @Flag(help: "Print one JSON object (the medians) as the last line.") var json = false
    func run() throws {
        guard runs > 0 else { throw ValidationError("--runs must be positive, got \(runs)") }
        for model in models where !["mlp", "cnn"].contains(model) { throw ValidationError("unknown model \(model); the models are mlp, cnn") }
        ScalingBenchmark.run(kinds: models, runs: runs).print(json: json)
    }
}

/// Internal: one scaling measurement, as one process or one rank under mpirun.
struct ScalingWorker: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scaling-worker", shouldDisplay: false)
    @Argument var kind: String
    func run() throws {
        guard let result = try ScalingBenchmark.worker(kind: kind, examples: ScalingBenchmark.examples(kind)) else { return }
        let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}

struct Headline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The headline table: XOR, MLP and CNN against PyTorch, Keras and the GEMM bound, plain start and Makefile settings.")
    @Option(help: "Interleaved runs; each figure is their median, printed with min and max.") var runs = 3
    @Option(help: "The workloads, comma-separated (xor, fashion-mnist, cnn).") var workloads = "xor,fashion-mnist,cnn"
    @Flag(help: "Print one JSON object (the medians) as the last line.") var json = false
    func run() throws {
        let names = workloads.split(separator: ",").map(String.init)
        for name in names where !["xor", "fashion-mnist", "cnn"].contains(name) {
            throw ValidationError("unknown workload \(name); the workloads are xor, fashion-mnist, cnn")
        }
        HeadlineBenchmark.run(runs: runs, workloads: names, json: json)
    }
}

/// Internal: Neurona's XOR steps alone, in a process of its own.
struct NeuronaXOR: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "neurona-xor", shouldDisplay: false)
    func run() throws {
        let data = try JSONSerialization.data(withJSONObject: try XORBenchmark.neurona(), options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}

/// Internal: a workload's GEMM bound, in a process of its own (so that OpenBLAS starts with
/// the environment being measured).
struct GEMMBoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gemm-bound", shouldDisplay: false)
    @Argument(help: "fashion-mnist or cnn; none prints only the OpenBLAS kernel set") var workload: String
    func run() throws {
        var object: [String: Any] = ["blas_core": BLAS.coreName]
        if workload != "none" {
            guard let seconds = GEMMBound.secondsPerEpoch(workload) else { throw ValidationError("unknown workload \(workload)") }
            object["seconds_per_epoch"] = seconds
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}

struct CNN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnn", abstract: "The CNN sample's network (batch 64): Neurona against PyTorch and Keras.")
    @Option(help: "Epochs to time.") var epochs = 1
    @Flag(help: "Print one JSON object as the last line.") var json = false
    func run() throws { TrainingBenchmark.run("cnn", epochs: epochs).print(json: json) }
}

struct CNNStages: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnn-stages", abstract: "Where a CNN training step's time goes: forward and backward of each layer.")
    @Flag(help: "Print one JSON object as the last line.") var json = false
    func run() throws { try CNNStageBenchmark.run().print(json: json) }
}

struct FashionMNIST: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fashion-mnist", abstract: "Lecture 002's MLP: Neurona against the hand-written floor, PyTorch and Keras.")
    @Option(help: "Epochs to time.") var epochs = 2
    @Flag(help: "Print one JSON object as the last line.") var json = false
    func run() throws { TrainingBenchmark.run("fashion-mnist", epochs: epochs).print(json: json) }
}

struct ShallowMNIST: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shallow-mnist", abstract: "Lecture 001's shallow network (tanh, sigmoid, MSE): Neurona against PyTorch and Keras.")
    @Option(help: "Epochs to time.") var epochs = 2
    @Flag(help: "Print one JSON object as the last line.") var json = false
    func run() throws { TrainingBenchmark.run("shallow-mnist", epochs: epochs).print(json: json) }
}

/// Internal: one Neurona training run in its own process (for its peak memory).
struct NeuronaTrain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "neurona-train", shouldDisplay: false)
    @Argument var kind: String
    @Argument var epochs: Int
    func run() throws {
        let result = try TrainingBenchmark.neurona(model: kind, epochs: epochs)
        let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}

struct XOR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xor", abstract: "Per-step overhead: 5,000 XOR training steps against PyTorch eager.")
    @Flag(help: "Print one JSON object as the last line.") var json = false
    func run() throws {
        try XORBenchmark.run().print(json: json)
    }
}

struct Autograd: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Autograd per-op overhead against PyTorch eager (add of 10 elements; 32x128 matmul + sum).")
    @Flag(help: "Print one JSON object as the last line.") var json = false
    func run() throws {
        AutogradBenchmark.run().print(json: json)
    }
}

struct Core: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tensor.matmul against cblas_sgemm; elementwise add and exp against a copy loop.")
    @Flag(help: "Print one JSON object as the last line.") var json = false
    func run() throws {
        let report = CoreBenchmark.run()
        report.print(json: json)
    }
}
