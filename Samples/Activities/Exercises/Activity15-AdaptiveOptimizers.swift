// Actividad 15 (lectura 004, con las fórmulas de la lectura 001): Adagrad y RMSProp.
// Activity 15 (lecture 004, with lecture 001's formulas): Adagrad and RMSProp.
//
// Las reglas de actualización de dos métodos adaptativos, elemento por elemento:
//     Adagrad:  s = s + g∘g,                  x = x − α / (ε + √s) · g
//     RMSProp:  ŝ = η·ŝ + (1 − η)·(g∘g),      x = x − α / (ε + √ŝ) · g
// Cada función empieza lanzando NotDoneYet().
//
// Comprueba tu trabajo con:     swift run activities check 15
// Vuelve al archivo original:   swift run activities reset 15
// Guía: artículo Activity15-es de la documentación (Neurona.docc).

import ActivityKit
import NeuronaCore

public struct AdaptiveOptimizers: AdaptiveOptimizersExercise {
    public init() {}

    /// Un paso de Adagrad. Devuelve (xᵗ⁺¹, sᵗ).
    public func adagradStep(parameters: Tensor, gradient: Tensor, sumOfSquares: Tensor, learningRate: Double,
                            epsilon: Double) throws -> (parameters: Tensor, sumOfSquares: Tensor) {
        // TU CÓDIGO / YOUR CODE. Pista: gradient.squared(), s.sqrt() + epsilon
        throw NotDoneYet()
    }

    /// Un paso de RMSProp. Devuelve (xᵗ⁺¹, ŝᵗ).
    public func rmspropStep(parameters: Tensor, gradient: Tensor, meanSquare: Tensor, learningRate: Double, decay: Double,
                            epsilon: Double) throws -> (parameters: Tensor, meanSquare: Tensor) {
        // TU CÓDIGO / YOUR CODE.
        throw NotDoneYet()
    }
}
