// Actividad 6 (lectura 001): Terminar el notebook 1.6_Neurona_RegresionLineal_NAG-ADAM.
// Activity 6 (lecture 001): finish the notebook 1.6_Neurona_RegresionLineal_NAG-ADAM.
//
// Los métodos de la actividad 5 dentro de una neurona: en lugar de escribir las fórmulas, usa los
// optimizadores de Neurona (los de Keras) con los valores de la lectura:
//     NAG:   momentum η = 0.9, con el gradiente en el punto adelantado (Nesterov)
//     Adam:  η_v = 0.9 (beta1), η_s = 0.999 (beta2)
// El verificador entrena con ellos la neurona lineal de la actividad 2 sobre los precios de casas.
// Cada función empieza lanzando NotDoneYet().
//
// Comprueba tu trabajo con:     swift run activities check 6
// Vuelve al archivo original:   swift run activities reset 6
// Guía: artículo Activity06-es de la documentación (Neurona.docc).

import ActivityKit
import NeuronaOptimizers

public struct NeuronNesterovAdam: NeuronaOptimizersExercise {
    public init() {}

    /// NAG con la tasa de aprendizaje recibida y el momentum de la lectura.
    public func makeNesterov(learningRate: Double) throws -> any Optimizer {
        // TU CÓDIGO / YOUR CODE. Pista: SGD(learningRate: …, momentum: …, nesterov: …)
        throw NotDoneYet()
    }

    /// Adam con la tasa de aprendizaje recibida y los η de la lectura.
    public func makeAdam(learningRate: Double) throws -> any Optimizer {
        // TU CÓDIGO / YOUR CODE. Pista: Adam(learningRate: …, beta1: …, beta2: …)
        throw NotDoneYet()
    }
}
