import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers

/// Losses (and, for classes, accuracies) of a playground network on its two parts of the data.
public struct PlaygroundMeasurement: Codable, Equatable, Sendable {
    /// The mean loss on the training points (binary cross-entropy, or squared error for regression).
    public var trainLoss: Double
    /// The mean loss on the test points.
    public var testLoss: Double
    /// The fraction of training points classified right (nil for regression).
    public var trainAccuracy: Double?
    /// The fraction of test points classified right (nil for regression).
    public var testAccuracy: Double?
}

/// The TensorFlow playground's training, one epoch at a time: a network of hidden layers ending
/// in one sigmoid unit (binary cross-entropy) or one linear unit (squared error, regression),
/// trained by Adam on mini-batches, with an optional L1/L2 penalty on the weights.
///
/// `samples playground` and the lab's page both train through this type, so the same
/// ``PlaygroundSettings`` give the same numbers in both.
///
/// ```swift
/// var settings = PlaygroundSettings()
/// settings.dataset = .xor
/// let trainer = try PlaygroundTrainer(settings: settings)
/// for _ in 0..<100 { try trainer.trainEpoch() }
/// print(trainer.measure().testLoss)
/// ```
public final class PlaygroundTrainer {
    /// The settings it trains with (``tune(learningRate:regularizationRate:)`` changes two of them).
    public private(set) var settings: PlaygroundSettings
    /// The points: the first ``trainCount`` train, the rest test.
    public let data: PlaygroundData
    /// How many of the points train.
    public let trainCount: Int
    /// The network: the hidden `Dense` layers, then the output unit.
    public let network: Sequential
    /// Epochs trained so far.
    public private(set) var epoch = 0

    private let limits: PlaygroundSettings.Limits
    private let parameters: [NamedParameter]
    private let penalized: [Variable]
    private let optimizer: Adam
    private let loss: any Loss
    private var generator: RandomGenerator
    /// The training points' features, row by row.
    private let trainInputs: [Double]

    /// A fresh network for `settings`, on `data` (by default the settings' data set, generated
    /// from their seed).
    /// - Parameters:
    ///   - settings: The run's settings.
    ///   - data: Points to learn instead of the settings' data set (an uploaded CSV).
    ///   - limits: How large a network and data set to accept.
    /// - Throws: ``LabError/invalidSetting(name:message:)`` for a setting out of range.
    public init(settings: PlaygroundSettings, data: PlaygroundData? = nil, limits: PlaygroundSettings.Limits = .page) throws {
        var settings = settings
        if let data { settings.points = data.points.count }
        try settings.validate(limits: limits)
        self.settings = settings
        self.limits = limits
        self.data = data ?? settings.dataset.generate(count: settings.points, noise: settings.noise, seed: settings.seed)
        trainCount = settings.trainCount
        let activation = try settings.activationFunction()
        var layers: [any Layer] = settings.hidden.map { Dense(units: $0, activation: activation, kernelInitializer: .glorotUniform) }
        layers.append(Dense(units: 1, activation: self.data.isRegression ? .linear : .sigmoid))
        network = try Sequential(layers, inputShape: [settings.features.count], seed: settings.seed)
        parameters = network.namedParameters()
        penalized = parameters.filter { $0.name.hasSuffix("weight") }.map(\.variable)
        optimizer = Adam(learningRate: settings.learningRate)
        loss = self.data.isRegression ? MeanSquaredError() : BinaryCrossentropy()
        generator = RandomGenerator(seed: settings.seed &+ 1)
        trainInputs = Self.featureRows(self.data.points.prefix(trainCount).map { ($0.x1, $0.x2) }, settings.features)
    }

    /// Changes the learning rate and the regularization rate of the network as it is, from the
    /// next batch on: what the TensorFlow playground does when they change while it trains (the
    /// other settings make a new network).
    /// - Throws: ``LabError/invalidSetting(name:message:)`` for a rate out of range (nothing changes).
    public func tune(learningRate: Double, regularizationRate: Double) throws {
        var tuned = settings
        tuned.learningRate = learningRate
        tuned.regularizationRate = regularizationRate
        try tuned.validate(limits: limits)
        settings = tuned
        optimizer.learningRate = learningRate
    }

    /// The training points.
    public var trainPoints: ArraySlice<PlaygroundPoint> { data.points.prefix(trainCount) }
    /// The test points.
    public var testPoints: ArraySlice<PlaygroundPoint> { data.points.dropFirst(trainCount) }

