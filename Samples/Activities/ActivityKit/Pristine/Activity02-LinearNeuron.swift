// Actividad 2 (lectura 001): Terminar el notebook 1.2_Neurona_RegresionLineal.
// Activity 2 (lecture 001): finish the notebook 1.2_Neurona_RegresionLineal.
//
// La regresión lineal de la actividad 1, ahora como una neurona hecha con las piezas de Neurona:
// una unidad Dense sin activación (ŷ = wᵀx + b), la pérdida MSE y un paso de entrenamiento con autograd.
// (MeanSquaredError de Neurona es (1/m) Σ (ŷ − y)², sin el ½ de la lectura: el mínimo es el mismo.)
// Te toca escribir las tres funciones marcadas con «TU CÓDIGO»; cada una empieza lanzando NotDoneYet().
//
// Comprueba tu trabajo con:     swift run activities check 2
// Vuelve al archivo original:   swift run activities reset 2
// Guía: artículo Activity02-es de la documentación (Neurona.docc).

import ActivityKit
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers

public struct LinearNeuron: NeuronaNeuronExercise {
    public init() {}

    /// La neurona: una unidad Dense con la activación de la tarea.
    public func makeNeuron() throws -> Dense {
        // TU CÓDIGO / YOUR CODE. Pista: Dense(units: …, activation: …)
        throw NotDoneYet()
    }

    /// El costo que minimiza la lectura para esta tarea.
    public func makeLoss() throws -> any Loss {
        // TU CÓDIGO / YOUR CODE. Pista: MeanSquaredError(), BinaryCrossentropy(), MeanAbsoluteError()…
        throw NotDoneYet()
    }

    /// Un paso de descenso de gradiente: forward, costo, backward(), paso del optimizador y
    /// gradientes de vuelta a cero. Devuelve el costo antes de actualizar.
    public func trainingStep(neuron: Dense, loss: any Loss, optimizer: any Optimizer, inputs: Tensor, targets: Tensor) throws -> Double {
        // TU CÓDIGO / YOUR CODE. Pista: loss(neuron(Variable(inputs)), targets), try cost.backward(),
        // neuron.namedParameters(), optimizer.step(…), optimizer.zeroGrad(…), cost.value.item
        throw NotDoneYet()
    }
}
