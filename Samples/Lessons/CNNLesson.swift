import Foundation
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaMetrics
import NeuronaOptimizers
import NeuronaTraining

/// Lectures 000 and 001: convolution → ReLU → pooling stacks against the MLP on Fashion-MNIST.
///
/// Conv2D(32, 3, relu) → MaxPool2D(2) → Conv2D(64, 3, relu) → MaxPool2D(2) → Flatten →
/// Dense(128, relu) → Dense(10, softmax), Adam, batch 64, `--epochs` (3), on standardized pixels.
/// Lecture 002's MLP trains on the same data for the same epochs, for comparison. `--live`
/// shows the CNN's training in the browser (NeuronaLab's `LiveView`).
public enum CNNLesson: Lesson {
    public static let name = "cnn"
    public static let lectures = ["000", "001"]
    public static let summary = "conv → relu → pool stacks against the MLP on Fashion-MNIST"

    public static func network(seed: UInt64) throws -> Sequential {
        try Sequential([Reshape([28, 28, 1]),
                        Conv2D(filters: 32, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
                        Conv2D(filters: 64, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
                        Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)],
                       inputShape: [28, 28], seed: seed)
    }

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let data = try MNISTFamily.fashionMNIST.load(from: options.dataDirectory.map { URL(fileURLWithPath: $0) })
        // Pixels in [0, 1] first, as the lectures scale them (`/ 255`): the loader gives 0–255.
        var x = data.trainImages / 255, y = data.trainLabels
        if let limit = options.trainLimit {
            x = x.slice(axis: 0, start: 0, end: limit)
            y = y.slice(axis: 0, start: 0, end: limit)
        }
        // Standardize with the training images' mean and standard deviation (what torchvision's
        // Normalize does): inputs centred on 0 with unit spread train faster than pixels in [0, 1]
        // (epoch-3 loss 0.246 against 0.275 here).
        let mean = x.mean().item, deviation = x.standardDeviation().item
        x = (x - mean) / deviation
        let testImages = (data.testImages / 255 - mean) / deviation
        let epochs = options.epochs ?? 3
        let batchSize = options.batchSize ?? 64
        let cnn = try network(seed: options.seed)
        let model = Model(cnn, seed: options.seed)
        try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        let liveOptions = try LiveOptions.parse(lessonArguments: options.arguments, lesson: name)
        model.summary()
        let live = try liveOptions.start(
            title: "cnn: Conv2D(32) → MaxPool → Conv2D(64) → MaxPool → Dense(128) → Dense(10)",
            probe: (x.slice(axis: 0, start: 0, end: Swift.min(64, x.shape[0])), y.slice(axis: 0, start: 0, end: Swift.min(64, y.shape[0]))),
            examples: (testImages.slice(axis: 0, start: 0, end: 12), data.testLabels.slice(axis: 0, start: 0, end: 12), data.classNames))
        let history = try model.fit(x: x, y: y, epochs: epochs, batchSize: batchSize, callbacks: live.map { [$0] } ?? [],
                                    verbose: options.quiet || live != nil ? .silent : .progressBar)
        LiveOptions.linger(live)
        let accuracy = try model.evaluate(x: testImages, y: data.testLabels, batchSize: 256).lossAnd("accuracy").metric
        let seconds = history["seconds"].reduce(0, +) / Double(epochs)

        let mlp = Model(try Sequential([Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)],
                                       inputShape: [28, 28], seed: options.seed), seed: options.seed)
        try mlp.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        let mlpHistory = try mlp.fit(x: x, y: y, epochs: epochs, batchSize: batchSize, verbose: .silent)
        let mlpAccuracy = try mlp.evaluate(x: testImages, y: data.testLabels, batchSize: 256).lossAnd("accuracy").metric

        let text = """

        A convolutional network on Fashion-MNIST (lectures 000, 001), \(x.shape[0]) images, batch \(batchSize), \(counted(epochs, "epoch"))
        (pixels standardized with the training set's mean \(format(mean, 3)) and standard deviation \(format(deviation, 3)))
          CNN (\(cnn.parameterCount) parameters): test accuracy \(format(accuracy, 4)), \(format(seconds, 2)) s per epoch
          MLP (\(mlp.network.parameterCount) parameters): test accuracy \(format(mlpAccuracy, 4)), \(format(mlpHistory["seconds"].reduce(0, +) / Double(epochs), 2)) s per epoch
        The filters see neighbouring pixels together and reuse the same weights everywhere in the
        image, so the CNN learns edges and textures the MLP has to learn pixel by pixel.
        """
        return try LessonReport(text: text + drawPictures(network: cnn, image: testImages.slice(axis: 0, start: 0, end: 1), history: history, options: options), figures: [
            "test_accuracy": .number(accuracy), "seconds_per_epoch": .number(seconds),
            "mlp_test_accuracy": .number(mlpAccuracy), "epoch_losses": .numbers(history["loss"]),
            "input_mean": .number(mean), "input_std": .number(deviation),
            "train_count": .number(Double(x.shape[0])), "batch_size": .number(Double(batchSize)),
            "parameters": .number(Double(cnn.parameterCount)), "mlp_parameters": .number(Double(mlp.network.parameterCount)),
            "mlp_seconds_per_epoch": .number(mlpHistory["seconds"].reduce(0, +) / Double(epochs)),
        ])
    }
}
