import ActivityKit
import NeuronaCore

/// Activity 3's reference solution (never shown by the checker; the tests check the checker with
/// it, and subclass it to make each typical mistake).
open class LogisticRegressionSolution: LogisticRegressionExercise {
    public required init() {}

    open func sigmoid(_ z: Tensor) throws -> Tensor {
        1 / (1 + z.negated().exp())
    }

    open func cost(probabilities: Tensor, targets: Tensor) throws -> Double {
        -(targets * probabilities.log() + (1 - targets) * (1 - probabilities).log()).mean().item
    }

    open func gradients(inputs: Tensor, targets: Tensor, weights: Tensor, bias: Double) throws -> (weights: Tensor, bias: Double) {
        let m = Double(inputs.shape[0])
        let error = try predict(inputs, weights: weights, bias: bias) - targets
        return (inputs.T.matmul(error) / m, error.sum().item / m)
    }
}
