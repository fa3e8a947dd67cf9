import Foundation
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaTraining

/// Lecture 002's Keras model, in Swift: Flatten → Dense(128, relu) → Dense(10, softmax) on
/// Fashion-MNIST, pixels divided by 255 as in the lecture (`train_images / 255`), Adam, sparse
/// categorical cross-entropy, batch 32, 5 epochs. The lecture reached a test accuracy of 0.8792
/// after its 5 epochs (epoch 1: loss 0.5003, accuracy 0.8238); the text sets each epoch beside
/// the lecture's same epoch.
///
/// `make demo` runs this sample; `--live` shows the training in the browser (NeuronaLab's
/// `LiveView`). Options: `--epochs`, `--batch-size`, `--seed`, `--data-dir`;
/// `trainLimit` (tests) trains on the first examples only.
public enum FashionMNISTLesson: Lesson {
    public static let name = "fashion-mnist"
    public static let lectures = ["002"]
    public static let summary = "Flatten → Dense(128, relu) → Dense(10, softmax) on Fashion-MNIST with Adam"

    /// The lecture's training log (Keras, batch 32): loss and accuracy after each of its 5 epochs.
    public static let lectureEpochs: [(loss: Double, accuracy: Double)] =
        [(0.5003, 0.8238), (0.3782, 0.8643), (0.3362, 0.8784), (0.3141, 0.8844), (0.2934, 0.8922)]

    /// The test accuracy after the lecture's 5 epochs with seed 42 on the whole training set,
    /// lowest and highest over the CPU kernel sets measured: its last digits depend on the order in
    /// which the CPU's BLAS kernels (`OPENBLAS_CORETYPE`) and Neurona's own vector paths
    /// (`NEURONA_VECTOR_LEVEL`) sum. Release builds, 2026-12-07, AMD EPYC Zen 4 (AVX-512), every
    /// pair forced; the pairs an AVX2 EPYC (Zen 3) runs gave it the same figures on 2026-12-06:
    ///
    /// | OpenBLAS kernels | avx512 | avx2 | sse2 |
    /// |---|---|---|---|
    /// | `Zen`, `Haswell` | 0.8758 | 0.8670 | 0.8743 (`Zen`) |
    /// | `Sandybridge` | – | 0.8721 | 0.8749 |
    /// | `Prescott` | – | 0.8741 | 0.8741 |
    /// | `Cooperlake` | 0.8730 | 0.8712 | 0.8715 |
    /// | `SkylakeX` | 0.8745 | 0.8762 | 0.8756 |
    ///
    /// A CPU's own start: 0.8670 on AVX2 EPYCs (`Zen` with avx2), 0.8730 on AVX-512 EPYCs
    /// (`Cooperlake` with avx512), 0.8745 with the Makefile's `OPENBLAS_CORETYPE=SkylakeX` there.
    /// Seeds 1–8 on one kernel set gave 0.8603–0.8767 (mean 0.8731, standard deviation 0.0054):
    /// another kernel set is like another seed.
    public static let testAccuracyAcrossKernelSets = (lowest: 0.8670, highest: 0.8762)

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let setup = try FashionMNISTSetup(options)
        let (data, model, trainX, trainY) = (setup.data, setup.model, setup.trainX, setup.trainY)
        let (trainImages, testImages, epochs, batchSize) = (data.trainImages, data.testImages, setup.epochs, setup.batchSize)
        let liveOptions = try LiveOptions.parse(lessonArguments: options.arguments, lesson: name)
        model.summary()
        let live = try liveOptions.start(
            title: "fashion-mnist: Flatten → Dense(128, relu) → Dense(10, softmax)",
            probe: (trainX.slice(axis: 0, start: 0, end: Swift.min(64, trainX.shape[0])), trainY.slice(axis: 0, start: 0, end: Swift.min(64, trainY.shape[0]))),
            examples: (testImages.slice(axis: 0, start: 0, end: 12), data.testLabels.slice(axis: 0, start: 0, end: 12), data.classNames))
        let history = try model.fit(x: trainX, y: trainY, epochs: epochs, batchSize: batchSize, callbacks: live.map { [$0] } ?? [],
                                    verbose: options.quiet || live != nil ? .silent : .progressBar)
        LiveOptions.linger(live)
        // Keras's `test_loss, test_acc = model.evaluate(test_images, test_labels)`.
        let (testLoss, testAccuracy) = try model.evaluate(x: testImages, y: data.testLabels, batchSize: 256).lossAnd("accuracy")
        let seconds = history["seconds"]
        let secondsPerEpoch = seconds.reduce(0, +) / Double(Swift.max(seconds.count, 1))

        let predictions = try model.predict(testImages.slice(axis: 0, start: 0, end: 8)).argmax(axis: 1).scalars(as: Int64.self)
        let truth = data.testLabels.slice(axis: 0, start: 0, end: 8).scalars(as: Int64.self)
        var text = """

        Fashion-MNIST with lecture 002's model (data: \(data.folder.path))
        \(trainX.shape[0]) training images, \(data.testImages.shape[0]) test images, batch \(batchSize), \(counted(epochs, "epoch")), seed \(options.seed)

        epoch  loss    accuracy  seconds   lecture's epoch: loss    accuracy
        """
        for (i, epoch) in history.epochs.enumerated() {
            var row = String(format: "%5d  %.4f  %.4f    %.2f", epoch, history["loss"][i], history["accuracy"][i], seconds[i])
            if epoch >= 1 && epoch <= lectureEpochs.count {
                row = row.padding(toLength: 52, withPad: " ", startingAt: 0)
                    + String(format: "%.4f  %.4f", lectureEpochs[epoch - 1].loss, lectureEpochs[epoch - 1].accuracy)
            }
            text += "\n" + row
        }
        text += "\n\ntest accuracy after \(counted(epochs, "epoch")): " + String(format: "%.4f", testAccuracy)
            + " (lecture, after its \(counted(lectureEpochs.count, "epoch")): 0.8792"
            + (epochs == lectureEpochs.count ? ")" : "; compare the epochs above instead)")
        let isLecturesRun = epochs == lectureEpochs.count && batchSize == 32 && options.seed == 42 && options.trainLimit == nil
        if isLecturesRun {
            text += String(format: "\nthis run on other CPUs: %.4f–%.4f (their kernels sum in other orders; the seed matters as much)",
                           testAccuracyAcrossKernelSets.lowest, testAccuracyAcrossKernelSets.highest)
        }
        text += "\nseconds per epoch: " + String(format: "%.2f", secondsPerEpoch)
        text += "\nfirst test images: " + zip(predictions, truth).map { p, t in
            "\(data.classNames[Int(p)])\(p == t ? "" : " (is \(data.classNames[Int(t)]))")"
        }.joined(separator: ", ")
        return try LessonReport(text: text + drawPictures(data: data, trainImages: trainImages, testImages: testImages, model: model, history: history, options: options), figures: [
            "epoch_losses": .numbers(history["loss"]), "epoch_accuracies": .numbers(history["accuracy"]),
            "test_accuracy": .number(testAccuracy), "test_loss": .number(testLoss),
            "seconds_per_epoch": .number(secondsPerEpoch), "epoch_seconds": .numbers(seconds),
            "train_count": .number(Double(trainX.shape[0])), "test_count": .number(Double(data.testImages.shape[0])),
            "batch_size": .number(Double(batchSize)), "data_folder": .string(data.folder.path),
            "first_test_predictions": .numbers(predictions.map(Double.init)), "first_test_labels": .numbers(truth.map(Double.init)),
            "is_lectures_run": .number(isLecturesRun ? 1 : 0),
        ])
    }
}
