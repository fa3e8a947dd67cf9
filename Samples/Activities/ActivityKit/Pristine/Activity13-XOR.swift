// Actividad 13 (lectura 002): el ejemplo resuelto de la función XOR.
// Activity 13 (lecture 002): the worked example of the XOR function.
//
// La red de la lectura:   f(x) = max{0, X·W + c}·w + b
// (una capa oculta ReLU y una salida lineal). Primero escribe el paso hacia adelante; luego da los
// parámetros W, c, w, b con los que la red calcula XOR: (0,0) → 0, (0,1) → 1, (1,0) → 1, (1,1) → 0.
// Cada función empieza lanzando NotDoneYet().
//
// Comprueba tu trabajo con:     swift run activities check 13
// Vuelve al archivo original:   swift run activities reset 13
// Guía: artículo Activity13-es de la documentación (Neurona.docc).

import ActivityKit
import NeuronaCore

public struct XOR: XORExercise {
    public init() {}

    /// ŷ = max{0, X·W + c}·w + b.   X es [m, 2], W es [2, 2], c es [2], w es [2, 1]; ŷ es [m, 1].
    public func forward(_ inputs: Tensor, W: Tensor, c: Tensor, w: Tensor, b: Double) throws -> Tensor {
        // TU CÓDIGO / YOUR CODE. Pista: inputs.matmul(W) + c, .relu(), .matmul(w)
        throw NotDoneYet()
    }

    /// Los parámetros de la lectura. Pista de forma:
    ///     (W: Tensor([[…, …], […, …]], dtype: .float64), c: Tensor([…, …], dtype: .float64),
    ///      w: Tensor([[…], […]], dtype: .float64), b: …)
    public func lectureParameters() throws -> (W: Tensor, c: Tensor, w: Tensor, b: Double) {
        // TU CÓDIGO / YOUR CODE.
        throw NotDoneYet()
    }
}
