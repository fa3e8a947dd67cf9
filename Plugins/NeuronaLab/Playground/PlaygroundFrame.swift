import Foundation

/// What the page draws after each request: the losses, the new points of the loss curve, every
/// neuron's heatmap, the weights, and (after a reset) the data.
///
/// Heatmaps are `size × size` bytes over the square −``PlaygroundDataset/extent``…extent, row
/// by row from the top (x2 largest) and left (x1 smallest), each byte a value clamped to −1…1
/// and mapped to 0…255, base64-encoded: the original's colour scale, at a tenth of JSON's size.
public struct PlaygroundFrame: Encodable, Sendable {
    /// One point of the loss curve.
    public struct LossPoint: Encodable, Equatable, Sendable {
        /// The epoch after which it was measured.
        public var epoch: Int
        /// The training loss.
        public var trainLoss: Double
        /// The test loss.
        public var testLoss: Double
    }

    /// The version of the page–server protocol this frame belongs to.
    public var protocolVersion = PlaygroundFrame.protocolVersion
    /// The session the page trains in.
    public var session: String
    /// Epochs trained so far.
    public var epoch: Int
    /// The current losses and accuracies.
    public var measurement: PlaygroundMeasurement
    /// The loss curve's points measured since the previous frame.
    public var history: [LossPoint]
    /// Epochs per second over the request's training (nil when it trained none).
    public var epochsPerSecond: Double?
    /// Whether the labels are regression targets.
    public var isRegression: Bool
    /// The side of the output's heatmap, in cells.
    public var outputSize: Int
    /// The output's heatmap (a probability p is drawn as 2p − 1).
    public var output: String
    /// The side of each neuron's heatmap, in cells.
    public var neuronSize: Int
    /// Heatmaps per hidden layer (the page draws the input features itself; the output unit is ``output``).
    public var neurons: [[String]]
    /// Each layer's weights `[in][out]`, input layer first.
    public var weights: [[[Double]]]
    /// Each layer's biases.
    public var biases: [[Double]]
    /// The settings in force (the page builds its link from them).
    public var settings: PlaygroundSettings
    /// The points, sent after a reset or new data only.
    public var points: [PlaygroundPoint]?
    /// How many of ``points`` train.
    public var trainCount: Int?

    /// The protocol version the server speaks; a page sends it with every request.
    public static let protocolVersion = 1
    /// Cells per side of the output's heatmap.
    public static let outputSize = 50
    /// Cells per side of each neuron's heatmap.
    public static let neuronSize = 25

    /// The centres of a `size × size` grid over the square, row by row from the top.
    public static func grid(size: Int) -> [(Double, Double)] {
        let extent = PlaygroundDataset.extent
        let step = 2 * extent / Double(size)
        var cells: [(Double, Double)] = []
        cells.reserveCapacity(size * size)
        for row in 0..<size {
            for column in 0..<size {
                cells.append((-extent + (Double(column) + 0.5) * step, extent - (Double(row) + 0.5) * step))
            }
        }
        return cells
    }

    /// Values clamped to −1…1 as bytes 0…255, base64-encoded.
    public static func heatmap(_ values: [Double]) -> String {
        Data(values.map { value -> UInt8 in
            let v = value.isNaN ? 0 : Swift.min(1, Swift.max(-1, value))
            return UInt8(((v + 1) / 2 * 255).rounded())
        }).base64EncodedString()
    }
}

extension PlaygroundTrainer {
    /// The frame showing the network now.
    /// - Parameters:
    ///   - session: The session's id.
    ///   - history: The loss curve's new points.
    ///   - epochsPerSecond: The speed of the training just done.
    ///   - includeData: Whether to send the points (after a reset or new data).
    public func frame(session: String, history: [PlaygroundFrame.LossPoint], epochsPerSecond: Double?,
                      includeData: Bool) -> PlaygroundFrame {
        let isRegression = data.isRegression
        let outputLayer = activations(at: PlaygroundFrame.grid(size: PlaygroundFrame.outputSize)).last ?? []
        let output = (outputLayer.first ?? []).map { isRegression ? $0 : 2 * $0 - 1 }
        let layers = activations(at: PlaygroundFrame.grid(size: PlaygroundFrame.neuronSize)).dropFirst().dropLast()
        let layerWeights = weights()
        return PlaygroundFrame(session: session, epoch: epoch, measurement: measure(), history: history,
                               epochsPerSecond: epochsPerSecond, isRegression: isRegression,
                               outputSize: PlaygroundFrame.outputSize, output: PlaygroundFrame.heatmap(output),
                               neuronSize: PlaygroundFrame.neuronSize,
                               neurons: layers.map { $0.map(PlaygroundFrame.heatmap) },
                               weights: layerWeights.map(\.weights), biases: layerWeights.map(\.biases), settings: settings,
                               points: includeData ? data.points : nil, trainCount: includeData ? trainCount : nil)
    }
}
