// Actividad 1 (lectura 001): Terminar el notebook 1.1_RegresionLineal.
// Activity 1 (lecture 001): finish the notebook 1.1_RegresionLineal.
//
// Regresión lineal con descenso de gradiente, escrita a mano. El modelo ya está escrito:
//     ŷ = X·w + b            (predict(_:weights:bias:))
// Te toca escribir las tres funciones marcadas con «TU CÓDIGO»; cada una empieza lanzando
// NotDoneYet(). Formas: X es [m, n] (un ejemplo por fila), y y ŷ son [m, 1], w es [n, 1], b un número.
//
// Comprueba tu trabajo con:     swift run activities check 1
// Vuelve al archivo original:   swift run activities reset 1
// Guía: artículo Activity01-es de la documentación (Neurona.docc).

import ActivityKit
import NeuronaCore

public struct LinearRegression: LinearRegressionExercise {
    public init() {}

    /// El costo J(w, b) = (1/m) Σᵢ ½(ŷᵢ − yᵢ)²   (lectura 001, «Función de perdida y función de costo»).
    public func cost(predictions: Tensor, targets: Tensor) throws -> Double {
        // TU CÓDIGO / YOUR CODE. Pista: (predictions - targets).squared(), .mean(), .item
        throw NotDoneYet()
    }

    /// El gradiente de J:  ∇_w J = (1/m) Xᵀ(ŷ − y)   y   ∇_b J = (1/m) Σᵢ (ŷᵢ − yᵢ),   con ŷ = X·w + b.
    public func gradients(inputs: Tensor, targets: Tensor, weights: Tensor, bias: Double) throws -> (weights: Tensor, bias: Double) {
        // TU CÓDIGO / YOUR CODE. Pista: predict(inputs, weights: weights, bias: bias), inputs.T.matmul(…),
        // inputs.shape[0] es m.
        throw NotDoneYet()
    }

    /// Un paso de descenso de gradiente:  w ← w − α ∇_w J,   b ← b − α ∇_b J.
    public func gradientDescentStep(weights: Tensor, bias: Double, gradients: (weights: Tensor, bias: Double),
                                    learningRate: Double) throws -> (weights: Tensor, bias: Double) {
        // TU CÓDIGO / YOUR CODE.
        throw NotDoneYet()
    }
}
