import Foundation
import NeuronaCore
import NeuronaData
import NeuronaDistributed
import NeuronaLayers
import NeuronaTraining

/// Lecture 002's Fashion-MNIST model trained data-parallel over Open MPI: the same program on
/// one process or many.
///
/// ```
/// mpirun -np 2 .build/release/samples distributed     # 2 ranks, 16 examples each per batch of 32
/// .build/release/samples distributed                  # 1 process, batch 32: the same figures
/// ```
///
/// Every rank loads the data itself (from `--data-dir`, or the same default folders as
/// `fashion-mnist`), starts from rank 0's weights, trains on its half of each global batch
/// (`--batch-size`, default 32) and averages gradients before each update, so the test accuracy
/// is the one process's with the same global batch. Only rank 0 prints. Options: `--epochs`,
/// `--batch-size`, `--seed`, `--data-dir`; `trainLimit` (tests) trains on the first examples only.
public enum DistributedLesson: Lesson {
    public static let name = "distributed"
    public static let lectures = ["002"]
    public static let summary = "fashion-mnist's model trained data-parallel over Open MPI (run under mpirun -np 2)"

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let world = try Distributed.initialize()
        let setup = try FashionMNISTSetup(options)
        let (data, model, trainX, trainY) = (setup.data, setup.model, setup.trainX, setup.trainY)
        let (epochs, batchSize) = (setup.epochs, setup.batchSize)
        let strategy = DataParallel(world)
        let history = try model.fit(x: trainX, y: trainY, epochs: epochs, batchSize: batchSize,
                                    verbose: options.quiet ? .silent : .progressBar, strategy: strategy)
        // Every rank holds the same weights; each evaluates the whole test set (no exchange).
        let scores = try model.evaluate(x: data.testImages, y: data.testLabels, batchSize: 256)
        let testAccuracy = scores["accuracy"]!
        let seconds = history["seconds"]
        let totalSeconds = seconds.reduce(0, +)
        let communicationShare = totalSeconds > 0 ? strategy.communicationSeconds / totalSeconds : 0
        try world.barrier()
        guard world.isPrimary else {
            return LessonReport(text: "", figures: ["rank": .number(Double(world.rank))])
        }
        let perRank = world.size > 1 ? " (\(batchSize / world.size)\(batchSize % world.size == 0 ? "" : "–\(batchSize / world.size + 1)") per rank)" : ""
        var text = """

        Fashion-MNIST, lecture 002's model, data-parallel on \(counted(world.size, "rank")) (data: \(data.folder.path))
        \(trainX.shape[0]) training images, global batch \(batchSize)\(perRank), \(counted(epochs, "epoch")), seed \(options.seed)

        epoch  loss    accuracy  seconds
        """
        for (i, epoch) in history.epochs.enumerated() {
            text += "\n" + String(format: "%5d  %.4f  %.4f    %.2f", epoch, history["loss"][i], history["accuracy"][i], seconds[i])
        }
        text += "\n\ntest accuracy: " + String(format: "%.4f", testAccuracy)
            + " (one process with global batch \(batchSize) gets the same, up to float rounding: `samples distributed` without mpirun)"
        text += "\nseconds per epoch: " + String(format: "%.2f", totalSeconds / Double(Swift.max(seconds.count, 1)))
        if world.size > 1 {
            text += "\ntime averaging gradients: " + String(format: "%.1f%%", 100 * communicationShare)
                + " of training (\(strategy.allReduceCount / Swift.max(epochs, 1)) allreduces per epoch in \(counted(strategy.bucketCount, "bucket")))"
        }
        text += "\nThe losses and accuracies above are over all ranks' examples (History holds the global figures)."
        return LessonReport(text: text, figures: [
            "ranks": .number(Double(world.size)), "epoch_losses": .numbers(history["loss"]),
            "epoch_accuracies": .numbers(history["accuracy"]), "test_accuracy": .number(testAccuracy),
            "test_loss": .number(scores["loss"]!), "communication_share": .number(communicationShare),
            "data_folder": .string(data.folder.path), "train_count": .number(Double(trainX.shape[0])),
            "batch_size": .number(Double(batchSize)), "epochs": .number(Double(epochs)), "seed": .number(Double(options.seed)),
            "epoch_seconds": .numbers(seconds),
            "allreduces_per_epoch": .number(Double(strategy.allReduceCount / Swift.max(epochs, 1))),
            "buckets": .number(Double(strategy.bucketCount)),
        ])
    }
}
