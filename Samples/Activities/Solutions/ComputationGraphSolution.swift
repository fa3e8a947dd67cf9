import ActivityKit

/// Activity 14's reference solution (never shown by the checker; the tests check the checker with
/// it, and subclass it to make each typical mistake).
open class ComputationGraphSolution: ComputationGraphExercise {
    public required init() {}

    open func gradientsOfSumTimesZ(x: Double, y: Double, z: Double) throws -> (x: Double, y: Double, z: Double) {
        let q = x + y
        return (z * 1, z * 1, q)
    }

    open func forward(x1: Double, x2: Double, x3: Double) throws -> (y1: Double, y2: Double) {
        let shared = 3 * x3
        return (4 * x2 + x2 * x2 + shared, x1 * x2 + shared)
    }

    open func backward(x1: Double, x2: Double, x3: Double) throws -> (x1: Double, x2: Double, x3: Double) {
        // ∂E/∂y1 = ∂E/∂y2 = 1; the shared node 3·x3 receives 1 + 1.
        (x2, 4 + 2 * x2 + x1, (1 + 1) * 3)
    }
}
