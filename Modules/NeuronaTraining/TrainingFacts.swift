import NeuronaCore
import NeuronaData
import NeuronaLayers

/// What every process of a distributed `fit` must share before its first step: the data's
/// size and shapes, the batch size, the model and the compile settings. A strategy compares
/// them across processes (``TrainingStrategy/checkAgreement(_:)``), so that a rank with one row
/// fewer or another batch size is named at once instead of training on silently or hanging.
public struct TrainingFacts: Codable, Equatable, Sendable {
    /// Examples in the training data.
    public var examples: Int
    /// Examples per global batch.
    public var batchSize: Int
    /// Whether each epoch draws a new order.
    public var shuffle: Bool
    /// Whether an epoch leaves out a last batch smaller than ``batchSize``.
    public var dropsLastBatch: Bool
    /// One example's input shape and dtype (`[28, 28] float32`).
    public var input: String
    /// One example's target shape and dtype.
    public var target: String
    /// The network's JSON description.
    public var model: String
    /// The optimizer's type and settings, as JSON.
    public var optimizer: String
    /// The loss's type and settings, as JSON.
    public var loss: String

    /// The fields in the order they are compared, each with the words a message uses for it.
    public var fields: [(name: String, value: String)] {
        [("examples", String(examples)), ("batch size", String(batchSize)), ("shuffle", String(shuffle)),
         ("drop last", String(dropsLastBatch)), ("input", input), ("target", target),
         ("model", model), ("optimizer", optimizer), ("loss", loss)]
    }
}

extension Model {
    /// The facts of training on `loader`'s data set with this compiled model.
    func trainingFacts(_ loader: DataLoader) throws -> TrainingFacts {
        let first = loader.dataset.batch(Tensor([Int64(0)], shape: [1]))
        func describe(_ t: Tensor) -> String { "\(Array(t.shape.dropFirst())) \(t.dtype)" }
        func text(_ object: [String: Any]?) throws -> String { try object.map { String(decoding: try Model.jsonText($0), as: UTF8.self) } ?? "" }
        let settings = try compileSettings()
        return TrainingFacts(examples: loader.dataset.count, batchSize: loader.batchSize, shuffle: loader.shuffle,
                             dropsLastBatch: loader.dropLast, input: describe(first.inputs),
                             target: describe(first.targets), model: try LayerRegistry.json(for: network),
                             optimizer: try text(settings.optimizer), loss: try text(settings.loss))
    }
}
