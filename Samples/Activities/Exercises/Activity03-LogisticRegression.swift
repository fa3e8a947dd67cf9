// Actividad 3 (lectura 001): Terminar el notebook 1.3_RegresionLogistica.
// Activity 3 (lecture 001): finish the notebook 1.3_RegresionLogistica.
//
// Regresión logística a mano sobre Breast Cancer Wisconsin. El modelo ya está escrito:
//     ŷ = σ(X·w + b)         (predict(_:weights:bias:), que usa tu sigmoid)
// y el paso de descenso de gradiente es el de la actividad 1. Te toca escribir las tres funciones
// marcadas con «TU CÓDIGO»; cada una empieza lanzando NotDoneYet().
// Formas: X es [m, n], y y ŷ son [m, 1], w es [n, 1], b un número.
//
// Comprueba tu trabajo con:     swift run activities check 3
// Vuelve al archivo original:   swift run activities reset 3
// Guía: artículo Activity03-es de la documentación (Neurona.docc).

import ActivityKit
import NeuronaCore

public struct LogisticRegression: LogisticRegressionExercise {
    public init() {}

    /// La sigmoide σ(z) = 1 / (1 + e⁻ᶻ), elemento por elemento.
    public func sigmoid(_ z: Tensor) throws -> Tensor {
        // TU CÓDIGO / YOUR CODE. Pista: z.negated().exp(), 1 / (…)
        throw NotDoneYet()
    }

    /// El costo (entropía cruzada binaria): J = −(1/m) Σᵢ [yᵢ log ŷᵢ + (1 − yᵢ) log(1 − ŷᵢ)].
    public func cost(probabilities: Tensor, targets: Tensor) throws -> Double {
        // TU CÓDIGO / YOUR CODE. Pista: probabilities.log(), (1 - probabilities).log(), .mean().item
        throw NotDoneYet()
    }

    /// El gradiente de J:  ∇_w J = (1/m) Xᵀ(ŷ − y)   y   ∇_b J = (1/m) Σᵢ (ŷᵢ − yᵢ),   con ŷ = σ(X·w + b).
    public func gradients(inputs: Tensor, targets: Tensor, weights: Tensor, bias: Double) throws -> (weights: Tensor, bias: Double) {
        // TU CÓDIGO / YOUR CODE. Pista: try predict(inputs, weights: weights, bias: bias)
        throw NotDoneYet()
    }
}
