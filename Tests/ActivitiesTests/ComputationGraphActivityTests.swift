import ActivityExercises
import ActivityKit
import ActivitySolutions
import Testing

/// Activity 14: the checker accepts the reference, names each typical mistake, and reports an
/// untouched file as not done yet.
struct ComputationGraphActivityTests {
    @Test func acceptsTheReferenceAndGivesTheLecturesNumbers() {
        let report = ComputationGraphActivity.check(ComputationGraphSolution.self)
        expectPassed(report)
        // The computation-graph sample: ∇f = (−4, −4, 3); (y1, y2) = (18, 8); ∇E = (2, 9, 6).
        #expect(report.figureInEnglish.contains("∇f = (-4.0000, -4.0000, 3.0000)"))
        #expect(report.figureInEnglish.contains("(y1, y2) = (18.0000, 8.0000) and ∇E = (2.0000, 9.0000, 6.0000)"))
    }

    @Test(.enabled(if: untouched(ComputationGraphActivity.info)))
    func untouchedExerciseIsNotDoneYet() {
        expectNotDoneYet(ComputationGraphActivity.check(ComputationGraph.self))
    }

    final class SharedNodeOnce: ComputationGraphSolution {
        override func backward(x1: Double, x2: Double, x3: Double) throws -> (x1: Double, x2: Double, x3: Double) { (x2, 4 + 2 * x2 + x1, 3) }
    }
    final class PowerRuleWithoutTwo: ComputationGraphSolution {
        override func backward(x1: Double, x2: Double, x3: Double) throws -> (x1: Double, x2: Double, x3: Double) { (x2, 4 + x2 + x1, 6) }
    }
    final class ProductRuleMissing: ComputationGraphSolution {
        override func backward(x1: Double, x2: Double, x3: Double) throws -> (x1: Double, x2: Double, x3: Double) { (x2, 4 + 2 * x2, 6) }
    }
    /// ∂f/∂x = ∂q/∂x = 1: the chain rule stopped at q.
    final class ChainStopsAtQ: ComputationGraphSolution {
        override func gradientsOfSumTimesZ(x: Double, y: Double, z: Double) throws -> (x: Double, y: Double, z: Double) { (1, 1, x + y) }
    }

    @Test func namesEachTypicalMistake() {
        expectMistake(ComputationGraphActivity.check(SharedNodeOnce.self), .sharedNodeCountedOnce)
        expectMistake(ComputationGraphActivity.check(PowerRuleWithoutTwo.self), .powerRuleMissingFactor)
        expectMistake(ComputationGraphActivity.check(ProductRuleMissing.self), .productRuleMissingTerm, in: "backward(x1:x2:x3:)")
        expectMistake(ComputationGraphActivity.check(ChainStopsAtQ.self), .productRuleMissingTerm, in: "gradientsOfSumTimesZ(x:y:z:)")
    }
}
