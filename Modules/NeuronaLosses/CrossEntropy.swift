import NeuronaAutograd
import NeuronaCore
import NeuronaRegistry

/// Binary cross-entropy: `−(y·log p + (1 − y)·log(1 − p))`, averaged over each sample's outputs.
///
/// From probabilities, `p` is kept in `[1e-7, 1 − 1e-7]`; from logits (`fromLogits`), the
/// stable form `max(x, 0) − x·y + log(1 + e^−|x|)` is used, finite for any logit.
public final class BinaryCrossentropy: CrossEntropyLoss {
    public static let typeName = "binary_crossentropy"

    /// The settings (``CrossEntropyConfig``).
    public let config: CrossEntropyConfig

    /// A loss with `config`'s settings.
    /// - Parameters:
    ///   - config: The settings, as in JSON.
    public init(config: CrossEntropyConfig) { self.config = config }

    public func perSample(_ predictions: Variable, _ targets: Tensor) -> Variable {
        requireShapes(predictions.shape == targets.shape, "binary_crossentropy", predictions, targets, "differ")
        let t = targets.converted(to: predictions.dtype)
        if fromLogits {
            let x = predictions, y = Variable(t)
            return meanPerSample(x.relu() - x * y + (-x.abs()).softplus())
        }
        return meanPerSample(predictions.binaryCrossEntropy(targets: t, epsilon: probabilityEpsilon))
    }
}

/// Categorical cross-entropy for one-hot (or probability) targets: `−Σ y·log p` over classes
/// (the last axis).
///
/// From probabilities, rows are normalized to sum to 1 and kept in `[1e-7, 1 − 1e-7]` (as
/// Keras); from logits, `log p = logSoftmax(x)` (log-sum-exp, stable for any logit).
public final class CategoricalCrossentropy: CrossEntropyLoss {
    public static let typeName = "categorical_crossentropy"

    /// The settings (``CrossEntropyConfig``).
    public let config: CrossEntropyConfig

    /// A loss with `config`'s settings.
    /// - Parameters:
    ///   - config: The settings, as in JSON.
    public init(config: CrossEntropyConfig) { self.config = config }

    public func perSample(_ predictions: Variable, _ targets: Tensor) -> Variable {
        requireShapes(predictions.shape == targets.shape, "categorical_crossentropy", predictions, targets, "differ")
        let y = Variable(targets.converted(to: predictions.dtype))
        let logP: Variable
        if fromLogits {
            logP = predictions.logSoftmax(axis: -1)
        } else {
            let normalized = predictions / predictions.sum(axes: [-1], keepDims: true)
            logP = normalized.clipped(min: probabilityEpsilon, max: 1 - probabilityEpsilon).log()
        }
        let perRow = -(y * logP).sum(axes: [-1])
        return meanPerSample(perRow)
    }
}

/// Sparse categorical cross-entropy for integer class targets: `−log p[label]`.
///
/// Targets are int64 class indices of shape `[batch]` (or `[batch, 1]`); predictions are
/// `[batch, classes]` probabilities, or logits with `fromLogits`.
public final class SparseCategoricalCrossentropy: CrossEntropyLoss {
    public static let typeName = "sparse_categorical_crossentropy"

    /// The settings (``CrossEntropyConfig``).
    public let config: CrossEntropyConfig

    /// A loss with `config`'s settings.
    /// - Parameters:
    ///   - config: The settings, as in JSON.
    public init(config: CrossEntropyConfig) { self.config = config }

    /// Takes one class index per example: shape `[batch]` or `[batch, 1]`, int64 or whole
    /// floating-point numbers in `0..<classes` (no negative index counting from the end).
    public func validateTargets(_ targets: Tensor, predictionShape: [Int]) throws {
        try validate()
        let batch = predictionShape.first ?? 0
        guard predictionShape.count == 2 else {
            throw LossError.invalidTargets(loss: Self.typeName, shape: targets.shape, example: nil,
                                           message: "predictions must be [batch, classes], got \(predictionShape)")
        }
        guard targets.shape == [batch] || targets.shape == [batch, 1] else {
            throw LossError.invalidTargets(loss: Self.typeName, shape: targets.shape, example: nil,
                                           message: "expected one class index per example, shape [\(batch)]")
        }
        if let bad = targets.firstInvalidClassLabel(classes: predictionShape[1]) {
            throw LossError.invalidTargets(loss: Self.typeName, shape: targets.shape, example: bad.example,
                                           message: Self.labelMessage(bad.value, classes: predictionShape[1], dtype: targets.dtype))
        }
    }

    static func labelMessage(_ value: Double, classes: Int, dtype: DType) -> String {
        let label = value == value.rounded() && Swift.abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        return dtype == .bool ? "expected int64 class indices, got bool"
            : "label \(label) is not a class index in 0..<\(classes)"
    }

    public func perSample(_ predictions: Variable, _ targets: Tensor) -> Variable {
        let batch = predictions.shape.first ?? 0
        requireShapes(predictions.rank == 2 && targets.count == batch, "sparse_categorical_crossentropy",
                      predictions, targets, "do not fit: expected [batch, classes] and [batch] labels")
        if let bad = targets.firstInvalidClassLabel(classes: predictions.shape[1]) {
            preconditionFailed("sparse_categorical_crossentropy: example \(bad.example): "
                               + Self.labelMessage(bad.value, classes: predictions.shape[1], dtype: targets.dtype))
        }
        let labels = targets.converted(to: .int64)
        if fromLogits {
            return -predictions.logSoftmax(axis: -1).gather(labels.reshaped([batch, 1]), axis: 1).reshaped([batch])
        }
        return predictions.sparseCrossEntropy(labels: labels, epsilon: probabilityEpsilon)
    }
}
