import ActivityKit
import NeuronaOptimizers

/// Activity 6's reference solution (never shown by the checker; the tests check the checker with
/// it, and subclass it to make each typical mistake).
open class NeuronaOptimizersSolution: NeuronaOptimizersExercise {
    public required init() {}

    open func makeNesterov(learningRate: Double) throws -> any Optimizer {
        SGD(learningRate: learningRate, momentum: 0.9, nesterov: true)
    }

    open func makeAdam(learningRate: Double) throws -> any Optimizer {
        Adam(learningRate: learningRate, beta1: 0.9, beta2: 0.999)
    }
}
