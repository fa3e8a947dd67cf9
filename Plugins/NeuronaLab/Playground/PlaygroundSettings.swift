import Foundation
import NeuronaLayers

/// Weight regularization added to the playground's loss.
public enum PlaygroundRegularization: String, CaseIterable, Codable, Sendable {
    /// No penalty.
    case none
    /// λ·Σ|w| over the weights (not the biases).
    case l1
    /// λ·Σw² over the weights (not the biases).
    case l2
}

/// Everything that decides a playground run: the data, the network and its training. The same
/// settings give the same numbers wherever they run (`samples playground`, the lab's page).
public struct PlaygroundSettings: Codable, Equatable, Sendable {
    /// The data set.
    public var dataset: PlaygroundDataset = .circles
    /// How many points it has (training and test together).
    public var points = 400
    /// The jitter's standard deviation as a fraction of the data's radius (the playground's 0–50 %).
    public var noise = 0.0
    /// The fraction of the points that trains (the playground's "ratio of training to test data").
    public var trainRatio = 0.5
    /// Points per Adam update.
    public var batchSize = 10
    /// The network's inputs.
    public var features: [PlaygroundFeature] = [.x1, .x2]
    /// Units of each hidden layer (empty: a linear model).
    public var hidden = [4, 2]
    /// The hidden layers' activation (`tanh`, `relu`, `sigmoid`, `linear`, or any registered name).
    public var activation = "tanh"
    /// Adam's learning rate.
    public var learningRate = 0.03
    /// The weight penalty.
    public var regularization = PlaygroundRegularization.none
    /// The penalty's rate λ.
    public var regularizationRate = 0.0
    /// Seeds the data, the initial weights (this) and the shuffling (this + 1).
    public var seed: UInt64 = 42

    /// The playground's defaults.
    public init() {}

    /// How large a network and data set a caller accepts.
    public struct Limits: Equatable, Sendable {
        /// The most hidden layers.
        public var hiddenLayers: Int
        /// The most units in one hidden layer.
        public var unitsPerLayer: Int
        /// The most points.
        public var points: Int

        /// The page's limits, those of the TensorFlow playground: 6 hidden layers of 8 units.
        public static let page = Limits(hiddenLayers: 6, unitsPerLayer: 8, points: 2_000)
        /// The command line's limits, for experiments beyond the page.
        public static let commandLine = Limits(hiddenLayers: 64, unitsPerLayer: 4_096, points: 1_000_000)
    }

    /// The number of training points: `trainRatio` of them, rounded, leaving at least one of each kind.
    public var trainCount: Int { Swift.max(1, Swift.min(points - 1, Int((Double(points) * trainRatio).rounded()))) }

    /// The hidden layers' activation function.
    /// - Throws: ``LabError/invalidSetting(name:message:)`` for an unknown name.
    public func activationFunction() throws -> ActivationFunction {
        do { return try ActivationFunction(activation) } catch {
            throw LabError.invalidSetting(name: "activation", message: "unknown activation '\(activation)' (tanh, relu, sigmoid, linear)")
        }
    }

    /// Checks every setting against its range and `limits`.
    /// - Throws: ``LabError/invalidSetting(name:message:)`` naming the first bad setting.
    public func validate(limits: Limits) throws {
        func check(_ ok: Bool, _ name: String, _ message: @autoclosure () -> String) throws {
            if !ok { throw LabError.invalidSetting(name: name, message: message()) }
        }
        try check(points >= 4 && points <= limits.points, "points", "wants 4 to \(limits.points) points, got \(points)")
        try check(noise.isFinite && noise >= 0 && noise <= 0.5, "noise", "wants a fraction from 0 to 0.5, got \(noise)")
        try check(trainRatio.isFinite && trainRatio > 0 && trainRatio < 1, "trainRatio", "wants a fraction strictly between 0 and 1, got \(trainRatio)")
        try check(batchSize >= 1 && batchSize <= points, "batchSize", "wants 1 to \(points) (the points), got \(batchSize)")
        try check(!features.isEmpty, "features", "choose at least one feature")
        try check(Set(features).count == features.count, "features", "names a feature twice")
        try check(hidden.count <= limits.hiddenLayers, "hidden", "at most \(limits.hiddenLayers) hidden layers, got \(hidden.count)")
        for (i, units) in hidden.enumerated() {
            try check(units >= 1 && units <= limits.unitsPerLayer, "hidden",
                      "hidden layer \(i + 1) wants 1 to \(limits.unitsPerLayer) neurons, got \(units)")
        }
        _ = try activationFunction()
        try check(learningRate.isFinite && learningRate > 0 && learningRate <= 10, "learningRate",
                  "wants a number above 0 and at most 10, got \(learningRate)")
        try check(regularizationRate.isFinite && regularizationRate >= 0 && regularizationRate <= 10, "regularizationRate",
                  "wants a number from 0 to 10, got \(regularizationRate)")
    }

    private enum CodingKeys: String, CodingKey {
        case dataset, points, noise, trainRatio, batchSize, features, hidden, activation, learningRate
        case regularization, regularizationRate, seed
    }

    /// Reads settings from JSON: a missing key keeps its default; a key present with a value of
    /// the wrong kind (a string, `null` for NaN) is refused by name, never replaced silently.
    /// - Parameter decoder: A decoder at the settings' JSON object.
    /// - Throws: ``LabError/invalidSetting(name:message:)`` naming the key.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func read<T: Decodable>(_ key: CodingKeys, _ value: inout T, _ kind: String) throws {
            guard c.contains(key) else { return }
            do { value = try c.decode(T.self, forKey: key) } catch {
                throw LabError.invalidSetting(name: key.stringValue, message: "wants \(kind)")
            }
        }
        var dataset = "", features: [String] = [], regularization = ""
        try read(.dataset, &dataset, "a data set name")
        if c.contains(.dataset) { self.dataset = try PlaygroundDataset(parsing: dataset) }
        try read(.points, &points, "a whole number")
        try read(.noise, &noise, "a number")
        try read(.trainRatio, &trainRatio, "a number")
        try read(.batchSize, &batchSize, "a whole number")
        try read(.features, &features, "a list of feature names")
        if c.contains(.features) { self.features = try features.map { try PlaygroundFeature(parsing: $0) } }
        try read(.hidden, &hidden, "a list of whole numbers")
        try read(.activation, &activation, "an activation name")
        try read(.learningRate, &learningRate, "a number")
        try read(.regularization, &regularization, "none, l1 or l2")
        if c.contains(.regularization) {
            guard let value = PlaygroundRegularization(rawValue: regularization.lowercased()) else {
                throw LabError.invalidSetting(name: "regularization", message: "wants none, l1 or l2, got '\(regularization)'")
            }
            self.regularization = value
        }
        try read(.regularizationRate, &regularizationRate, "a number")
        try read(.seed, &seed, "a whole number from 0")
    }
}
