import ActivityKit
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers

/// Activities 2 and 4's training step, the same for both (never shown by the checker).
open class NeuronaNeuronSolution {
    public required init() {}

    open func trainingStep(neuron: Dense, loss: any Loss, optimizer: any Optimizer, inputs: Tensor, targets: Tensor) throws -> Double {
        let cost = loss(neuron(Variable(inputs)), targets)
        try cost.backward()
        let parameters = neuron.namedParameters()
        optimizer.step(parameters)
        optimizer.zeroGrad(parameters)
        return cost.value.item
    }
}

/// Activity 2's reference solution.
open class LinearNeuronSolution: NeuronaNeuronSolution, NeuronaNeuronExercise {
    open func makeNeuron() throws -> Dense { Dense(units: 1) }
    open func makeLoss() throws -> any Loss { MeanSquaredError() }
}

/// Activity 4's reference solution.
open class LogisticNeuronSolution: NeuronaNeuronSolution, NeuronaNeuronExercise {
    open func makeNeuron() throws -> Dense { Dense(units: 1, activation: .sigmoid) }
    open func makeLoss() throws -> any Loss { BinaryCrossentropy() }
}
