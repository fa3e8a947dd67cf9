import NeuronaAutograd
import NeuronaCore

/// A lookup table from integer ids to learned vectors (Keras's `Embedding`, PyTorch's
/// `nn.Embedding`): ids of any shape `[N, …]` → `[N, …, outputDim]`.
///
/// Concretely: `y[n, t] = W[x[n, t]]`, where `W` is the table `[inputDim, outputDim]`
/// (checkpoint key `weight`). The ids come as a float tensor of whole numbers (as a data set
/// holds them) or as int64; each must be in `0..<inputDim`. The table's gradient adds each
/// output row's gradient onto the row it was read from (a scatter-add: an id read twice gets
/// both gradients); the ids get none.
///
/// With `maskZero`, id 0 is padding, as in Keras: the output carries a
/// ``/NeuronaAutograd/Variable/sequenceMask`` (`x != 0`), which the recurrent layers (a padded
/// step leaves the state unchanged) and ``GlobalAveragePooling1D`` (the mean of the real steps)
/// honour, and ``Dropout`` and ``Activation`` pass on. Id 0 still has a row in the table, so
/// `inputDim` is the vocabulary's size plus one.
///
/// An id out of range in `fit`, `evaluate` or `predict` throws
/// ``LayerError/invalidInput(layer:message:)`` naming the id, where it sits in the batch and the
/// fix (``checkInputValues(_:)``); a direct call stops with the same message.
///
/// ```swift
/// let embedding = Embedding(inputDim: 1000, outputDim: 16, maskZero: true)
/// try embedding.build(inputShape: [20], seed: 1)   // ids [N, 20] → [N, 20, 16]
/// ```
public final class Embedding: ConfigurableLayer, StatefulLayer, InputValueCheckingLayer, RegularizedLayer {
    public static let typeName = "Embedding"

    /// The settings, as in JSON (`input_dim`, `output_dim`, `embeddings_initializer`, `mask_zero`,
    /// `embeddings_regularizer`).
    public struct Config: LayerConfig {
        /// The number of ids: ids run over `0..<inputDim`.
        public var inputDim: Int
        /// The length of each id's vector.
        public var outputDim: Int
        /// How the table starts (Keras's default: uniform in [−0.05, 0.05]).
        public var embeddingsInitializer: Initializer
        /// Whether id 0 is padding, masked out of the steps that follow.
        public var maskZero: Bool
        /// The penalty on the table added to the loss in training (`nil`: none).
        public var embeddingsRegularizer: Regularizer?
        public static let defaults = Embedding(inputDim: 1, outputDim: 1).config
        public static let requiredKeys: Set<String> = ["input_dim", "output_dim"]
        public func validate() throws {
            try requirePositive("input_dim", inputDim)
            try requirePositive("output_dim", outputDim)
            try embeddingsRegularizer?.validate("embeddings_regularizer")
        }
    }

    /// The layer's settings.
    public let config: Config
    /// The table, `[inputDim, outputDim]`, once built.
    public private(set) var weight: Variable?
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The table's size, initializer and masking.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - inputDim: The number of ids (the vocabulary's size, plus one with `maskZero`).
    ///   - outputDim: The length of each id's vector.
    ///   - embeddingsInitializer: How the table starts.
    ///   - maskZero: Whether id 0 is padding, masked out of the recurrent layers and
    ///     `GlobalAveragePooling1D` that follow.
    ///   - embeddingsRegularizer: A penalty on the table added to the loss in training.
    public convenience init(inputDim: Int, outputDim: Int, embeddingsInitializer: Initializer = .randomUniform(min: -0.05, max: 0.05),
                            maskZero: Bool = false, embeddingsRegularizer: Regularizer? = nil) {
        self.init(config: Config(inputDim: inputDim, outputDim: outputDim, embeddingsInitializer: embeddingsInitializer, maskZero: maskZero,
                                 embeddingsRegularizer: embeddingsRegularizer))
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        let (rows, columns) = (config.inputDim, config.outputDim)
        guard inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "ids of any shape with every size positive", got: inputShape)
        }
        try LayerLimits.check([[rows, columns]], layer: Self.typeName)
        weight = Variable(config.embeddingsInitializer.make([rows, columns], fanIn: rows, fanOut: columns, generator: &generator),
                          requiresGrad: true)
        return layerState.built(input: inputShape, output: inputShape + [columns])
    }

    /// Throws ``LayerError/invalidInput(layer:message:)`` unless every element of `input` is a
    /// whole number in `0..<inputDim`, naming the first that is not and where it sits.
    /// - Parameter input: A batch of ids.
    public func checkInputValues(_ input: Tensor) throws {
        if let message = invalidIdMessage(input) { throw LayerError.invalidInput(layer: Self.typeName, message: message) }
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let weight else { preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))") }
        let ids = input.value
        if let message = invalidIdMessage(ids) { preconditionFailed("\(Self.typeName): \(message)") }
        let rows = weight.indexSelect(ids.converted(to: .int64).reshaped([-1]), axis: 0)
        let output = rows.reshaped(ids.shape + [config.outputDim])
        if config.maskZero { output.sequenceMask = ids .!= 0 }
        return output
    }

    public func namedParameters() -> [NamedParameter] { .existing(("weight", weight)) }

    /// The table's penalty (``Config-swift.struct/embeddingsRegularizer``), or nil without one.
    public func regularizationPenalty() -> Variable? { config.embeddingsRegularizer.penalty(weight) }

    /// What is wrong with the first id outside `0..<inputDim` (or not whole), or nil.
    func invalidIdMessage(_ ids: Tensor) -> String? {
        guard let (flat, value) = ids.firstInvalidClassLabel(classes: config.inputDim) else { return nil }
        var position: [Int] = []
        var rest = flat
        for size in ids.shape.reversed() {
            position.insert(rest % size, at: 0)
            rest /= size
        }
        let whole = value == value.rounded() && Swift.abs(value) < 1e15
        let shown = whole ? String(Int64(value)) : "\(value)"
        let fix = whole && value >= Double(config.inputDim)
            ? "input_dim counts the ids, so it must be at least \(Int64(value) + 1) (the largest id + 1)"
            : "ids must be whole numbers from 0 (map them into 0..<\(config.inputDim) first)"
        return "id \(shown) at \(position) of the input (shape \(ids.shape)) is not in 0..<\(config.inputDim) (input_dim); \(fix)"
    }
}
