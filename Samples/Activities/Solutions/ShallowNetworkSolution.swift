import ActivityKit
import NeuronaCore

/// Activity 8's reference solution (never shown by the checker; the tests check the checker with
/// it, and subclass it to make each typical mistake).
open class ShallowNetworkSolution: ShallowNetworkExercise {
    public required init() {}

    open func forward(_ inputs: Tensor, _ parameters: ShallowParameters) throws -> ShallowForward {
        let z1 = inputs.matmul(parameters.w1) + parameters.b1, a1 = z1.tanh()
        let z2 = a1.matmul(parameters.w2) + parameters.b2
        return ShallowForward(z1: z1, a1: a1, z2: z2, a2: z2.sigmoid())
    }

    open func backward(_ inputs: Tensor, targets: Tensor, _ parameters: ShallowParameters,
                       _ forward: ShallowForward) throws -> ShallowParameters {
        let m = Double(inputs.shape[0])
        let dZ2 = (forward.a2 - targets) / m
        let dZ1 = dZ2.matmul(parameters.w2.T) * (1 - forward.a1.squared())
        return ShallowParameters(w1: inputs.T.matmul(dZ1), b1: dZ1.sum(axes: [0], keepDims: true),
                                 w2: forward.a1.T.matmul(dZ2), b2: dZ2.sum(axes: [0], keepDims: true))
    }
}
