import Foundation
import NeuronaAutograd
import NeuronaCore

/// Autograd's per-op overhead against PyTorch eager on the same workloads, in the same run:
/// (a) an add of two 10-element tensors, (b) a 32×128 · 128×10 matmul followed by a sum; each
/// forward only and forward + backward. Target: at most a third of PyTorch's time.
enum AutogradBenchmark {
    static func microseconds(iterations: Int, _ body: () -> Void) -> Double {
        bestTime(repeats: 5) { for _ in 0..<iterations { body() } } / Double(iterations) * 1e6
    }

    static func run() -> Report {
        var report = Report(title: "autograd overhead (µs per iteration, best of 5)")
        var g = RandomGenerator(seed: 0)
        let a = Variable(Tensor.normal([10], using: &g), requiresGrad: true)
        let b = Variable(Tensor.normal([10], using: &g), requiresGrad: true)
        let seed = Tensor.ones([10])
        let x = Variable(Tensor.normal([32, 128], using: &g))
        let w = Variable(Tensor.normal([128, 10], using: &g), requiresGrad: true)

        let ours: [String: Double] = [
            "add_forward_us": microseconds(iterations: 20_000) { _ = a + b },
            "add_forward_backward_us": microseconds(iterations: 5_000) {
                try! (a + b).backward(seed: seed)
            },
            "matmul_forward_us": microseconds(iterations: 5_000) { _ = x.matmul(w).sum() },
            "matmul_forward_backward_us": microseconds(iterations: 2_000) {
                try! x.matmul(w).sum().backward()
            },
        ]
        let peer = Peers.run(script: "autograd_torch.py")
        for key in ours.keys.sorted() {
            report.add("neurona_" + key, "Neurona " + key, ours[key]!, unit: "µs")
            if let theirs = peer?[key] as? Double {
                report.add("torch_" + key, "PyTorch " + key, theirs, unit: "µs")
                report.add("ratio_" + key, "ratio   " + key, ours[key]! / theirs, unit: "(Neurona / PyTorch; target <= 0.33)")
            }
        }
        if peer == nil { report.notes.append("PyTorch not available (make setup-bench installs it): no ratios") }
        return report
    }
}

/// Runs the Python peer scripts in Benchmarks/Peers and reads the JSON object they print last.
enum Peers {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Peers")
    }

    /// Whether `python3` can import `module` (`torch`, `keras`).
    static func installed(_ module: String) -> Bool {
        ChildProcess.json(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import \(module); print('{}')"], quiet: true) != nil
    }

    /// The JSON object a peer script prints last (see ``ChildProcess/peer(_:_:start:)``).
    static func run(script: String, arguments: [String] = []) -> [String: Any]? {
        ChildProcess.peer(script, arguments)
    }
}
