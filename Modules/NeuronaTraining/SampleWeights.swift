import NeuronaCore

/// Keras's `sample_weight` and `class_weight`, checked and turned into one weight per example.
///
/// Keras multiplies each example's loss by its weight and divides the sum by the batch's size
/// (`sum_over_batch_size`, not the sum of the weights): a batch of weights 2 counts twice, one
/// of zeros adds nothing. Compiled metrics stay unweighted, as Keras's `metrics=` are.
enum SampleWeights {
    /// `weights` checked as one finite, non-negative weight per example of `examples`, as a
    /// `[examples]` tensor of `dtype`.
    ///
    /// - Throws: ``TrainingError/invalidWeights(what:problem:)`` naming `what` and the problem
    ///   (shape, dtype, the first negative or non-finite example).
    static func checked(_ weights: Tensor, examples: Int, dtype: DType, what: String) throws -> Tensor {
        guard weights.shape == [examples] || weights.shape == [examples, 1] else {
            throw TrainingError.invalidWeights(what: what, problem: .shape(weights.shape, examples: examples))
        }
        guard weights.dtype.isFloatingPoint else {
            throw TrainingError.invalidWeights(what: what, problem: .dtype("\(weights.dtype)"))
        }
        for (example, value) in weights.doubles.enumerated() {
            guard value.isFinite else { throw TrainingError.invalidWeights(what: what, problem: .notFinite(example: example)) }
            guard value >= 0 else { throw TrainingError.invalidWeights(what: what, problem: .negative(example: example, value: value)) }
        }
        return weights.reshaped([examples]).converted(to: dtype)
    }

    /// Throws unless every class of `classWeight` is one of `classCount` and its weight finite
    /// and non-negative.
    static func check(classWeight: [Int: Double], classCount: Int, what: String) throws {
        for (index, weight) in classWeight.sorted(by: { $0.key < $1.key }) {
            guard (0..<classCount).contains(index) else {
                throw TrainingError.invalidWeights(what: what, problem: .unknownClass(index, classCount: classCount))
            }
            guard weight.isFinite && weight >= 0 else {
                throw TrainingError.invalidWeights(what: what, problem: .invalidClassWeight(class: index))
            }
        }
    }

    /// One weight per example of `targets`: its class's weight in `classWeight`, 1 for a class
    /// left out (Keras's `class_weight_to_sample_weights`). The class is the int64 target, the
    /// argmax of a one-hot row, or a 0/1 target rounded half to even (NumPy's `round`).
    static func fromClasses(_ classWeight: [Int: Double], targets: Tensor, dtype: DType) -> Tensor {
        let examples = targets.shape.first ?? 0
        var classes = targets
        if targets.rank > 1 {
            classes = targets.shape.last! != 1 ? targets.reshaped([examples, -1]).argmax(axis: 1) : targets.reshaped([examples])
        }
        let weights = classes.doubles.map { classWeight[Int($0.rounded(.toNearestOrEven))] ?? 1 }
        return Tensor(weights, shape: [examples], dtype: dtype)
    }

    /// The number of classes a classifier of `outputShape` tells apart: the last axis's size,
    /// or 2 (0 and 1) for one sigmoid unit.
    static func classCount(outputShape: [Int]) -> Int {
        let last = outputShape.last ?? 1
        return last > 1 ? last : 2
    }
}
