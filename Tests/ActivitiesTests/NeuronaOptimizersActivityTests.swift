import ActivityExercises
import ActivityKit
import ActivitySolutions
import NeuronaOptimizers
import Testing

/// Activity 6: the checker accepts the reference, names each typical mistake, and reports an
/// untouched file as not done yet.
struct NeuronaOptimizersActivityTests {
    @Test func acceptsTheReferenceAndFitsTheHousesWithBoth() {
        let report = NeuronaOptimizersActivity.check(NeuronaOptimizersSolution.self)
        expectPassed(report)
        #expect(report.figureInEnglish.contains("NAG") && report.figureInEnglish.contains("Adam"))
    }

    @Test(.enabled(if: untouched(NeuronaOptimizersActivity.info)))
    func untouchedExerciseIsNotDoneYet() {
        expectNotDoneYet(NeuronaOptimizersActivity.check(NeuronNesterovAdam.self))
    }

    final class PlainMomentum: NeuronaOptimizersSolution {
        override func makeNesterov(learningRate: Double) throws -> any Optimizer { SGD(learningRate: learningRate, momentum: 0.9) }
    }
    final class NoMomentum: NeuronaOptimizersSolution {
        override func makeNesterov(learningRate: Double) throws -> any Optimizer { SGD(learningRate: learningRate) }
    }
    final class BetasSwapped: NeuronaOptimizersSolution {
        override func makeAdam(learningRate: Double) throws -> any Optimizer { Adam(learningRate: learningRate, beta1: 0.999, beta2: 0.9) }
    }

    @Test func namesEachTypicalMistake() {
        expectMistake(NeuronaOptimizersActivity.check(PlainMomentum.self), .nesterovMissing)
        expectMistake(NeuronaOptimizersActivity.check(NoMomentum.self), .momentumMissing)
        expectMistake(NeuronaOptimizersActivity.check(BetasSwapped.self), .decaySwapped)
    }
}
