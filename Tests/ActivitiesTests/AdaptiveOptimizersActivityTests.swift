import ActivityExercises
import ActivityKit
import ActivitySolutions
import NeuronaCore
import Testing

/// Activity 15: the checker accepts the reference, names each typical mistake, and reports an
/// untouched file as not done yet.
struct AdaptiveOptimizersActivityTests {
    @Test func acceptsTheReferenceAndReachesTheNoiseFloor() {
        let report = AdaptiveOptimizersActivity.check(AdaptiveOptimizersSolution.self)
        expectPassed(report)
        #expect(report.figureInEnglish.contains("your Adagrad") && report.figureInEnglish.contains("your RMSProp"))
    }

    @Test(.enabled(if: untouched(AdaptiveOptimizersActivity.info)))
    func untouchedExerciseIsNotDoneYet() {
        expectNotDoneYet(AdaptiveOptimizersActivity.check(AdaptiveOptimizers.self))
    }

    final class AdagradLastSquareOnly: AdaptiveOptimizersSolution {
        override func adagradStep(parameters: Tensor, gradient: Tensor, sumOfSquares: Tensor, learningRate: Double,
                                  epsilon: Double) throws -> (parameters: Tensor, sumOfSquares: Tensor) {
            let s = gradient.squared()
            return (parameters - gradient * learningRate / (s.sqrt() + epsilon), s)
        }
    }
    final class AdagradWithoutSquareRoot: AdaptiveOptimizersSolution {
        override func adagradStep(parameters: Tensor, gradient: Tensor, sumOfSquares: Tensor, learningRate: Double,
                                  epsilon: Double) throws -> (parameters: Tensor, sumOfSquares: Tensor) {
            let s = sumOfSquares + gradient.squared()
            return (parameters - gradient * learningRate / (s + epsilon), s)
        }
    }
    final class RMSPropDecaySwapped: AdaptiveOptimizersSolution {
        override func rmspropStep(parameters: Tensor, gradient: Tensor, meanSquare: Tensor, learningRate: Double, decay: Double,
                                  epsilon: Double) throws -> (parameters: Tensor, meanSquare: Tensor) {
            let s = meanSquare * (1 - decay) + gradient.squared() * decay
            return (parameters - gradient * learningRate / (s.sqrt() + epsilon), s)
        }
    }
    final class RMSPropGradientNotSquared: AdaptiveOptimizersSolution {
        override func rmspropStep(parameters: Tensor, gradient: Tensor, meanSquare: Tensor, learningRate: Double, decay: Double,
                                  epsilon: Double) throws -> (parameters: Tensor, meanSquare: Tensor) {
            let s = meanSquare * decay + gradient * (1 - decay)
            return (parameters - gradient * learningRate / (s.sqrt() + epsilon), s)
        }
    }

    @Test func namesEachTypicalMistake() {
        expectMistake(AdaptiveOptimizersActivity.check(AdagradLastSquareOnly.self), .sumNotAccumulated)
        expectMistake(AdaptiveOptimizersActivity.check(AdagradWithoutSquareRoot.self), .squareRootMissing)
        expectMistake(AdaptiveOptimizersActivity.check(RMSPropDecaySwapped.self), .decaySwapped)
        expectMistake(AdaptiveOptimizersActivity.check(RMSPropGradientNotSquared.self), .gradientNotSquared)
    }
}
