import NeuronaCore

/// One batch as ``Model/trainStep(_:)`` and ``Model/testStep(_:)`` receive it (Keras's `data`
/// argument of `train_step`, `x, y, sample_weight = data`): inputs, targets and, when `fit` or
/// `evaluate` was given `sampleWeight` or `classWeight`, one weight per example; examples along
/// the first axis.
///
/// A model of one input and one output reads ``x`` and ``y``. A model whose network is a
/// ``/NeuronaLayers/Graph`` of named inputs or outputs reads ``inputs`` and ``targets`` by name
/// (Keras's dictionaries); its ``x`` and ``y`` are then empty (shape `[examples, 0]`).
///
/// Under a ``TrainingStrategy`` each process's step receives its own part of the global batch:
/// ``examples`` may then be fewer than ``globalExamples``, and even zero (a short last batch
/// split over more processes than it has examples).
public struct TrainingBatch {
    /// The inputs, examples along the first axis.
    public var x: Tensor
    /// The targets, one per example.
    public var y: Tensor
    /// The inputs by name, for a network of named inputs (empty otherwise).
    public var inputs: [String: Tensor]
    /// The targets by output name, for a network of named outputs (empty otherwise).
    public var targets: [String: Tensor]
    /// One weight per example (shape `[examples]`, the dtype of the loss), from `sampleWeight:`
    /// or `classWeight:`; nil when every example counts once. The built-in steps multiply each
    /// example's loss by it and divide by the batch's size (Keras's `sum_over_batch_size`).
    public var sampleWeight: Tensor?
    /// The examples of the whole batch, over every process of a strategy (``examples`` without one).
    public var globalExamples: Int

    /// A batch of `x` and `y`; `globalExamples` counts the whole batch when this is one
    /// process's part of it (by default, `x`'s examples).
    ///
    /// - Parameters:
    ///   - x: The inputs, examples along the first axis.
    ///   - y: The targets, one per example.
    ///   - sampleWeight: One weight per example, or nil.
    ///   - globalExamples: The examples of the whole batch, over every process.
    public init(x: Tensor, y: Tensor, sampleWeight: Tensor? = nil, globalExamples: Int? = nil) {
        self.x = x
        self.y = y
        self.inputs = [:]
        self.targets = [:]
        self.sampleWeight = sampleWeight
        self.globalExamples = globalExamples ?? x.shape[0]
    }

    /// A batch of named inputs and targets (a ``/NeuronaLayers/Graph`` of several inputs or outputs).
    ///
    /// - Parameters:
    ///   - inputs: The inputs by name, each with the same number of examples.
    ///   - targets: The targets by output name.
    ///   - sampleWeight: One weight per example (the same for every output, as Keras applies it), or nil.
    ///   - globalExamples: The examples of the whole batch, over every process.
    public init(inputs: [String: Tensor], targets: [String: Tensor], sampleWeight: Tensor? = nil, globalExamples: Int? = nil) {
        let examples = inputs.values.first?.shape.first ?? 0
        self.x = Tensor.zeros([examples, 0])
        self.y = Tensor.zeros([examples, 0])
        self.inputs = inputs
        self.targets = targets
        self.sampleWeight = sampleWeight
        self.globalExamples = globalExamples ?? examples
    }

    /// The examples of this batch (this process's part under a strategy).
    public var examples: Int { x.shape[0] }

    /// Whether this process's part holds no example: the step must still call
    /// ``Model/applyGradients(of:to:optimizer:)`` (with `nil`), which takes part in the strategy's exchange.
    public var isEmpty: Bool { examples == 0 }

    /// Examples `range` of this batch, as one process's part of it (``globalExamples`` kept).
    ///
    /// - Parameter range: Examples of this batch, along the first axis.
    /// - Returns: Those examples' inputs, targets and weights.
    public func part(_ range: Range<Int>) -> TrainingBatch {
        func slice(_ tensor: Tensor) -> Tensor { tensor.slice(axis: 0, start: range.lowerBound, end: range.upperBound) }
        var part = self
        part.x = slice(x)
        part.y = slice(y)
        part.inputs = inputs.mapValues(slice)
        part.targets = targets.mapValues(slice)
        part.sampleWeight = sampleWeight.map(slice)
        return part
    }
}
