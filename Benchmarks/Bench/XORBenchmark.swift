import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers

/// Per-step overhead on the smallest model: 5,000 full-batch training steps of XOR with a
/// 2 → 2 (sigmoid) → 1 (sigmoid) network, binary cross-entropy, SGD (lr 0.5), next to PyTorch
/// eager doing the same in the same run. Target: at most a tenth of PyTorch's time per step.
enum XORBenchmark {
    static func trainingRun(steps: Int) throws -> (seconds: Double, loss: Double) {
        let model = try Sequential([Dense(units: 2, activation: .sigmoid), Dense(units: 1, activation: .sigmoid)],
                                   inputShape: [2], seed: 0)
        let x = Variable(Tensor([[0, 0], [0, 1], [1, 0], [1, 1]]))
        let y = Tensor([[0], [1], [1], [0]])
        let loss = BinaryCrossentropy()
        let sgd = SGD(learningRate: 0.5)
        let parameters = model.namedParameters()
        var last = 0.0
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<steps {
            sgd.zeroGrad(parameters)
            let value = loss(model(x), y)
            try value.backward()
            sgd.step(parameters)
            last = value.value.item
        }
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, last)
    }

    /// Neurona alone: µs per step (best of 3 runs of 5,000 steps after 200 warm-up steps, as
    /// the PyTorch script does) and the final loss.
    static func neurona() throws -> [String: Double] {
        _ = try trainingRun(steps: 200)
        var best = Double.infinity
        var loss = 0.0
        for _ in 0..<3 {
            let r = try trainingRun(steps: 5000)
            if r.seconds < best { best = r.seconds; loss = r.loss }
        }
        return ["us_per_step": best / 5000 * 1e6, "final_loss": loss]
    }

    static func run() throws -> Report {
        var report = Report(title: "xor: 5,000 full-batch SGD steps, 2-2-1 sigmoid, BCE")
        let figures = try neurona()
        let ours = figures["us_per_step"]!
        report.add("us_per_step", "Neurona µs per step", ours, unit: "µs")
        report.add("final_loss", "Neurona final loss", figures["final_loss"]!, unit: "")
        if let peer = Peers.run(script: "xor_torch.py"), let theirs = peer["us_per_step"] as? Double {
            report.add("torch_us_per_step", "PyTorch µs per step", theirs, unit: "µs")
            report.add("ratio", "ratio", ours / theirs, unit: "(Neurona / PyTorch; target <= 0.10)")
        } else {
            report.notes.append("PyTorch not available (make setup-bench installs it): no ratio")
        }
        return report
    }
}
