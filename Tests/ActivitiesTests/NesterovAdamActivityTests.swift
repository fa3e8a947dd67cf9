import ActivityExercises
import ActivityKit
import ActivitySolutions
import Foundation
import NeuronaCore
import Testing

/// Activity 5: the checker accepts the reference, names each typical mistake, and reports an
/// untouched file as not done yet.
struct NesterovAdamActivityTests {
    @Test func acceptsTheReferenceAndFitsTheHousesWithBoth() {
        let report = NesterovAdamActivity.check(NesterovAdamSolution.self)
        expectPassed(report)
        #expect(report.figureInEnglish.contains("NAG") && report.figureInEnglish.contains("Adam"))
        #expect(report.figureInEnglish.contains("1095.44·m² + 43013.02"))
    }

    @Test(.enabled(if: untouched(NesterovAdamActivity.info)))
    func untouchedExerciseIsNotDoneYet() {
        expectNotDoneYet(NesterovAdamActivity.check(NesterovAdam.self))
    }

    /// Plain momentum: the gradient at xᵗ.
    final class NoLookAhead: NesterovAdamSolution {
        override func nesterovStep(parameters: Tensor, velocity: Tensor, learningRate: Double, momentum: Double,
                                   gradient: (Tensor) -> Tensor) throws -> (parameters: Tensor, velocity: Tensor) {
            let p = gradient(parameters) + velocity * momentum
            return (parameters - p * learningRate, p)
        }
    }
    final class NoMomentum: NesterovAdamSolution {
        override func nesterovStep(parameters: Tensor, velocity: Tensor, learningRate: Double, momentum: Double,
                                   gradient: (Tensor) -> Tensor) throws -> (parameters: Tensor, velocity: Tensor) {
            let p = gradient(parameters - velocity * learningRate)
            return (parameters - p * learningRate, p)
        }
    }
    final class AdamWithoutBiasCorrection: NesterovAdamSolution {
        override func adamStep(parameters: Tensor, gradient: Tensor, state: AdamState, learningRate: Double,
                               decayV: Double, decayS: Double, epsilon: Double) throws -> (parameters: Tensor, state: AdamState) {
            let v = state.v * decayV + gradient * (1 - decayV), s = state.s * decayS + gradient.squared() * (1 - decayS)
            return (parameters - v * learningRate / (s.sqrt() + epsilon), AdamState(v: v, s: s, t: state.t + 1))
        }
    }
    final class AdamWithoutSquareRoot: NesterovAdamSolution {
        override func adamStep(parameters: Tensor, gradient: Tensor, state: AdamState, learningRate: Double,
                               decayV: Double, decayS: Double, epsilon: Double) throws -> (parameters: Tensor, state: AdamState) {
            let v = state.v * decayV + gradient * (1 - decayV), s = state.s * decayS + gradient.squared() * (1 - decayS)
            let t = state.t + 1
            let vHat = v / (1 - pow(decayV, Double(t))), sHat = s / (1 - pow(decayS, Double(t)))
            return (parameters - vHat * learningRate / (sHat + epsilon), AdamState(v: v, s: s, t: t))
        }
    }
    final class AdamDecaySwapped: NesterovAdamSolution {
        override func adamStep(parameters: Tensor, gradient: Tensor, state: AdamState, learningRate: Double,
                               decayV: Double, decayS: Double, epsilon: Double) throws -> (parameters: Tensor, state: AdamState) {
            let v = state.v * (1 - decayV) + gradient * decayV, s = state.s * (1 - decayS) + gradient.squared() * decayS
            let t = state.t + 1
            let vHat = v / (1 - pow(decayV, Double(t))), sHat = s / (1 - pow(decayS, Double(t)))
            return (parameters - vHat * learningRate / (sHat.sqrt() + epsilon), AdamState(v: v, s: s, t: t))
        }
    }

    @Test func namesEachTypicalMistake() {
        expectMistake(NesterovAdamActivity.check(NoLookAhead.self), .gradientAtWrongPoint)
        expectMistake(NesterovAdamActivity.check(NoMomentum.self), .momentumMissing)
        expectMistake(NesterovAdamActivity.check(AdamWithoutBiasCorrection.self), .biasCorrectionMissing)
        expectMistake(NesterovAdamActivity.check(AdamWithoutSquareRoot.self), .squareRootMissing)
        expectMistake(NesterovAdamActivity.check(AdamDecaySwapped.self), .decaySwapped)
    }
}
