import ActivityKit
import NeuronaCore

/// Activity 15's reference solution (never shown by the checker; the tests check the checker with
/// it, and subclass it to make each typical mistake).
open class AdaptiveOptimizersSolution: AdaptiveOptimizersExercise {
    public required init() {}

    open func adagradStep(parameters: Tensor, gradient: Tensor, sumOfSquares: Tensor, learningRate: Double,
                          epsilon: Double) throws -> (parameters: Tensor, sumOfSquares: Tensor) {
        let s = sumOfSquares + gradient.squared()
        return (parameters - gradient * learningRate / (s.sqrt() + epsilon), s)
    }

    open func rmspropStep(parameters: Tensor, gradient: Tensor, meanSquare: Tensor, learningRate: Double, decay: Double,
                          epsilon: Double) throws -> (parameters: Tensor, meanSquare: Tensor) {
        let s = meanSquare * decay + gradient.squared() * (1 - decay)
        return (parameters - gradient * learningRate / (s.sqrt() + epsilon), s)
    }
}