    /// The features of each point, row by row.
    static func featureRows(_ points: [(Double, Double)], _ features: [PlaygroundFeature]) -> [Double] {
        var rows: [Double] = []
        rows.reserveCapacity(points.count * features.count)
        for (a, b) in points { for feature in features { rows.append(feature.value(a, b)) } }
        return rows
    }

    /// One pass over the training points in a new shuffled order, one Adam update per batch.
    /// - Throws: An autograd error (none is expected for a validated network).
    public func trainEpoch() throws {
        let width = settings.features.count, batch = settings.batchSize
        var order = Array(0..<trainCount)
        order.shuffle(using: &generator)
        for start in stride(from: 0, to: trainCount, by: batch) {
            let rows = order[start..<Swift.min(start + batch, trainCount)]
            let x = Tensor(rows.flatMap { trainInputs[($0 * width)..<($0 * width + width)] }, shape: [rows.count, width], dtype: .float32)
            let y = Tensor(rows.map { data.points[$0].label }, shape: [rows.count, 1], dtype: .float32)
            var value = loss(network(Variable(x)), y)
            if settings.regularizationRate > 0 && settings.regularization != .none {
                let penalty = penalized.map { settings.regularization == .l1 ? $0.abs().sum() : $0.squared().sum() }
                    .reduce(Variable(Tensor(0, dtype: .float32))) { $0 + $1 }
                value = value + penalty * settings.regularizationRate
            }
            try value.backward()
            optimizer.step(parameters)
            optimizer.zeroGrad(parameters)
        }
        epoch += 1
    }

    /// The network's output at each point (a probability of class 1, or the regression value).
    public func predict(_ points: [(Double, Double)]) -> [Double] {
        guard !points.isEmpty else { return [] }
        let x = Tensor(Self.featureRows(points, settings.features), shape: [points.count, settings.features.count], dtype: .float32)
        return withNoGrad { network(Variable(x)).value.doubles }
    }

    /// The losses and accuracies on the training and test points, in Double (the penalty not included).
    public func measure() -> PlaygroundMeasurement {
        func measure(_ points: ArraySlice<PlaygroundPoint>) -> (loss: Double, accuracy: Double?) {
            let p = predict(points.map { ($0.x1, $0.x2) })
            guard !p.isEmpty else { return (0, data.isRegression ? nil : 0) }
            let labels = points.map(\.label)
            if data.isRegression {
                return (zip(p, labels).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(p.count), nil)
            }
            let eps = 1e-7
            let losses = zip(p, labels).map { q, y -> Double in
                let c = Swift.min(Swift.max(q, eps), 1 - eps)
                return y == 1 ? -Foundation.log(c) : -Foundation.log(1 - c)
            }
            let right = zip(p, labels).filter { ($0 >= 0.5 ? 1.0 : 0.0) == $1 }.count
            return (losses.reduce(0, +) / Double(p.count), Double(right) / Double(p.count))
        }
        let train = measure(trainPoints), test = measure(testPoints)
        return PlaygroundMeasurement(trainLoss: train.loss, testLoss: test.loss, trainAccuracy: train.accuracy, testAccuracy: test.accuracy)
    }

    /// Every neuron's value over the points: `[layer][neuron][point]`, the input features first,
    /// then each hidden layer after its activation, then the output unit.
    public func activations(at points: [(Double, Double)]) -> [[[Double]]] {
        let width = settings.features.count
        let inputs = Self.featureRows(points, settings.features)
        var columns = [transposed(inputs, rows: points.count, columns: width)]
        var h = Variable(Tensor(inputs, shape: [points.count, width], dtype: .float32))
        withNoGrad {
            for layer in network.layers {
                h = layer(h)
                columns.append(transposed(h.value.doubles, rows: points.count, columns: h.shape[1]))
            }
        }
        return columns
    }

    private func transposed(_ values: [Double], rows: Int, columns: Int) -> [[Double]] {
        (0..<columns).map { c in (0..<rows).map { values[$0 * columns + c] } }
    }

    /// Each layer's weights `[in][out]` and biases `[out]`, input layer first.
    public func weights() -> [(weights: [[Double]], biases: [Double])] {
        network.layers.compactMap { layer in
            guard let dense = layer as? Dense, let w = dense.weight?.value else { return nil }
            let values = w.doubles, outs = w.shape[1]
            return ((0..<w.shape[0]).map { i in Array(values[(i * outs)..<(i * outs + outs)]) }, dense.bias?.value.doubles ?? [])
        }
    }
}
