import ArgumentParser
import Foundation
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaMetrics
import NeuronaOptimizers
import NeuronaTraining

/// Data augmentation as regularization (lecture 004's next part, «Entrenamiento avanzado de
/// redes: regularización»): the same small CNN trained on a few hundred of scikit-learn's 8×8
/// digits, with and without random rotations, zooms and shifts in front of it, scored on the
/// digits held back.
///
/// RandomRotation(0.05) (±18°), RandomZoom(0.1) and RandomTranslation(0.1, 0.1), filling with
/// the black background (`constant`) and reading the nearest pixel (bilinear reads blur 8×8
/// digits that the test images show sharp: measured, it lost to no augmentation), change each
/// training batch; in inference they pass the images through, so both networks are scored on
/// the same untouched test images. Each pair of runs shares its seed (weights, shuffles); the
/// lesson repeats it for three seeds, since one run on a few hundred images says little.
///
/// The augmented network needs more epochs than the plain one to fit its ever-changing images:
/// with 60 epochs augmentation won 6 of 12 runs on 200 images; with 100 epochs on 150 images it
/// won every one of 12 runs (seeds 1, 7, 42 and 100, three runs each), by 2.0–2.5 points on average.
public enum AugmentationLesson: Lesson {
    public static let name = "augmentation"
    public static let lectures = ["004"]
    public static let summary = "random rotations, zooms and shifts in training: the same CNN on 150 digits, with and without"

    /// The training images (the rest of the 1,797 digits are held back for the test).
    static let defaultTrainCount = 150
    /// Epochs per run.
    static let defaultEpochs = 100

    /// The lesson's own flag (`samples augmentation --runs 1`).
    public struct Settings: ParsableArguments {
        @Option(help: "Runs per network, with seeds seed, seed + 1, …") public var runs = 3

        public init() {}
    }

    /// The augmentation layers, in front of the CNN in training.
    public static func augmentation() -> [any Layer] {
        [RandomRotation(factor: 0.05, fillMode: .constant, interpolation: .nearest),
         RandomZoom(heightFactor: 0.1, fillMode: .constant, interpolation: .nearest),
         RandomTranslation(heightFactor: 0.1, widthFactor: 0.1, fillMode: .constant, interpolation: .nearest)]
    }

    /// Conv2D(16) → MaxPool → Conv2D(32) → MaxPool → Dense(64) → Dense(10) on 8×8×1 digits,
    /// after the augmentation layers when `augmented`.
    public static func network(augmented: Bool, seed: UInt64) throws -> Sequential {
        let cnn: [any Layer] = [Conv2D(filters: 16, kernelSize: 3, padding: .same, activation: .relu), MaxPool2D(poolSize: 2),
                                Conv2D(filters: 32, kernelSize: 3, padding: .same, activation: .relu), MaxPool2D(poolSize: 2),
                                Flatten(), Dense(units: 64, activation: .relu), Dense(units: 10, activation: .softmax)]
        return try Sequential((augmented ? augmentation() : []) + cnn, inputShape: [8, 8, 1], seed: seed)
    }

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let settings: Settings
        do { settings = try Settings.parse(options.arguments) } catch {
            throw ValidationError("augmentation: " + Settings.fullMessage(for: error))
        }
        guard settings.runs > 0 else { throw ValidationError("augmentation: --runs must be positive, got \(settings.runs)") }
        let seedCount = settings.runs
        let digits = try BundledDatasets.digits()
        let images = (digits.features / 16).reshaped([-1, 8, 8, 1])   // pixels 0–16 → [0, 1]
        let epochs = options.epochs ?? defaultEpochs
        let batchSize = options.batchSize ?? 32
        let trainCount = options.trainLimit ?? defaultTrainCount
        guard trainCount > 0 && trainCount < images.shape[0] else {
            throw TrainingError.invalidArgument("augmentation: --train-limit must be between 1 and \(images.shape[0] - 1), got \(trainCount)")
        }
        // One fixed split for every run: the first `trainCount` of a seeded order train, the rest test.
        var g = RandomGenerator(seed: options.seed)
        let order = Tensor.permutation(images.shape[0], using: &g)
        let trainIndices = order.slice(axis: 0, start: 0, end: trainCount)
        let testIndices = order.slice(axis: 0, start: trainCount, end: images.shape[0])
        let (x, y) = (images.indexSelect(trainIndices), digits.targets.indexSelect(trainIndices))
        let (testX, testY) = (images.indexSelect(testIndices), digits.targets.indexSelect(testIndices))

        var accuracies: [String: [Double]] = ["plain": [], "augmented": []]
        var trainAccuracies: [String: [Double]] = ["plain": [], "augmented": []]
        var parameters = 0
        for run in 0..<seedCount {
            let seed = options.seed &+ UInt64(run)
            for (key, augmented) in [("plain", false), ("augmented", true)] {
                let network = try network(augmented: augmented, seed: seed)
                parameters = network.parameterCount
                let model = Model(network, seed: seed)
                try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
                try model.fit(x: x, y: y, epochs: epochs, batchSize: batchSize, verbose: .silent)
                accuracies[key]!.append(try model.evaluate(x: testX, y: testY, batchSize: 256).lossAnd("accuracy").metric)
                trainAccuracies[key]!.append(try model.evaluate(x: x, y: y, batchSize: 256).lossAnd("accuracy").metric)
            }
        }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        let (plain, augmented) = (accuracies["plain"]!, accuracies["augmented"]!)
        let wins = zip(augmented, plain).filter { $0 > $1 }.count
        let seeds = (0..<seedCount).map { "\(options.seed &+ UInt64($0))" }.joined(separator: ", ")
        let text = """

        Data augmentation on scikit-learn's 8×8 digits: \(trainCount) training images, \(testY.count) held back, \
        \(counted(epochs, "epoch")), batch \(batchSize), seeds \(seeds)
        The same CNN (\(parameters) parameters), alone and behind RandomRotation(0.05), RandomZoom(0.1) and
        RandomTranslation(0.1, 0.1) (nearest pixel), which change every training batch and pass test images through:
          without augmentation: test accuracy \(format(mean(plain), 4)) (runs \(plain.map { format($0, 4) }.joined(separator: ", "))), \
        training accuracy \(format(mean(trainAccuracies["plain"]!), 4))
          with augmentation:    test accuracy \(format(mean(augmented), 4)) (runs \(augmented.map { format($0, 4) }.joined(separator: ", "))), \
        training accuracy \(format(mean(trainAccuracies["augmented"]!), 4))
        Augmentation won \(wins) of \(seedCount) runs. Few images let the plain network learn them by heart;
        turned, zoomed and shifted copies show it each digit in more ways than the training set holds,
        so what it learns carries over to digits it has not seen.
        """
        return LessonReport(text: text, figures: [
            "plain_test_accuracy": .number(mean(plain)), "augmented_test_accuracy": .number(mean(augmented)),
            "plain_test_accuracies": .numbers(plain), "augmented_test_accuracies": .numbers(augmented),
            "plain_train_accuracy": .number(mean(trainAccuracies["plain"]!)),
            "augmented_train_accuracy": .number(mean(trainAccuracies["augmented"]!)),
            "augmented_wins": .number(Double(wins)), "runs": .number(Double(seedCount)),
            "train_count": .number(Double(trainCount)), "test_count": .number(Double(testY.count)),
            "epochs": .number(Double(epochs)), "batch_size": .number(Double(batchSize)), "parameters": .number(Double(parameters)),
        ])
    }
}
