// Actividad 9 (lectura 001): "Jugar" con el notebook 1.11_FNN_MNIST_SOLUCION.
// Activity 9 (lecture 001): "play" with the notebook 1.11_FNN_MNIST_SOLUCION.
//
// La red del proyecto de la lectura es 784 → 128 (tanh) → 10 (sigmoide), MSE, Adam. Dos preguntas
// para jugar con su profundidad y anchura:
//   1. ¿Cuántos parámetros (pesos y sesgos) tiene una red densa 784 → ocultas… → 10?
//   2. Propón una red más profunda (dos capas ocultas o más) que no tenga más parámetros que la de la
//      lectura. El verificador entrena las dos lado a lado (MNIST si está, si no Fashion-MNIST):
//      cambia tus capas y vuelve a comprobar para ver qué aportan la profundidad y la anchura.
// Cada función empieza lanzando NotDoneYet().
//
// Comprueba tu trabajo con:     swift run activities check 9
// Vuelve al archivo original:   swift run activities reset 9
// Guía: artículo Activity09-es de la documentación (Neurona.docc).

import ActivityKit

public struct MNISTExperiments: MNISTExperimentsExercise {
    public init() {}

    /// 1. El número de parámetros de la red 784 → hiddenLayers… → 10.
    public func parameterCount(hiddenLayers: [Int]) throws -> Int {
        // TU CÓDIGO / YOUR CODE. Pista: let widths = [784] + hiddenLayers + [10]
        throw NotDoneYet()
    }

    /// 2. Las capas ocultas de tu red más profunda, por ejemplo [64, 32].
    public func deeperNetwork() throws -> [Int] {
        // TU RESPUESTA / YOUR ANSWER.
        throw NotDoneYet()
    }
}
