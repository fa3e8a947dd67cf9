import ArgumentParser
import Foundation
import NeuronaCore

/// `bench`: Neurona's benchmarks. `make bench` runs `bench all`.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Neurona's benchmarks: Neurona against raw OpenBLAS and the Python peers, in one run.",
        subcommands: [All.self, Core.self, Autograd.self, XOR.self, FashionMNIST.self, ShallowMNIST.self, CNN.self, CNNStages.self, Scaling.self, ScalingWorker.self, NeuronaTrain.self]
    )
}

struct All: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Every benchmark.")
    func run() throws {
        try Core().run()
        try Autograd().run()
        try XOR().run()
        try FashionMNIST().run()
        try ShallowMNIST().run()
        try CNN().run()
        try CNNStages().run()
        try Scaling().run()
    }
}

struct Scaling: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaling", abstract: "Data-parallel scaling: 1 process × 2 threads vs mpirun -np 2, against PyTorch DDP (gloo).")
    @Option(help: "Models: mlp, cnn.") var models: [String] = ["mlp", "cnn"]
    @Flag(help: "Print one JSON object as the last line.") var json = false
    func run() throws { ScalingBenchmark.run(kinds: models).print(json: json) }
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
