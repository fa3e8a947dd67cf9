import ActivityExercises
import ActivityKit
import ActivitySolutions
import NeuronaCore
import Testing

/// Activity 1: the checker accepts the reference, names each typical mistake, and reports an
/// untouched file as not done yet.
struct LinearRegressionActivityTests {
    @Test func acceptsTheReferenceAndReproducesTheLecturesLine() {
        let report = LinearRegressionActivity.check(LinearRegressionSolution.self)
        expectPassed(report)
        // The tensors sample's least-squares line (lecture 004's seven houses).
        #expect(report.figureInEnglish.contains("1095.44·m² + 43013.02"))
    }

    @Test(.enabled(if: untouched(LinearRegressionActivity.info)))
    func untouchedExerciseIsNotDoneYet() {
        expectNotDoneYet(LinearRegressionActivity.check(LinearRegression.self))
    }

    final class CostWithoutHalf: LinearRegressionSolution {
        override func cost(predictions: Tensor, targets: Tensor) throws -> Double { (predictions - targets).squared().mean().item }
    }
    final class CostSummed: LinearRegressionSolution {
        override func cost(predictions: Tensor, targets: Tensor) throws -> Double { (predictions - targets).squared().sum().item / 2 }
    }
    final class GradientSignFlipped: LinearRegressionSolution {
        override func gradients(inputs: Tensor, targets: Tensor, weights: Tensor, bias: Double) throws -> (weights: Tensor, bias: Double) {
            let m = Double(inputs.shape[0]), error = targets - predict(inputs, weights: weights, bias: bias)
            return (inputs.T.matmul(error) / m, error.sum().item / m)
        }
    }
    final class GradientWithoutOneOverM: LinearRegressionSolution {
        override func gradients(inputs: Tensor, targets: Tensor, weights: Tensor, bias: Double) throws -> (weights: Tensor, bias: Double) {
            let error = predict(inputs, weights: weights, bias: bias) - targets
            return (inputs.T.matmul(error), error.sum().item)
        }
    }
    final class GradientWithoutBias: LinearRegressionSolution {
        override func gradients(inputs: Tensor, targets: Tensor, weights: Tensor, bias: Double) throws -> (weights: Tensor, bias: Double) {
            let m = Double(inputs.shape[0]), error = inputs.matmul(weights) - targets
            return (inputs.T.matmul(error) / m, error.sum().item / m)
        }
    }
    /// The lecture's slide writes `w + α∇J`.
    final class StepUphill: LinearRegressionSolution {
        override func gradientDescentStep(weights: Tensor, bias: Double, gradients: (weights: Tensor, bias: Double),
                                          learningRate: Double) throws -> (weights: Tensor, bias: Double) {
            (weights + gradients.weights * learningRate, bias + learningRate * gradients.bias)
        }
    }
    final class StepLearningRateTwice: LinearRegressionSolution {
        override func gradientDescentStep(weights: Tensor, bias: Double, gradients: (weights: Tensor, bias: Double),
                                          learningRate: Double) throws -> (weights: Tensor, bias: Double) {
            let scaled = (gradients.weights * learningRate, gradients.bias * learningRate)
            return (weights - scaled.0 * learningRate, bias - learningRate * scaled.1)
        }
    }
    final class StepForgetsBias: LinearRegressionSolution {
        override func gradientDescentStep(weights: Tensor, bias: Double, gradients: (weights: Tensor, bias: Double),
                                          learningRate: Double) throws -> (weights: Tensor, bias: Double) {
            (weights - gradients.weights * learningRate, bias)
        }
    }

    @Test func namesEachTypicalMistake() {
        expectMistake(LinearRegressionActivity.check(CostWithoutHalf.self), .missingHalf, in: "cost(predictions:targets:)")
        expectMistake(LinearRegressionActivity.check(CostSummed.self), .missingOneOverM, in: "cost(predictions:targets:)")
        expectMistake(LinearRegressionActivity.check(GradientSignFlipped.self), .signFlipped)
        expectMistake(LinearRegressionActivity.check(GradientWithoutOneOverM.self), .missingOneOverM)
        expectMistake(LinearRegressionActivity.check(GradientWithoutBias.self), .biasForgotten)
        expectMistake(LinearRegressionActivity.check(StepUphill.self), .signFlipped)
        expectMistake(LinearRegressionActivity.check(StepLearningRateTwice.self), .learningRateTwice)
        expectMistake(LinearRegressionActivity.check(StepForgetsBias.self), .biasNotUpdated)
    }

    @Test func theFeedbackGivesBothNumbersAndTheBatch() {
        let text = LinearRegressionActivity.check(GradientWithoutOneOverM.self).rendered(.en)
        // First batch x = [1, 2, 3, 4], y = [2, 3, 5, 4], w = 0.5, b = 0.25: ŷ − y = [−1.25, −1.75, −3.25, −1.75],
        // so ∇_w J = (1/4)·(−1.25 − 3.5 − 9.75 − 7) = −5.375 and the sum alone is −21.5.
        #expect(text.contains("The weight gradient ∇_w J is off by a factor of m"))
        #expect(text.contains("expected -5.3750, got -21.5000 for this 4-example batch"))
        #expect(text.contains("Reread: lecture 001"))
        #expect(LinearRegressionActivity.check(GradientWithoutOneOverM.self).rendered(.es).contains("en este lote de 4 ejemplos"))
    }
}
