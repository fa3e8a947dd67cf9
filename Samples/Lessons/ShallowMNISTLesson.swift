import Foundation
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaMetrics
import NeuronaOptimizers
import NeuronaTraining

/// Lecture 001's shallow network: 784 → 128 (tanh) → 10 (sigmoid), mean squared error on one-hot
/// targets, Adam, 15 epochs. The lecture reached 0.9758 on MNIST. MNIST is used when its files
/// are found (`--data-dir`, `$NEURONA_DATA/mnist`, `~/.cache/neurona/mnist`); otherwise
/// Fashion-MNIST, which Debian packages.
public enum ShallowMNISTLesson: Lesson {
    public static let name = "shallow-mnist"
    public static let lectures = ["001"]
    public static let summary = "784 → 128 tanh → 10 sigmoid with MSE on one-hot targets (MNIST, else Fashion-MNIST)"

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let folder = options.dataDirectory.map { URL(fileURLWithPath: $0) }
        let (dataset, data): (String, ImageClassificationData)
        if let mnist = try? MNISTFamily.mnist.load(from: folder) {
            (dataset, data) = ("mnist", mnist)
        } else {
            (dataset, data) = ("fashion-mnist", try MNISTFamily.fashionMNIST.load())
        }
        var trainX = data.trainImages.reshaped([-1, 784]), trainY = data.trainLabels
        if let limit = options.trainLimit {
            trainX = trainX.slice(axis: 0, start: 0, end: limit)
            trainY = trainY.slice(axis: 0, start: 0, end: limit)
        }
        let oneHot = trainY.oneHot(classes: 10)
        let network = try Sequential([Dense(units: 128, activation: .tanh), Dense(units: 10, activation: .sigmoid)],
                                     inputShape: [784], seed: options.seed)
        let model = Model(network, seed: options.seed)
        model.compile(optimizer: Adam(), loss: MeanSquaredError(), metrics: [Accuracy()])
        let epochs = options.epochs ?? 15
        let history = try model.fit(x: trainX, y: oneHot, epochs: epochs, batchSize: options.batchSize ?? 32,
                                    verbose: options.quiet ? .silent : .progressBar)
        let predictions = try model.predict(data.testImages.reshaped([-1, 784]))
        let accuracy = Accuracy()(predictions, data.testLabels)
        let seconds = history["seconds"]
        let secondsPerEpoch = seconds.reduce(0, +) / Double(Swift.max(seconds.count, 1))
        let text = """

        Shallow network (lecture 001) on \(dataset): 784 → 128 tanh → 10 sigmoid, MSE on one-hot targets, Adam, \(counted(epochs, "epoch"))
        test accuracy: \(format(accuracy, 4)) (lecture, on MNIST: 0.9758)
        seconds per epoch: \(format(secondsPerEpoch, 2))
        """
        return LessonReport(text: text, figures: [
            "dataset": .string(dataset), "test_accuracy": .number(accuracy), "seconds_per_epoch": .number(secondsPerEpoch),
            "epoch_losses": .numbers(history["loss"]),
        ])
    }
}
