// Actividad 5 (lectura 001): Terminar el notebook 1.5_RegresionLineal_NAG-ADAM.
// Activity 5 (lecture 001): finish the notebook 1.5_RegresionLineal_NAG-ADAM.
//
// Las actualizaciones de Nesterov (NAG) y Adam, tal como las escribe la lectura («Métodos de
// optimización»), para la regresión lineal. Los parámetros son una columna x = [w; b]; el gradiente
// ∇J llega como una función, porque NAG lo evalúa en un punto adelantado.
// Te toca escribir las dos funciones marcadas con «TU CÓDIGO»; cada una empieza lanzando NotDoneYet().
//
// Comprueba tu trabajo con:     swift run activities check 5
// Vuelve al archivo original:   swift run activities reset 5
// Guía: artículo Activity05-es de la documentación (Neurona.docc).

import ActivityKit
import Foundation
import NeuronaCore

public struct NesterovAdam: NesterovAdamExercise {
    public init() {}

    /// Un paso de NAG:   x̃ᵗ = xᵗ − α·pᵗ⁻¹,   gᵗ = ∇J(x̃ᵗ),   pᵗ = gᵗ + η·pᵗ⁻¹,   xᵗ⁺¹ = xᵗ − α·pᵗ.
    /// Devuelve (xᵗ⁺¹, pᵗ).
    public func nesterovStep(parameters: Tensor, velocity: Tensor, learningRate: Double, momentum: Double,
                             gradient: (Tensor) -> Tensor) throws -> (parameters: Tensor, velocity: Tensor) {
        // TU CÓDIGO / YOUR CODE. Pista: gradient(parameters - velocity * learningRate)
        throw NotDoneYet()
    }

    /// Un paso de Adam:   v = η_v·v + (1 − η_v)·g,   s = η_s·s + (1 − η_s)·(g ∘ g),   t = t + 1,
    ///                    v̂ = v / (1 − η_vᵗ),   ŝ = s / (1 − η_sᵗ),   x = x − α / (ε + √ŝ) · v̂.
    public func adamStep(parameters: Tensor, gradient: Tensor, state: AdamState, learningRate: Double,
                         decayV: Double, decayS: Double, epsilon: Double) throws -> (parameters: Tensor, state: AdamState) {
        // TU CÓDIGO / YOUR CODE. Pista: gradient.squared(), s.sqrt(), Foundation.pow(decayV, Double(t)),
        // AdamState(v: …, s: …, t: …)
        throw NotDoneYet()
    }
}
