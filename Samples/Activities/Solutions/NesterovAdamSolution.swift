import ActivityKit
import Foundation
import NeuronaCore

/// Activity 5's reference solution (never shown by the checker; the tests check the checker with
/// it, and subclass it to make each typical mistake).
open class NesterovAdamSolution: NesterovAdamExercise {
    public required init() {}

    open func nesterovStep(parameters: Tensor, velocity: Tensor, learningRate: Double, momentum: Double,
                           gradient: (Tensor) -> Tensor) throws -> (parameters: Tensor, velocity: Tensor) {
        let g = gradient(parameters - velocity * learningRate)
        let p = g + velocity * momentum
        return (parameters - p * learningRate, p)
    }

    open func adamStep(parameters: Tensor, gradient: Tensor, state: AdamState, learningRate: Double,
                       decayV: Double, decayS: Double, epsilon: Double) throws -> (parameters: Tensor, state: AdamState) {
        let v = state.v * decayV + gradient * (1 - decayV)
        let s = state.s * decayS + gradient.squared() * (1 - decayS)
        let t = state.t + 1
        let vHat = v / (1 - pow(decayV, Double(t))), sHat = s / (1 - pow(decayS, Double(t)))
        return (parameters - vHat * learningRate / (sHat.sqrt() + epsilon), AdamState(v: v, s: s, t: t))
    }
}
