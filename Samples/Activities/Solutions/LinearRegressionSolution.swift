import ActivityKit
import NeuronaCore

/// Activity 1's reference solution (never shown by the checker; the tests check the checker with
/// it, and subclass it to make each typical mistake).
open class LinearRegressionSolution: LinearRegressionExercise {
    public required init() {}

    open func cost(predictions: Tensor, targets: Tensor) throws -> Double {
        (predictions - targets).squared().mean().item / 2
    }

    open func gradients(inputs: Tensor, targets: Tensor, weights: Tensor, bias: Double) throws -> (weights: Tensor, bias: Double) {
        let m = Double(inputs.shape[0])
        let error = predict(inputs, weights: weights, bias: bias) - targets
        return (inputs.T.matmul(error) / m, error.sum().item / m)
    }

    open func gradientDescentStep(weights: Tensor, bias: Double, gradients: (weights: Tensor, bias: Double),
                                    learningRate: Double) throws -> (weights: Tensor, bias: Double) {
        (weights - gradients.weights * learningRate, bias - learningRate * gradients.bias)
    }
}
