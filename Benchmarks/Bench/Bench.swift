import ArgumentParser
import NeuronaCore

/// `bench`: Neurona's benchmarks. `make bench` runs `bench all`.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Neurona's benchmarks: Neurona against raw OpenBLAS and the Python peers, in one run.",
        subcommands: [All.self, Core.self, Autograd.self, XOR.self]
    )
}

struct All: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Every benchmark.")
    func run() throws {
        try Core().run()
        try Autograd().run()
        try XOR().run()
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
