import ActivityExercises
import ActivityKit
import ActivitySolutions
import NeuronaCore
import Testing

/// Activity 3: the checker accepts the reference, names each typical mistake, and reports an
/// untouched file as not done yet.
struct LogisticRegressionActivityTests {
    @Test func acceptsTheReferenceAndReachesTheSamplesAccuracy() {
        let report = LogisticRegressionActivity.check(LogisticRegressionSolution.self, options: .init(quick: true))
        expectPassed(report)
        #expect(report.figureInEnglish.contains("test accuracy"))
    }

    @Test(.enabled(if: untouched(LogisticRegressionActivity.info)))
    func untouchedExerciseIsNotDoneYet() {
        expectNotDoneYet(LogisticRegressionActivity.check(LogisticRegression.self))
    }

    final class SigmoidSignFlipped: LogisticRegressionSolution {
        override func sigmoid(_ z: Tensor) throws -> Tensor { 1 / (1 + z.exp()) }
    }
    final class CostWithoutMinus: LogisticRegressionSolution {
        override func cost(probabilities: Tensor, targets: Tensor) throws -> Double {
            (targets * probabilities.log() + (1 - targets) * (1 - probabilities).log()).mean().item
        }
    }
    final class CostSummed: LogisticRegressionSolution {
        override func cost(probabilities: Tensor, targets: Tensor) throws -> Double {
            -(targets * probabilities.log() + (1 - targets) * (1 - probabilities).log()).sum().item
        }
    }
    /// The squared error's chain rule carried over: (ŷ − y)·σ'(z).
    final class GradientOfSquaredError: LogisticRegressionSolution {
        override func gradients(inputs: Tensor, targets: Tensor, weights: Tensor, bias: Double) throws -> (weights: Tensor, bias: Double) {
            let m = Double(inputs.shape[0]), yHat = try predict(inputs, weights: weights, bias: bias)
            let delta = (yHat - targets) * yHat * (1 - yHat)
            return (inputs.T.matmul(delta) / m, delta.sum().item / m)
        }
    }
    final class GradientSignFlipped: LogisticRegressionSolution {
        override func gradients(inputs: Tensor, targets: Tensor, weights: Tensor, bias: Double) throws -> (weights: Tensor, bias: Double) {
            let m = Double(inputs.shape[0]), error = try targets - predict(inputs, weights: weights, bias: bias)
            return (inputs.T.matmul(error) / m, error.sum().item / m)
        }
    }
    final class GradientWithoutOneOverM: LogisticRegressionSolution {
        override func gradients(inputs: Tensor, targets: Tensor, weights: Tensor, bias: Double) throws -> (weights: Tensor, bias: Double) {
            let error = try predict(inputs, weights: weights, bias: bias) - targets
            return (inputs.T.matmul(error), error.sum().item)
        }
    }

    @Test func namesEachTypicalMistake() {
        expectMistake(LogisticRegressionActivity.check(SigmoidSignFlipped.self), .signFlipped, in: "sigmoid(_:)")
        expectMistake(LogisticRegressionActivity.check(CostWithoutMinus.self), .missingMinus)
        expectMistake(LogisticRegressionActivity.check(CostSummed.self), .missingOneOverM)
        expectMistake(LogisticRegressionActivity.check(GradientOfSquaredError.self), .squaredErrorGradient)
        expectMistake(LogisticRegressionActivity.check(GradientSignFlipped.self), .signFlipped)
        expectMistake(LogisticRegressionActivity.check(GradientWithoutOneOverM.self), .missingOneOverM)
    }
}
