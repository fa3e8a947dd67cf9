import Foundation
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaTraining

/// Lecture 002's Keras model, in Swift: Flatten → Dense(128, relu) → Dense(10, softmax) on
/// Fashion-MNIST, Adam, sparse categorical cross-entropy, batch 32, 5 epochs. The lecture reached
/// a test accuracy of 0.8792 (epoch 1: loss 0.50, accuracy 0.82).
///
/// `make demo` runs this sample. Options: `--epochs`, `--batch-size`, `--seed`, `--data-dir`;
/// `trainLimit` (tests) trains on the first examples only.
public enum FashionMNISTLesson: Lesson {
    public static let name = "fashion-mnist"
    public static let lectures = ["002"]
    public static let summary = "Flatten → Dense(128, relu) → Dense(10, softmax) on Fashion-MNIST with Adam"

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let data = try MNISTFamily.fashionMNIST.load(from: options.dataDirectory.map { URL(fileURLWithPath: $0) })
        var trainX = data.trainImages, trainY = data.trainLabels
        if let limit = options.trainLimit {
            trainX = trainX.slice(axis: 0, start: 0, end: limit)
            trainY = trainY.slice(axis: 0, start: 0, end: limit)
        }
        let epochs = options.epochs ?? 5
        let batchSize = options.batchSize ?? 32
        let network = try Sequential([Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)],
                                     inputShape: [28, 28], seed: options.seed)
        let model = Model(network, seed: options.seed)
        try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        print(network.summary())
        let history = try model.fit(x: trainX, y: trainY, epochs: epochs, batchSize: batchSize,
                                    verbose: options.quiet ? .silent : .progressBar)
        let scores = try model.evaluate(x: data.testImages, y: data.testLabels, batchSize: 256)
        let testAccuracy = scores["accuracy"]!
        let seconds = history["seconds"]
        let secondsPerEpoch = seconds.reduce(0, +) / Double(Swift.max(seconds.count, 1))

        let predictions = try model.predict(data.testImages.slice(axis: 0, start: 0, end: 8)).argmax(axis: 1).scalars(as: Int64.self)
        let truth = data.testLabels.slice(axis: 0, start: 0, end: 8).scalars(as: Int64.self)
        var text = """

        Fashion-MNIST with lecture 002's model (data: \(data.folder.path))
        \(trainX.shape[0]) training images, \(data.testImages.shape[0]) test images, batch \(batchSize), \(counted(epochs, "epoch")), seed \(options.seed)

        epoch  loss    accuracy  seconds
        """
        for (i, epoch) in history.epochs.enumerated() {
            text += "\n" + String(format: "%5d  %.4f  %.4f    %.2f", epoch, history["loss"][i], history["accuracy"][i], seconds[i])
        }
        text += "\n\ntest accuracy: " + String(format: "%.4f", testAccuracy) + " (lecture: 0.8792)"
        text += "\nseconds per epoch: " + String(format: "%.2f", secondsPerEpoch)
        text += "\nfirst test images: " + zip(predictions, truth).map { p, t in
            "\(data.classNames[Int(p)])\(p == t ? "" : " (is \(data.classNames[Int(t)]))")"
        }.joined(separator: ", ")
        return try LessonReport(text: text + drawPictures(data: data, model: model, history: history, options: options), figures: [
            "epoch_losses": .numbers(history["loss"]), "epoch_accuracies": .numbers(history["accuracy"]),
            "test_accuracy": .number(testAccuracy), "test_loss": .number(scores["loss"]!),
            "seconds_per_epoch": .number(secondsPerEpoch), "epoch_seconds": .numbers(seconds),
            "train_count": .number(Double(trainX.shape[0])), "test_count": .number(Double(data.testImages.shape[0])),
            "batch_size": .number(Double(batchSize)), "data_folder": .string(data.folder.path),
            "first_test_predictions": .numbers(predictions.map(Double.init)), "first_test_labels": .numbers(truth.map(Double.init)),
        ])
    }
}
