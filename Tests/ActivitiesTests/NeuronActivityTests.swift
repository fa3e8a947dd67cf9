import ActivityExercises
import ActivityKit
import ActivitySolutions
import Foundation
import Testing

/// Activity 11: the checker accepts the reference, names each typical mistake, and reports an
/// untouched file as not done yet.
struct NeuronActivityTests {
    @Test func acceptsTheReferenceAndGivesTheLecturesNumbers() {
        let report = NeuronActivity.check(NeuronSolution.self)
        expectPassed(report)
        // The neuron and feedforward samples: σ(7) = 0.99909, o1 = σ(σ(3)) = 0.7216.
        #expect(report.figureInEnglish.contains("f(7) = 0.9991") && report.figureInEnglish.contains("o1 = 0.7216"))
    }

    @Test(.enabled(if: untouched(NeuronActivity.info)))
    func untouchedExerciseIsNotDoneYet() {
        expectNotDoneYet(NeuronActivity.check(Neuron.self))
    }

    final class SigmoidSignFlipped: NeuronSolution {
        override func sigmoid(_ x: Double) throws -> Double { 1 / (1 + exp(x)) }
    }
    final class NeuronWithoutBias: NeuronSolution {
        override func neuron(inputs: [Double], weights: [Double], bias: Double) throws -> Double {
            try sigmoid(zip(inputs, weights).map(*).reduce(0, +))
        }
    }
    final class NeuronWithoutActivation: NeuronSolution {
        override func neuron(inputs: [Double], weights: [Double], bias: Double) throws -> Double {
            zip(inputs, weights).map(*).reduce(0, +) + bias
        }
    }
    /// The output neuron's sigmoid forgotten.
    final class FeedforwardLinearOutput: NeuronSolution {
        override func feedforward(inputs: [Double]) throws -> Double {
            let h1 = try neuron(inputs: inputs, weights: [0, 1], bias: 0), h2 = try neuron(inputs: inputs, weights: [0, 1], bias: 0)
            return 0 * h1 + 1 * h2
        }
    }

    @Test func namesEachTypicalMistake() {
        expectMistake(NeuronActivity.check(SigmoidSignFlipped.self), .signFlipped, in: "sigmoid(_:)")
        expectMistake(NeuronActivity.check(NeuronWithoutBias.self), .biasForgotten, in: "neuron(inputs:weights:bias:)")
        // The feedforward, built from the neuron, waits until the neuron is right.
        expectMistake(NeuronActivity.check(NeuronWithoutActivation.self), .activationMissing, in: "neuron(inputs:weights:bias:)")
        expectMistake(NeuronActivity.check(FeedforwardLinearOutput.self), .activationMissing, in: "feedforward(inputs:)")
    }
}
