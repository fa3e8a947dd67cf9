import ArgumentParser
import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaData
import NeuronaLab
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
import NeuronaPictures

/// Lectures 001 and 004: the TensorFlow-playground exercise (playground.tensorflow.org).
///
/// It trains with NeuronaLab's ``PlaygroundTrainer``, the engine of the lab's page
/// (`swift run -c release neurona-lab`), so the same settings give the same numbers in both.
///
/// Four 2-D data sets (circles, XOR, two gaussians, spirals; and the regression sets plane and multi-gaussian) at the playground's scale (about
/// −6…6), split into training and test points; the inputs are chosen among the playground's
/// features x1, x2, x1², x2², x1·x2, sin x1, sin x2; a network of tanh (or other) hidden layers
/// ends in one sigmoid unit trained with binary cross-entropy (plus L1 or L2 regularization of the
/// weights), Adam, mini-batches of 10. For each data set: test loss and accuracy, and a picture of
/// the decision boundary. Then the lecture's question, which features make a linear model enough:
/// a table of test accuracy per data set for a model with no hidden layer and each feature choice.
///
///     samples playground --dataset xor --features x1,x2 --hidden ""      # a line cannot do XOR
///     samples playground --dataset xor --features x1,x2,x1x2 --hidden "" # one product feature can
///     samples playground --dataset spirals --hidden 8,8 --epochs 300
public enum PlaygroundLesson: Lesson {
    /// An input feature of the playground (x1, x2, x1², x2², x1·x2, sin x1, sin x2): NeuronaLab's,
    /// which the sample and the lab train with; under this name for the activities' exercises.
    public typealias Feature = PlaygroundFeature

    public static let name = "playground"
    public static let lectures = ["001", "004"]
    public static let summary = "the TensorFlow playground: circles, XOR, gaussians, spirals; features, hidden layers, decision boundaries"

    /// The playground's settings, as flags after the topic.
    public struct Settings: ParsableArguments {
        @Option(help: "Data sets, comma separated: circles, xor, gaussians, spirals (classes); plane, multi-gaussian (regression).")
        public var dataset = "circles,xor,gaussians,spirals"
        @Option(help: "Points per data set.") public var points = 400
        @Option(help: "Noise: standard deviation of the jitter, as a fraction of the data's radius (the playground's 0–50 %).")
        public var noise = 0.0
        @Option(help: "Fraction of the points used for training (the playground's 'ratio of training to test data').")
        public var trainRatio = 0.5
        @Option(help: "Input features, comma separated: x1, x2, x1^2, x2^2, x1x2, sin(x1), sin(x2).")
        public var features = "x1,x2"
        @Option(help: "Units of each hidden layer, comma separated (empty: no hidden layer, a linear model).")
        public var hidden = "4,2"
        @Option(help: "Hidden layers' activation: tanh, relu, sigmoid, linear.") public var activation = "tanh"
        @Option(help: "Adam's learning rate.") public var learningRate = 0.03
        @Option(help: "Weight regularization: none, l1, l2.") public var regularization = "none"
        @Option(help: "Regularization rate λ (loss + λ·Σ|w| or λ·Σw²).") public var regularizationRate = 0.0
        @Option(help: "Mini-batch size.") public var batch = 10
        @Flag(help: "Skip the table of linear models per feature choice.") public var noTable = false

        public init() {}
    }

    /// The playground's classification data sets (the regression ones, `plane` and
    /// `multi-gaussian`, are asked for by name).
    public static let datasetNames = PlaygroundDataset.allCases.filter { !$0.isRegression }.map(\.rawValue)

    /// The engine's settings for one data set from the command line's.
    static func engineSettings(_ settings: Settings, dataset: PlaygroundDataset, features: [PlaygroundFeature], hidden: [Int],
                               seed: UInt64) throws -> PlaygroundSettings {
        var engine = PlaygroundSettings()
        engine.dataset = dataset
        engine.points = settings.points
        engine.noise = settings.noise
        engine.trainRatio = settings.trainRatio
        engine.batchSize = settings.batch
        engine.features = features
        engine.hidden = hidden
        engine.activation = settings.activation
        engine.learningRate = settings.learningRate
        guard let regularization = PlaygroundRegularization(rawValue: settings.regularization) else {
            throw ValidationError("playground: --regularization is none, l1 or l2, got '\(settings.regularization)'")
        }
        engine.regularization = regularization
        engine.regularizationRate = settings.regularizationRate
        engine.seed = seed
        return engine
    }

    /// Trains a network for `epochs` epochs with the lab's engine (so the lab's page, given the
    /// same settings, shows the same numbers).
    static func train(_ settings: PlaygroundSettings, epochs: Int) throws -> PlaygroundTrainer {
        let trainer = try PlaygroundTrainer(settings: settings, limits: .commandLine)
        for _ in 0..<epochs { try trainer.trainEpoch() }
        return trainer
    }

