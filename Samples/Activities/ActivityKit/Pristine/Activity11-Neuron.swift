// Actividad 11 (lectura 000): el notebook de ejemplo icncd_clase3_ejemplo_neurona_1.
// Activity 11 (lecture 000): the example notebook icncd_clase3_ejemplo_neurona_1.
//
// Una neurona a mano («Ejemplo básico»): cada entrada se multiplica por un peso, se suman con el
// sesgo b y la suma pasa por la función de activación f, la sigmoide:
//     y = f(x1·w1 + x2·w2 + b),   f(x) = 1 / (1 + e⁻ˣ)
// y la red 2-2-1 de «Otro ejemplo: Feedforward», donde todas las neuronas tienen w = [0, 1] y b = 0.
// Te toca escribir las tres funciones marcadas con «TU CÓDIGO»; cada una empieza lanzando NotDoneYet().
//
// Comprueba tu trabajo con:     swift run activities check 11
// Vuelve al archivo original:   swift run activities reset 11
// Guía: artículo Activity11-es de la documentación (Neurona.docc).

import ActivityKit
import Foundation

public struct Neuron: NeuronExercise {
    public init() {}

    /// La sigmoide f(x) = 1 / (1 + e⁻ˣ).
    public func sigmoid(_ x: Double) throws -> Double {
        // TU CÓDIGO / YOUR CODE. Pista: exp(-x)
        throw NotDoneYet()
    }

    /// Una neurona: y = f(w·x + b) = f(w1·x1 + w2·x2 + … + b).
    public func neuron(inputs: [Double], weights: [Double], bias: Double) throws -> Double {
        // TU CÓDIGO / YOUR CODE. Pista: zip(inputs, weights).map(*).reduce(0, +)
        throw NotDoneYet()
    }

    /// La red 2-2-1: h1 y h2 reciben x; o1 recibe [h1, h2]; todas con w = [0, 1], b = 0 y la sigmoide.
    public func feedforward(inputs: [Double]) throws -> Double {
        // TU CÓDIGO / YOUR CODE. Pista: usa tu neuron(inputs:weights:bias:) tres veces.
        throw NotDoneYet()
    }
}
