// Actividad 14 (lecturas 003 y 004): retropropagación en un grafo de computación.
// Activity 14 (lectures 003 and 004): backpropagation on a computation graph.
//
// 1. Lectura 004: f(x, y, z) = (x + y)·z. Con q = x + y, f = q·z:
//        ∂q/∂x = 1, ∂q/∂y = 1, ∂f/∂q = z, ∂f/∂z = q.   Busca ∂f/∂x, ∂f/∂y, ∂f/∂z.
// 2. Lectura 003: f(x1, x2, x3) = (4·x2 + x2² + 3·x3,  x1·x2 + 3·x3) = (y1, y2), con E = y1 + y2.
//    El nodo 3·x3 se calcula una vez y alimenta las dos salidas.
// Escribe las derivadas a mano, con la regla de la cadena (sin autograd). Cada función empieza
// lanzando NotDoneYet().
//
// Comprueba tu trabajo con:     swift run activities check 14
// Vuelve al archivo original:   swift run activities reset 14
// Guía: artículo Activity14-es de la documentación (Neurona.docc).

import ActivityKit

public struct ComputationGraph: ComputationGraphExercise {
    public init() {}

    /// (∂f/∂x, ∂f/∂y, ∂f/∂z) para f = (x + y)·z.
    public func gradientsOfSumTimesZ(x: Double, y: Double, z: Double) throws -> (x: Double, y: Double, z: Double) {
        // TU CÓDIGO / YOUR CODE.
        throw NotDoneYet()
    }

    /// Hacia adelante: (y1, y2).
    public func forward(x1: Double, x2: Double, x3: Double) throws -> (y1: Double, y2: Double) {
        // TU CÓDIGO / YOUR CODE.
        throw NotDoneYet()
    }

    /// Hacia atrás: (∂E/∂x1, ∂E/∂x2, ∂E/∂x3) para E = y1 + y2.
    public func backward(x1: Double, x2: Double, x3: Double) throws -> (x1: Double, x2: Double, x3: Double) {
        // TU CÓDIGO / YOUR CODE. Pista: ∂E/∂(3·x3) suma lo que llega por y1 y por y2.
        throw NotDoneYet()
    }
}
