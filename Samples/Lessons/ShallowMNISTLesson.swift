import Foundation
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaMetrics
import NeuronaOptimizers
import NeuronaTraining

/// Lecture 001's shallow network: 784 → 128 (tanh) → 10 (sigmoid), mean squared error on one-hot
/// targets, Adam, 15 epochs, on pixels divided by 255 as in the lecture. The lecture reached
/// 0.9758 on MNIST after 15 epochs. With `--data-dir`, the MNIST files are read from that folder
/// and only from there (a folder without them is an error naming it and the files expected);
/// without it, from `$NEURONA_DATA/mnist` or `~/.cache/neurona/mnist` when they are there, and
/// otherwise Fashion-MNIST, which Debian packages.
public enum ShallowMNISTLesson: Lesson {
    public static let name = "shallow-mnist"
    public static let lectures = ["001"]
    public static let summary = "784 → 128 tanh → 10 sigmoid with MSE on one-hot targets (MNIST, else Fashion-MNIST)"

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let (dataset, data) = try loadData(options)
        let trainImages = data.trainImages / 255, testImages = data.testImages / 255
        var trainX = trainImages.reshaped([-1, 784]), trainY = data.trainLabels
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
        let predictions = try model.predict(testImages.reshaped([-1, 784]))
        let accuracy = Accuracy()(predictions, data.testLabels)
        let seconds = history["seconds"]
        let secondsPerEpoch = seconds.reduce(0, +) / Double(Swift.max(seconds.count, 1))
        let text = """

        Shallow network (lecture 001) on \(dataset): 784 → 128 tanh → 10 sigmoid, MSE on one-hot targets, Adam, \(counted(epochs, "epoch"))
        test accuracy after \(counted(epochs, "epoch")): \(format(accuracy, 4)) (\(lectureComparison(dataset: dataset, epochs: epochs)))
        seconds per epoch: \(format(secondsPerEpoch, 2))
        """
        return LessonReport(text: text, figures: [
            "dataset": .string(dataset), "test_accuracy": .number(accuracy), "seconds_per_epoch": .number(secondsPerEpoch),
            "epoch_losses": .numbers(history["loss"]),
        ])
    }

    /// The lecture's figure, saying whether this run is comparable with it: the lecture trained
    /// 15 epochs on MNIST.
    static func lectureComparison(dataset: String, epochs: Int) -> String {
        dataset == "mnist" && epochs == 15
            ? "lecture, the same 15 epochs on MNIST: 0.9758"
            : "lecture: 0.9758 after 15 epochs on MNIST; this run, \(counted(epochs, "epoch")) on \(dataset), is not comparable with it"
    }

    /// The files of `--data-dir` (an error when that folder lacks them; Fashion-MNIST when its
    /// label files are Fashion-MNIST's, else MNIST), else MNIST from its usual folders, else
    /// Fashion-MNIST; with the data set's name.
    static func loadData(_ options: LessonOptions) throws -> (String, ImageClassificationData) {
        if let folder = options.dataDirectory.map({ URL(fileURLWithPath: $0) }) {
            // Both data sets use the same file names: the label files' checksums tell them apart,
            // so that Fashion-MNIST is never reported (and compared with the lecture) as MNIST.
            try MNISTFamily.mnist.checkHoldsAllFiles(folder)
            if MNISTFamily.fashionMNIST.recognizes(folder) {
                return ("fashion-mnist", try MNISTFamily.fashionMNIST.load(from: folder))
            }
            return ("mnist", try MNISTFamily.mnist.load(from: folder))
        }
        do {
            return ("mnist", try MNISTFamily.mnist.load())
        } catch let error as DataError where error.kind == .notFound {
            return ("fashion-mnist", try MNISTFamily.fashionMNIST.load())
        }
    }
}
