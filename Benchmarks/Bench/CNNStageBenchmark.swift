import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers

/// Where one training step of the CNN sample's network spends its time: forward and backward of
/// each layer on one batch of 64, then the loss, Adam's update, and a whole step measured as
/// `Model.fit` runs it, in milliseconds (best of several runs).
///
/// Each layer is timed alone on the output of the one before, with its input requiring a
/// gradient exactly when it does in training (the first layer's input is data). Gradients are
/// cleared before every backward pass, as training does, so no run pays for accumulating.
enum CNNStageBenchmark {
    static func run(repeats: Int = 20) throws -> Report {
        let network = try Sequential([
            Conv2D(filters: 32, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
            Conv2D(filters: 64, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
            Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax),
        ], inputShape: [28, 28, 1], seed: 42)
        var generator = RandomGenerator(seed: 7)
        let images = Tensor.uniform([64, 28, 28, 1], using: &generator)
        let labels = Tensor((0..<64).map { Double($0 % 10) }, shape: [64], dtype: .int64)
        var report = Report(title: "cnn stages: ms per batch of 64 (forward, backward), OpenBLAS \(BLAS.coreName)")

        var input = images
        for (index, layer) in network.layers.enumerated() {
            let x = Variable(input, requiresGrad: index > 0)
            let parameters = layer.namedParameters()
            let output = layer(x)
            let seed = Tensor.ones(output.shape)
            let forward = bestTime(repeats: repeats) { _ = layer(x) }
            let both = bestTime(repeats: repeats) {
                x.grad = nil
                for p in parameters { p.variable.grad = nil }
                try! layer(x).backward(seed: seed)
            }
            let name = "\(index) \(type(of: layer).typeName)"
            report.add("forward_ms_\(index)", "\(name) forward", forward * 1000, unit: "ms")
            report.add("backward_ms_\(index)", "\(name) backward", max(0, both - forward) * 1000, unit: "ms")
            input = output.value
        }

        let loss = SparseCategoricalCrossentropy()
        let probabilities = Variable(input, requiresGrad: true)
        let lossTime = bestTime(repeats: repeats) {
            probabilities.grad = nil
            try! loss(probabilities, labels).backward()
        }
        report.add("loss_ms", "loss forward + backward", lossTime * 1000, unit: "ms")

        let parameters = network.namedParameters()
        let optimizer = Adam()
        let outputs = network(Variable(images))
        try loss(outputs, labels).backward()
        let update = bestTime(repeats: repeats) { optimizer.step(parameters) }
        report.add("adam_ms", "Adam update (\(parameters.count) tensors)", update * 1000, unit: "ms")

        FloatingPointEnvironment.setFlushDenormalsToZero(true)
        let step = bestTime(repeats: repeats) {
            let value = loss(network(Variable(images)), labels)
            try! value.backward()
            optimizer.step(parameters)
            optimizer.zeroGrad(parameters)
        }
        report.add("step_ms", "whole step (forward, loss, backward, update)", step * 1000, unit: "ms")
        report.add("epoch_s", "x 938 steps = one epoch", step * 938, unit: "s")
        return report
    }
}
