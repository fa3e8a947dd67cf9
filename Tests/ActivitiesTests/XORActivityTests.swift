import ActivityExercises
import ActivityKit
import ActivitySolutions
import NeuronaCore
import Testing

/// Activity 13: the checker accepts the reference, names each typical mistake, and reports an
/// untouched file as not done yet.
struct XORActivityTests {
    @Test func acceptsTheReferenceAndGivesXORExactly() {
        let report = XORActivity.check(XORSolution.self)
        expectPassed(report)
        #expect(report.figureInEnglish.contains("ŷ = (0.0000, 1.0000, 1.0000, 0.0000)"))
    }

    @Test(.enabled(if: untouched(XORActivity.info)))
    func untouchedExerciseIsNotDoneYet() {
        expectNotDoneYet(XORActivity.check(XOR.self))
    }

    final class NoReLU: XORSolution {
        override func forward(_ inputs: Tensor, W: Tensor, c: Tensor, w: Tensor, b: Double) throws -> Tensor {
            (inputs.matmul(W) + c).matmul(w) + b
        }
    }
    final class SigmoidHidden: XORSolution {
        override func forward(_ inputs: Tensor, W: Tensor, c: Tensor, w: Tensor, b: Double) throws -> Tensor {
            (inputs.matmul(W) + c).sigmoid().matmul(w) + b
        }
    }
    final class HiddenBiasForgotten: XORSolution {
        override func forward(_ inputs: Tensor, W: Tensor, c: Tensor, w: Tensor, b: Double) throws -> Tensor {
            inputs.matmul(W).relu().matmul(w) + b
        }
    }
    final class CSignFlipped: XORSolution {
        override func lectureParameters() throws -> (W: Tensor, c: Tensor, w: Tensor, b: Double) {
            (Tensor([[1, 1], [1, 1]], dtype: .float64), Tensor([0, 1], dtype: .float64), Tensor([[1], [-2]], dtype: .float64), 0)
        }
    }

    @Test func namesEachTypicalMistake() {
        expectMistake(XORActivity.check(NoReLU.self), .activationMissing)
        expectMistake(XORActivity.check(SigmoidHidden.self), .wrongActivation)
        expectMistake(XORActivity.check(HiddenBiasForgotten.self), .biasForgotten)
        expectMistake(XORActivity.check(CSignFlipped.self), .signFlipped, in: "lectureParameters()")
    }
}
