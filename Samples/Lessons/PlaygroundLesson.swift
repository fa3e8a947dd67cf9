import ArgumentParser
import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
import NeuronaPictures

/// Lectures 001 and 004: the TensorFlow-playground exercise (playground.tensorflow.org).
///
/// Four 2-D data sets (circles, XOR, two gaussians, spirals) at the playground's scale (about
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
    public static let name = "playground"
    public static let lectures = ["001", "004"]
    public static let summary = "the TensorFlow playground: circles, XOR, gaussians, spirals; features, hidden layers, decision boundaries"

    /// The playground's settings, as flags after the topic.
    public struct Settings: ParsableArguments {
        @Option(help: "Data sets, comma separated: circles, xor, gaussians, spirals.")
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

    /// The playground's input features.
    public enum Feature: String, CaseIterable, Sendable {
        case x1, x2, x1Squared = "x1^2", x2Squared = "x2^2", x1x2, sinX1 = "sin(x1)", sinX2 = "sin(x2)"

        /// The feature's value at (x1, x2).
        func value(_ a: Double, _ b: Double) -> Double {
            switch self {
            case .x1: return a
            case .x2: return b
            case .x1Squared: return a * a
            case .x2Squared: return b * b
            case .x1x2: return a * b
            case .sinX1: return Foundation.sin(a)
            case .sinX2: return Foundation.sin(b)
            }
        }

        /// Parses `x1`, `x1^2` / `x1²` / `x1sq`, `x1x2` / `x1*x2`, `sin(x1)` / `sinx1`.
        static func parse(_ text: String) throws -> Feature {
            let key = text.lowercased().filter { !" ()*·".contains($0) }.replacingOccurrences(of: "²", with: "^2")
                .replacingOccurrences(of: "sq", with: "^2")
            let all: [String: Feature] = ["x1": .x1, "x2": .x2, "x1^2": .x1Squared, "x2^2": .x2Squared, "x1x2": .x1x2,
                                          "sinx1": .sinX1, "sinx2": .sinX2]
            guard let feature = all[key] else {
                throw ValidationError("playground: unknown feature '\(text)'; the features are \(Feature.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return feature
        }
    }

    /// The playground's data sets, at its scale.
    public static let datasetNames = ["circles", "xor", "gaussians", "spirals"]

    /// The data set's points `[n, 2]` (as Doubles, row by row) and classes 0/1, seeded.
    static func dataset(_ name: String, count: Int, noise: Double, seed: UInt64) throws -> (points: [[Double]], labels: [Int]) {
        let scale = 5.0
        let raw: (features: Tensor, labels: Tensor)
        switch name {
        case "circles": raw = SyntheticDatasets.circles(count: count, factor: 0.4, noise: noise, seed: seed)
        case "xor": raw = SyntheticDatasets.xor(count: count, noise: noise, seed: seed)
        case "gaussians": raw = SyntheticDatasets.blobs(count: count, centers: [[-0.4, -0.4], [0.4, 0.4]], spread: 0.1 + noise, seed: seed)
        case "spirals": raw = SyntheticDatasets.spirals(count: count, classes: 2, noise: noise, seed: seed)
        default:
            throw ValidationError("playground: unknown data set '\(name)'; the data sets are \(datasetNames.joined(separator: ", "))")
        }
        let xy = raw.features.doubles.map { $0 * scale }
        let labels = raw.labels.doubles.map { Int($0) }
        return ((0..<count).map { [xy[2 * $0], xy[2 * $0 + 1]] }, labels)
    }

    /// One trained network's results.
    struct Result {
        var trainLoss = 0.0, testLoss = 0.0, testAccuracy = 0.0, trainAccuracy = 0.0
        var probability: ([[Double]]) -> [Double]
    }

    /// Trains a network on the split data set and measures it.
    static func train(points: [[Double]], labels: [Int], trainCount: Int, features: [Feature], hidden: [Int],
                      activation: ActivationFunction, settings: Settings, epochs: Int, seed: UInt64) throws -> Result {
        func inputs(_ rows: [[Double]]) -> Tensor {
            Tensor(rows.flatMap { p in features.map { $0.value(p[0], p[1]) } }, shape: [rows.count, features.count], dtype: .float32)
        }
        var layers: [any Layer] = hidden.map { Dense(units: $0, activation: activation, kernelInitializer: .glorotUniform) }
        layers.append(Dense(units: 1, activation: .sigmoid))
        let network = try Sequential(layers, inputShape: [features.count], seed: seed)
        let parameters = network.namedParameters()
        let weights = parameters.filter { $0.name.hasSuffix("weight") }.map(\.variable)
        let adam = Adam(learningRate: settings.learningRate)
        let loss = BinaryCrossentropy()
        let trainPoints = Array(points.prefix(trainCount)), trainLabels = Array(labels.prefix(trainCount))
        let testPoints = Array(points.dropFirst(trainCount)), testLabels = Array(labels.dropFirst(trainCount))
        let xTrain = inputs(trainPoints)
        var generator = RandomGenerator(seed: seed &+ 1)
        let width = features.count, batch = Swift.max(1, settings.batch)
        let trainValues = xTrain.doubles
        for _ in 0..<epochs {
            var order = Array(0..<trainCount)
            order.shuffle(using: &generator)
            for start in stride(from: 0, to: trainCount, by: batch) {
                let rows = order[start..<Swift.min(start + batch, trainCount)]
                let x = Tensor(rows.flatMap { trainValues[($0 * width)..<($0 * width + width)] }, shape: [rows.count, width], dtype: .float32)
                let y = Tensor(rows.map { Double(trainLabels[$0]) }, shape: [rows.count, 1], dtype: .float32)
                var value = loss(network(Variable(x)), y)
                if settings.regularizationRate > 0 && settings.regularization != "none" {
                    let penalty = weights.map { settings.regularization == "l1" ? $0.abs().sum() : $0.squared().sum() }
                        .reduce(Variable(Tensor(0, dtype: .float32))) { $0 + $1 }
                    value = value + penalty * settings.regularizationRate
                }
                try value.backward()
                adam.step(parameters)
                adam.zeroGrad(parameters)
            }
        }
        func predict(_ rows: [[Double]]) -> [Double] {
            rows.isEmpty ? [] : withNoGrad { network(Variable(inputs(rows))).value.doubles }
        }
        func measure(_ rows: [[Double]], _ labels: [Int]) -> (loss: Double, accuracy: Double) {
            let p = predict(rows)
            guard !p.isEmpty else { return (0, 0) }
            let eps = 1e-7
            let l = zip(p, labels).map { q, y in let c = Swift.min(Swift.max(q, eps), 1 - eps); return y == 1 ? -Foundation.log(c) : -Foundation.log(1 - c) }
            let right = zip(p, labels).filter { ($0 >= 0.5 ? 1 : 0) == $1 }.count
            return (l.reduce(0, +) / Double(p.count), Double(right) / Double(p.count))
        }
        let train = measure(trainPoints, trainLabels), test = measure(testPoints, testLabels)
        return Result(trainLoss: train.loss, testLoss: test.loss, testAccuracy: test.accuracy, trainAccuracy: train.accuracy,
                      probability: predict)
    }

    /// The feature choices of the table of linear models.
    static let tableFeatures: [[Feature]] = [[.x1, .x2], [.x1, .x2, .x1x2], [.x1Squared, .x2Squared],
                                             [.x1, .x2, .sinX1, .sinX2], Feature.allCases]

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let settings: Settings
        do { settings = try Settings.parse(options.arguments) } catch {
            throw ValidationError("playground: " + Settings.fullMessage(for: error))
        }
        let names = settings.dataset.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let features = try settings.features.split(separator: ",").map { try Feature.parse(String($0)) }
        let hidden = try settings.hidden.split(separator: ",").map { text -> Int in
            guard let units = Int(text.trimmingCharacters(in: .whitespaces)), units > 0 else {
                throw ValidationError("playground: --hidden wants positive unit counts separated by commas, got '\(settings.hidden)'")
            }
            return units
        }
        let activation: ActivationFunction
        do { activation = try ActivationFunction(settings.activation) } catch {
            throw ValidationError("playground: unknown activation '\(settings.activation)'")
        }
        guard ["none", "l1", "l2"].contains(settings.regularization) else {
            throw ValidationError("playground: --regularization is none, l1 or l2, got '\(settings.regularization)'")
        }
        guard settings.trainRatio > 0 && settings.trainRatio < 1, settings.points >= 4, !features.isEmpty else {
            throw ValidationError("playground: --train-ratio must lie in (0, 1), --points be at least 4 and --features name one feature")
        }
        let epochs = options.epochs ?? 200
        let trainCount = Swift.max(1, Swift.min(settings.points - 1, Int((Double(settings.points) * settings.trainRatio).rounded())))
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
        for name in names {
            let (points, labels) = try dataset(name, count: settings.points, noise: settings.noise, seed: options.seed)
            let result = try train(points: points, labels: labels, trainCount: trainCount, features: features, hidden: hidden,
                                   activation: activation, settings: settings, epochs: epochs, seed: options.seed)
            let extent = (points.flatMap { $0.map { Swift.abs($0) } }.max() ?? 5) * 1.1
            let boundary = DecisionBoundary(xRange: -extent...extent, yRange: -extent...extent,
                                            title: "\(name): test accuracy \(format(result.testAccuracy, 3))")
            let path = options.outputDirectory + "/playground-\(name).png"
            try boundary.write(probabilities: result.probability(boundary.gridPoints),
                               points: zip(points, labels).map { .init(x: $0[0], y: $0[1], label: $1) }, to: path)
            pictures.append(path)
            figures["\(name)_test_accuracy"] = .number(result.testAccuracy)
            figures["\(name)_test_loss"] = .number(result.testLoss)
            figures["\(name)_train_loss"] = .number(result.trainLoss)
            text += "  \(name.padding(toLength: 11, withPad: " ", startingAt: 0))  \(format(result.trainLoss, 4).padding(toLength: 10, withPad: " ", startingAt: 0))  \(format(result.testLoss, 4).padding(toLength: 9, withPad: " ", startingAt: 0))  \(format(result.testAccuracy, 3))\n"
        }
        if !settings.noTable {
            text += "\nWhich features make a linear model (no hidden layer) enough? Test accuracy:\n\n  features" + String(repeating: " ", count: 30)
            text += names.map { $0.padding(toLength: 11, withPad: " ", startingAt: 0) }.joined() + "\n"
            var table: [String: JSONValue] = [:]
            for choice in tableFeatures {
                let label = choice.count == Feature.allCases.count ? "all seven" : choice.map(\.rawValue).joined(separator: ", ")
                text += "  " + label.padding(toLength: 38, withPad: " ", startingAt: 0)
                for name in names {
                    let (points, labels) = try dataset(name, count: settings.points, noise: settings.noise, seed: options.seed)
                    let result = try train(points: points, labels: labels, trainCount: trainCount, features: choice, hidden: [],
                                           activation: activation, settings: settings, epochs: epochs, seed: options.seed)
                    table["\(name) | \(label)"] = .number(result.testAccuracy)
                    text += format(result.testAccuracy, 3).padding(toLength: 11, withPad: " ", startingAt: 0)
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
