import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// Where one training step of the CNN sample's network spends its time: forward and backward of
/// each layer on one batch of 64, in milliseconds (best of several runs).
///
/// Each layer is timed alone on the output of the one before, with its input requiring a
/// gradient exactly when it does in training (the first layer's input is data).
enum CNNStageBenchmark {
    static func probe() {
        var generator = RandomGenerator(seed: 7)
        let x = Tensor.uniform([64, 28, 28, 1], using: &generator)
        let w = Tensor.uniform([9, 32], using: &generator)
        let b = Tensor.uniform([32], using: &generator)
        let g = WindowGeometry(input: (28, 28), kernel: (3, 3), strides: (1, 1), dilation: (1, 1), same: false)
        let cols = x.im2col(g)
        let y = Tensor.affine(cols, w, b)
        let gy = Tensor.uniform(y.shape, using: &generator)
        func t(_ name: String, _ body: () -> Void) { print(name, String(format: "%.3f ms", bestTime(repeats: 30, body) * 1000)) }
        t("im2col") { _ = x.im2col(g) }
        t("affine") { _ = Tensor.affine(cols, w, b) }
        t("matmul") { _ = cols.matmul(w) }
        t("relu") { _ = y.relu() }
        t("step") { _ = y.map(.step(threshold: 0)) }
        t("mul") { _ = gy * y }
        t("dW") { _ = Tensor.matmul(cols, gy, transposeA: true) }
        t("db") { _ = gy.sum(axes: [0]) }
        let x2 = Tensor.uniform([64, 13, 13, 32], using: &generator)
        let g2 = WindowGeometry(input: (13, 13), kernel: (3, 3), strides: (1, 1), dilation: (1, 1), same: false)
        let cols2 = x2.im2col(g2)
        let w2 = Tensor.uniform([288, 64], using: &generator)
        let b2 = Tensor.uniform([64], using: &generator)
        let y2 = Tensor.affine(cols2, w2, b2)
        t("conv2 im2col") { _ = x2.im2col(g2) }
        t("conv2 affine") { _ = Tensor.affine(cols2, w2, b2) }
        t("conv2 dcols") { _ = Tensor.matmul(y2, w2, transposeB: true) }
        t("conv2 dW") { _ = Tensor.matmul(cols2, y2, transposeA: true) }
        t("conv2 col2im") { _ = cols2.col2im(g2, imageShape: [64, 13, 13, 32]) }
        t("pool1 idx") { _ = y.reshaped([64, 26, 26, 32]).maxPoolIndices(WindowGeometry(input: (26, 26), kernel: (2, 2), strides: (2, 2), dilation: (1, 1), same: false)) }
    }
    static func run(repeats: Int = 20) throws -> Report {
        probe()
        let layers: [any Layer] = [
            Conv2D(filters: 32, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
            Conv2D(filters: 64, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
            Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax),
        ]
        let network = try Sequential(layers, inputShape: [28, 28, 1], seed: 42)
        var generator = RandomGenerator(seed: 7)
        var input = Tensor.uniform([64, 28, 28, 1], using: &generator)
        var report = Report(title: "cnn stages: ms per batch of 64 (forward, backward), OpenBLAS \(BLAS.coreName)")
        var total = 0.0
        for (index, layer) in network.layers.enumerated() {
            let x = Variable(input, requiresGrad: index > 0)
            let output = layer(x)
            let seed = Tensor.ones(output.shape)
            let forward = bestTime(repeats: repeats) { _ = layer(x) }
            let both = bestTime(repeats: repeats) {
                try! layer(x).backward(seed: seed)
            }
            let name = "\(index) \(type(of: layer).typeName)"
            report.add("forward_ms_\(index)", "\(name) forward", forward * 1000, unit: "ms")
            report.add("backward_ms_\(index)", "\(name) backward", max(0, both - forward) * 1000, unit: "ms")
            total += both
            input = output.value
        }
        report.add("step_ms", "one step (sum of the stages)", total * 1000, unit: "ms")
        report.add("epoch_s", "x 938 steps = one epoch", total * 938, unit: "s")
        return report
    }
}
