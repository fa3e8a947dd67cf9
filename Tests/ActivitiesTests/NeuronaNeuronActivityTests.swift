import ActivityExercises
import ActivityKit
import ActivitySolutions
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
import Testing

/// Activities 2 and 4: the checker accepts the references, names each typical mistake, and
/// reports untouched files as not done yet.
struct NeuronaNeuronActivityTests {
    @Test func acceptsTheLinearReferenceAndReproducesTheLecturesLine() {
        let report = NeuronaNeuronActivity.check(LinearNeuronSolution.self, task: .linearRegression)
        expectPassed(report)
        #expect(report.figureInEnglish.contains("1095.44·m² + 43013.02"))
    }

    @Test func acceptsTheLogisticReference() {
        expectPassed(NeuronaNeuronActivity.check(LogisticNeuronSolution.self, task: .logisticRegression, options: .init(quick: true)))
    }

    @Test(.enabled(if: untouched(NeuronaNeuronActivity.linearInfo) && untouched(NeuronaNeuronActivity.logisticInfo)))
    func untouchedExercisesAreNotDoneYet() {
        expectNotDoneYet(NeuronaNeuronActivity.check(LinearNeuron.self, task: .linearRegression))
        expectNotDoneYet(NeuronaNeuronActivity.check(LogisticNeuron.self, task: .logisticRegression))
    }

    final class SigmoidRegression: LinearNeuronSolution {
        override func makeNeuron() throws -> Dense { Dense(units: 1, activation: .sigmoid) }
    }
    final class TwoUnits: LinearNeuronSolution {
        override func makeNeuron() throws -> Dense { Dense(units: 2) }
    }
    final class NoBias: LinearNeuronSolution {
        override func makeNeuron() throws -> Dense { Dense(units: 1, useBias: false) }
    }
    final class AbsoluteError: LinearNeuronSolution {
        override func makeLoss() throws -> any Loss { MeanAbsoluteError() }
    }
    final class GradientsPileUp: LinearNeuronSolution {
        override func trainingStep(neuron: Dense, loss: any Loss, optimizer: any Optimizer, inputs: Tensor, targets: Tensor) throws -> Double {
            let cost = loss(neuron(Variable(inputs)), targets)
            try cost.backward()
            optimizer.step(neuron.namedParameters())
            return cost.value.item
        }
    }
    final class LinearClassifier: LogisticNeuronSolution {
        override func makeNeuron() throws -> Dense { Dense(units: 1) }
    }
    final class SquaredErrorClassifier: LogisticNeuronSolution {
        override func makeLoss() throws -> any Loss { MeanSquaredError() }
    }
    final class NeverSteps: LogisticNeuronSolution {
        override func trainingStep(neuron: Dense, loss: any Loss, optimizer: any Optimizer, inputs: Tensor, targets: Tensor) throws -> Double {
            let cost = loss(neuron(Variable(inputs)), targets)
            try cost.backward()
            optimizer.zeroGrad(neuron.namedParameters())
            return cost.value.item
        }
    }

    @Test func namesEachTypicalMistakeOfTheLinearNeuron() {
        expectMistake(NeuronaNeuronActivity.check(SigmoidRegression.self, task: .linearRegression), .wrongActivation, in: "makeNeuron()")
        expectMistake(NeuronaNeuronActivity.check(TwoUnits.self, task: .linearRegression), .wrongUnits)
        expectMistake(NeuronaNeuronActivity.check(NoBias.self, task: .linearRegression), .biasForgotten)
        expectMistake(NeuronaNeuronActivity.check(AbsoluteError.self, task: .linearRegression), .wrongLoss)
        expectMistake(NeuronaNeuronActivity.check(GradientsPileUp.self, task: .linearRegression), .zeroGradMissing)
    }

    @Test func namesEachTypicalMistakeOfTheLogisticNeuron() {
        expectMistake(NeuronaNeuronActivity.check(LinearClassifier.self, task: .logisticRegression), .activationMissing)
        expectMistake(NeuronaNeuronActivity.check(SquaredErrorClassifier.self, task: .logisticRegression), .wrongLoss)
        expectMistake(NeuronaNeuronActivity.check(NeverSteps.self, task: .logisticRegression), .optimizerStepMissing)
    }
}
