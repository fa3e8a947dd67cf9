import ActivityExercises
import ActivityKit
import ActivitySolutions
import NeuronaCore
import Testing

/// Activity 8: the checker accepts the reference, names each typical mistake, and reports an
/// untouched file as not done yet.
struct ShallowNetworkActivityTests {
    @Test func acceptsTheReferenceAndTellsThreesFromEights() {
        let report = ShallowNetworkActivity.check(ShallowNetworkSolution.self, options: .init(quick: true))
        expectPassed(report)
        #expect(report.figureInEnglish.contains("3s and 8s"))
    }

    @Test(.enabled(if: untouched(ShallowNetworkActivity.info)))
    func untouchedExerciseIsNotDoneYet() {
        expectNotDoneYet(ShallowNetworkActivity.check(ShallowNetwork.self))
    }

    final class SigmoidHiddenLayer: ShallowNetworkSolution {
        override func forward(_ inputs: Tensor, _ parameters: ShallowParameters) throws -> ShallowForward {
            let z1 = inputs.matmul(parameters.w1) + parameters.b1, a1 = z1.sigmoid()
            let z2 = a1.matmul(parameters.w2) + parameters.b2
            return ShallowForward(z1: z1, a1: a1, z2: z2, a2: z2.sigmoid())
        }
    }
    /// σ'(z) = a(1 − a) where the hidden layer is tanh.
    final class SigmoidDerivativeForTanh: ShallowNetworkSolution {
        override func backward(_ inputs: Tensor, targets: Tensor, _ parameters: ShallowParameters,
                               _ forward: ShallowForward) throws -> ShallowParameters {
            let m = Double(inputs.shape[0])
            let dZ2 = (forward.a2 - targets) / m
            let dZ1 = dZ2.matmul(parameters.w2.T) * forward.a1 * (1 - forward.a1)
            return ShallowParameters(w1: inputs.T.matmul(dZ1), b1: dZ1.sum(axes: [0], keepDims: true),
                                     w2: forward.a1.T.matmul(dZ2), b2: dZ2.sum(axes: [0], keepDims: true))
        }
    }
    final class WithoutOneOverM: ShallowNetworkSolution {
        override func backward(_ inputs: Tensor, targets: Tensor, _ parameters: ShallowParameters,
                               _ forward: ShallowForward) throws -> ShallowParameters {
            let dZ2 = forward.a2 - targets
            let dZ1 = dZ2.matmul(parameters.w2.T) * (1 - forward.a1.squared())
            return ShallowParameters(w1: inputs.T.matmul(dZ1), b1: dZ1.sum(axes: [0], keepDims: true),
                                     w2: forward.a1.T.matmul(dZ2), b2: dZ2.sum(axes: [0], keepDims: true))
        }
    }
    final class BiasGradientNotSummed: ShallowNetworkSolution {
        override func backward(_ inputs: Tensor, targets: Tensor, _ parameters: ShallowParameters,
                               _ forward: ShallowForward) throws -> ShallowParameters {
            let m = Double(inputs.shape[0])
            let dZ2 = (forward.a2 - targets) / m
            let dZ1 = dZ2.matmul(parameters.w2.T) * (1 - forward.a1.squared())
            return ShallowParameters(w1: inputs.T.matmul(dZ1), b1: dZ1.sum(axes: [0], keepDims: true),
                                     w2: forward.a1.T.matmul(dZ2), b2: dZ2)
        }
    }
    final class GradientSignFlipped: ShallowNetworkSolution {
        override func backward(_ inputs: Tensor, targets: Tensor, _ parameters: ShallowParameters,
                               _ forward: ShallowForward) throws -> ShallowParameters {
            let m = Double(inputs.shape[0])
            let dZ2 = (targets - forward.a2) / m
            let dZ1 = dZ2.matmul(parameters.w2.T) * (1 - forward.a1.squared())
            return ShallowParameters(w1: inputs.T.matmul(dZ1), b1: dZ1.sum(axes: [0], keepDims: true),
                                     w2: forward.a1.T.matmul(dZ2), b2: dZ2.sum(axes: [0], keepDims: true))
        }
    }

    @Test func namesEachTypicalMistake() {
        expectMistake(ShallowNetworkActivity.check(SigmoidHiddenLayer.self), .wrongActivation, in: "forward(_:_:)")
        expectMistake(ShallowNetworkActivity.check(SigmoidDerivativeForTanh.self), .wrongActivationDerivative)
        expectMistake(ShallowNetworkActivity.check(WithoutOneOverM.self), .missingOneOverM)
        expectMistake(ShallowNetworkActivity.check(BiasGradientNotSummed.self), .biasGradientNotSummed)
        expectMistake(ShallowNetworkActivity.check(GradientSignFlipped.self), .signFlipped)
    }
}