    /// The feature choices of the table of linear models.
    static let tableFeatures: [[PlaygroundFeature]] = [[.x1, .x2], [.x1, .x2, .x1x2], [.x1Squared, .x2Squared],
                                                       [.x1, .x2, .sinX1, .sinX2], PlaygroundFeature.allCases]

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let settings: Settings
        do { settings = try Settings.parse(options.arguments) } catch {
            throw ValidationError("playground: " + Settings.fullMessage(for: error))
        }
        let names = settings.dataset.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let datasets = try names.map { try PlaygroundDataset(parsing: $0) }
        let features = try settings.features.split(separator: ",").map { try PlaygroundFeature(parsing: String($0)) }
        let hidden = try settings.hidden.split(separator: ",").map { text -> Int in
            guard let units = Int(text.trimmingCharacters(in: .whitespaces)), units > 0 else {
                throw ValidationError("playground: --hidden wants positive unit counts separated by commas, got '\(settings.hidden)'")
            }
            return units
        }
        // Every setting is checked once, by the engine, before anything trains.
        for dataset in datasets {
            try engineSettings(settings, dataset: dataset, features: features, hidden: hidden, seed: options.seed)
                .validate(limits: .commandLine)
        }
        let epochs = options.epochs ?? 200
        let trainCount = try engineSettings(settings, dataset: .circles, features: features, hidden: hidden, seed: options.seed).trainCount
        let architecture = ([features.count] + hidden + [1]).map(String.init).joined(separator: "-")

        var text = """
        The TensorFlow playground (lectures 001, 004)

        \(settings.points) points per data set (seed \(options.seed), noise \(format(settings.noise, 3))), \
        \(trainCount) for training and \(settings.points - trainCount) for testing
        features \(features.map(\.rawValue).joined(separator: ", ")); network \(architecture), \
        \(hidden.isEmpty ? "no hidden layer (a linear model)" : "\(settings.activation) hidden layers"), sigmoid output
        Adam (η = \(format(settings.learningRate, 4))), batches of \(settings.batch), \(counted(epochs, "epoch")), \
        regularization \(settings.regularization)\(settings.regularization == "none" ? "" : " (λ = \(format(settings.regularizationRate, 5)))")

          data set     train loss  test loss  test accuracy

        """
        var figures: [String: JSONValue] = [:]
        var pictures: [String] = []
        for (name, dataset) in zip(names, datasets) {
            let trainer = try train(engineSettings(settings, dataset: dataset, features: features, hidden: hidden, seed: options.seed),
                                    epochs: epochs)
            let result = trainer.measure()
            let points = trainer.data.points
            let extent = (points.map { Swift.max(Swift.abs($0.x1), Swift.abs($0.x2)) }.max() ?? 5) * 1.1
            // Regression values (−1…1) are drawn on the same scale as probabilities (0…1).
            let boundary = DecisionBoundary(xRange: -extent...extent, yRange: -extent...extent,
                                            title: result.testAccuracy.map { "\(name): test accuracy \(format($0, 3))" }
                                                ?? "\(name): test loss \(format(result.testLoss, 4))")
            let file = URL(fileURLWithPath: options.outputDirectory).appendingPathComponent("playground-\(name).png")
            let surface = trainer.predict(boundary.gridPoints.map { ($0[0], $0[1]) })
            try boundary.write(probabilities: dataset.isRegression ? surface.map { ($0 + 1) / 2 } : surface,
                               points: points.map { .init(x: $0.x1, y: $0.x2, label: $0.label >= (dataset.isRegression ? 0 : 0.5) ? 1 : 0) },
                               to: file)
            pictures.append(file.path)
            if let accuracy = result.testAccuracy { figures["\(name)_test_accuracy"] = .number(accuracy) }
            figures["\(name)_test_loss"] = .number(result.testLoss)
            figures["\(name)_train_loss"] = .number(result.trainLoss)
            text += "  \(name.padding(toLength: 11, withPad: " ", startingAt: 0))  \(format(result.trainLoss, 4).padding(toLength: 10, withPad: " ", startingAt: 0))  \(format(result.testLoss, 4).padding(toLength: 9, withPad: " ", startingAt: 0))  \(result.testAccuracy.map { format($0, 3) } ?? "—")\n"
        }
        if !settings.noTable {
            text += "\nWhich features make a linear model (no hidden layer) enough? Test accuracy:\n\n  features" + String(repeating: " ", count: 30)
            text += names.map { $0.padding(toLength: 11, withPad: " ", startingAt: 0) }.joined() + "\n"
            var table: [String: JSONValue] = [:]
            for choice in tableFeatures {
                let label = choice.count == PlaygroundFeature.allCases.count ? "all seven" : choice.map(\.rawValue).joined(separator: ", ")
                text += "  " + label.padding(toLength: 38, withPad: " ", startingAt: 0)
                for (name, dataset) in zip(names, datasets) {
                    let trainer = try train(engineSettings(settings, dataset: dataset, features: choice, hidden: [], seed: options.seed),
                                            epochs: epochs)
                    let result = trainer.measure()
                    let score = result.testAccuracy ?? result.testLoss
                    table["\(name) | \(label)"] = .number(score)
                    text += format(score, 3).padding(toLength: 11, withPad: " ", startingAt: 0)
                }
                text += "\n"
            }
            figures["linear_feature_table"] = .object(table)
        }
        text += "\nPictures (background: predicted probability of the blue class; points: the data, by class):\n"
        text += pictures.map { "  " + $0 }.joined(separator: "\n")
        figures["architecture"] = .string(architecture)
        figures["train_count"] = .number(Double(trainCount))
        figures["epochs"] = .number(Double(epochs))
        figures["datasets"] = .array(names.map { .string($0) })
        figures["features"] = .array(features.map { .string($0.rawValue) })
        figures["pictures"] = .array(pictures.map { .string($0) })
        return LessonReport(text: text, figures: figures)
    }
}
