// Actividad 8 (lectura 001): Terminar el notebook 1.7_shallowNN.
// Activity 8 (lecture 001): finish the notebook 1.7_shallowNN.
//
// La red poco profunda de la lectura («Neural Network: ejercicio (clasificación binaria)»):
//     g⁽¹⁾ = tanh,   g⁽²⁾ = σ,   J = −(1/m) Σ [y log a⁽²⁾ + (1 − y) log(1 − a⁽²⁾)]
// Un ejemplo por fila (como Keras y Neurona; la lectura escribe la transpuesta):
//     X es [m, n0],  W1 es [n0, n1],  b1 es [1, n1],  W2 es [n1, 1],  b2 es [1, 1],  Y es [m, 1].
// Te toca escribir el paso hacia adelante y el paso hacia atrás; cada uno empieza lanzando NotDoneYet().
//
// Comprueba tu trabajo con:     swift run activities check 8
// Vuelve al archivo original:   swift run activities reset 8
// Guía: artículo Activity08-es de la documentación (Neurona.docc).

import ActivityKit
import NeuronaCore

public struct ShallowNetwork: ShallowNetworkExercise {
    public init() {}

    /// Hacia adelante:  Z1 = X·W1 + b1,  A1 = tanh(Z1),  Z2 = A1·W2 + b2,  A2 = σ(Z2).
    public func forward(_ inputs: Tensor, _ parameters: ShallowParameters) throws -> ShallowForward {
        // TU CÓDIGO / YOUR CODE. Pista: inputs.matmul(parameters.w1) + parameters.b1, .tanh(), .sigmoid(),
        // ShallowForward(z1: …, a1: …, z2: …, a2: …)
        throw NotDoneYet()
    }

    /// Hacia atrás: los gradientes de J respecto a W1, b1, W2 y b2, con la regla de la cadena.
    ///     dZ2 = (A2 − Y) / m,   dW2 = A1ᵀ·dZ2,   db2 = Σ_filas dZ2,
    ///     dZ1 = (dZ2·W2ᵀ) ∘ g⁽¹⁾'(Z1),   dW1 = Xᵀ·dZ1,   db1 = Σ_filas dZ1.
    public func backward(_ inputs: Tensor, targets: Tensor, _ parameters: ShallowParameters,
                         _ forward: ShallowForward) throws -> ShallowParameters {
        // TU CÓDIGO / YOUR CODE. Pista: la derivada de tanh es 1 − tanh², es decir 1 - forward.a1.squared();
        // .T, .matmul(…), .sum(axes: [0], keepDims: true), inputs.shape[0] es m.
        throw NotDoneYet()
    }
}
