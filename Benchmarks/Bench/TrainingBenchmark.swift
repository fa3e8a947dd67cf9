import Foundation
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaMetrics
import NeuronaOptimizers
import NeuronaTraining

/// Seconds per epoch and peak memory of the lecture models, Neurona against the hand-written
/// floor, PyTorch and Keras on the same data in the same run.
enum TrainingBenchmark {
    static let dataFolder = "/usr/share/datasets/fashion-mnist"

    /// Peak resident memory of this process, in MB.
    static func peakMemoryMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// Neurona alone (the `neurona` part of `bench fashion-mnist`), run in its own process so
    /// that its peak memory is its own.
    static func neurona(model kind: String, epochs: Int) throws -> [String: Double] {
        var data = try MNISTFamily.fashionMNIST.load(from: URL(fileURLWithPath: dataFolder))
        let network: Sequential
        let model: Model
        // Pixels in [0, 1], as the lectures (and the peers' scripts) divide them: the loader gives
        // 0–255. In place, so that the peak memory holds one copy of the images.
        data.trainImages /= 255
        data.testImages /= 255
        var y = data.trainLabels, x = data.trainImages
        var batchSize = 32
        if kind == "fashion-mnist" {
            network = try Sequential([Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)],
                                     inputShape: [28, 28], seed: 42)
            model = Model(network, seed: 42)
            try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        } else if kind == "cnn" {
            network = try Sequential([Reshape([28, 28, 1]),
                                      Conv2D(filters: 32, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
                                      Conv2D(filters: 64, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
                                      Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)],
                                     inputShape: [28, 28], seed: 42)
            model = Model(network, seed: 42)
            try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
            batchSize = 64
        } else {
            network = try Sequential([Dense(units: 128, activation: .tanh), Dense(units: 10, activation: .sigmoid)],
                                     inputShape: [784], seed: 42)
            model = Model(network, seed: 42)
            model.compile(optimizer: Adam(), loss: MeanSquaredError(), metrics: [Accuracy()])
            x = x.reshaped([-1, 784])
            y = y.oneHot(classes: 10)
        }
        let history = try model.fit(x: x, y: y, epochs: epochs, batchSize: batchSize, verbose: .silent)
        let testX = kind == "shallow-mnist" ? data.testImages.reshaped([-1, 784]) : data.testImages
        let accuracy = Accuracy()(try model.predict(testX), data.testLabels)
        let seconds = history["seconds"]
        return ["seconds_per_epoch": seconds.reduce(0, +) / Double(seconds.count), "test_accuracy": accuracy,
                "peak_rss_mb": peakMemoryMB(), "last_loss": history["loss"].last!]
    }

    /// Runs `bench neurona-train <kind> <epochs>` as a child process and reads its JSON.
    static func neuronaInChild(_ kind: String, epochs: Int, start: ChildProcess.Start = .inherited) -> [String: Any]? {
        ChildProcess.json(ChildProcess.bench, ["neurona-train", kind, String(epochs)], start: start)
    }

    static func run(_ kind: String, epochs: Int) -> Report {
        var report = Report(title: "\(kind): seconds per epoch (batch \(kind == "cnn" ? 64 : 32)) and peak memory, \(epochs) epoch(s), OpenBLAS \(BLAS.coreName)")
        guard let ours = neuronaInChild(kind, epochs: epochs), let seconds = ours["seconds_per_epoch"] as? Double else {
            report.notes.append("Neurona run failed (is dataset-fashion-mnist installed? make setup)")
            return report
        }
        report.add("neurona_seconds_per_epoch", "Neurona s/epoch", seconds, unit: "s")
        report.add("neurona_peak_rss_mb", "Neurona peak memory", ours["peak_rss_mb"] as? Double ?? 0, unit: "MB")
        report.add("neurona_test_accuracy", "Neurona test accuracy", ours["test_accuracy"] as? Double ?? 0, unit: "")
        if kind == "fashion-mnist" {
            let data = try? MNISTFamily.fashionMNIST.load(from: URL(fileURLWithPath: dataFolder))
            if let data {
                let floor = FloorMLP.train(images: data.trainImages / 255, labels: data.trainLabels, epochs: epochs)
                report.add("floor_seconds_per_epoch", "hand-written Swift+OpenBLAS s/epoch", floor.secondsPerEpoch, unit: "s")
                report.add("overhead_over_floor", "Neurona / floor", seconds / floor.secondsPerEpoch, unit: "(target: near 1.2)")
            }
        }
        for (peer, script) in [("torch", "\(kind.replacingOccurrences(of: "-", with: "_"))_torch.py"),
                               ("keras", "\(kind.replacingOccurrences(of: "-", with: "_"))_keras.py")] {
            guard let theirs = Peers.run(script: script, arguments: [dataFolder, String(epochs)]),
                  let s = theirs["seconds_per_epoch"] as? Double else {
                report.notes.append("\(peer) not available (make setup-bench installs it): no ratio")
                continue
            }
            let memory = theirs["peak_rss_mb"] as? Double ?? 0
            report.add("\(peer)_seconds_per_epoch", "\(peer) s/epoch", s, unit: "s")
            report.add("\(peer)_peak_rss_mb", "\(peer) peak memory", memory, unit: "MB")
            report.add("\(peer)_test_accuracy", "\(peer) test accuracy", theirs["test_accuracy"] as? Double ?? 0, unit: "")
            let target = kind == "cnn" ? "(target <= 1)" : "(target <= 0.5)"
            report.add("time_ratio_\(peer)", "Neurona / \(peer) time", seconds / s, unit: peer == "torch" ? target : "")
            if memory > 0 {
                report.add("memory_ratio_\(peer)", "Neurona / \(peer) memory", (ours["peak_rss_mb"] as? Double ?? 0) / memory,
                           unit: peer == "torch" ? "(target <= 0.33)" : "")
            }
        }
        return report
    }
}
