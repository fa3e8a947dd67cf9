import NeuronaCore

/// One batch as ``Model/trainStep(_:)`` and ``Model/testStep(_:)`` receive it (Keras's `data`
/// argument of `train_step`): inputs `x` and targets `y`, examples along the first axis.
///
/// Under a ``TrainingStrategy`` each process's step receives its own part of the global batch:
/// ``examples`` may then be fewer than ``globalExamples``, and even zero (a short last batch
/// split over more processes than it has examples).
public struct TrainingBatch {
    /// The inputs, examples along the first axis.
    public var x: Tensor
    /// The targets, one per example.
    public var y: Tensor
    /// The examples of the whole batch, over every process of a strategy (``examples`` without one).
    public var globalExamples: Int

    /// A batch of `x` and `y`; `globalExamples` counts the whole batch when this is one
    /// process's part of it (by default, `x`'s examples).
    ///
    /// - Parameters:
    ///   - x: The inputs, examples along the first axis.
    ///   - y: The targets, one per example.
    ///   - globalExamples: The examples of the whole batch, over every process.
    public init(x: Tensor, y: Tensor, globalExamples: Int? = nil) {
        self.x = x
        self.y = y
        self.globalExamples = globalExamples ?? x.shape[0]
    }

    /// The examples of this batch (this process's part under a strategy).
    public var examples: Int { x.shape[0] }

    /// Whether this process's part holds no example: the step must still call
    /// ``Model/applyGradients(of:to:optimizer:)`` (with `nil`), which takes part in the strategy's exchange.
    public var isEmpty: Bool { examples == 0 }

    /// Examples `range` of this batch, as one process's part of it (``globalExamples`` kept).
    ///
    /// - Parameter range: Examples of this batch, along the first axis.
    /// - Returns: Those examples' inputs and targets.
    public func part(_ range: Range<Int>) -> TrainingBatch {
        TrainingBatch(x: x.slice(axis: 0, start: range.lowerBound, end: range.upperBound),
                      y: y.slice(axis: 0, start: range.lowerBound, end: range.upperBound),
                      globalExamples: globalExamples)
    }
}
