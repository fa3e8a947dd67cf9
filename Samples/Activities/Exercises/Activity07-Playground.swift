// Actividad 7 (lectura 001): "Jugar" con los problemas en playground.tensorflow.org.
// Activity 7 (lecture 001): "play" with the problems at playground.tensorflow.org.
//
// Tres experimentos guiados del playground, con los mismos datos, características y redes que el
// ejemplo `samples playground` (y que el laboratorio web, que los dibuja en el navegador):
//   1. ¿Con qué características separa XOR un modelo SIN capas ocultas?
//   2. ¿Con cuáles separa los dos círculos?
//   3. ¿Qué red (características y capas ocultas tanh, como mucho 6 capas de 8 unidades) aprende
//      las espirales?
// Las características: .x1, .x2, .x1Squared (x1²), .x2Squared (x2²), .x1x2, .sinX1, .sinX2.
// Prueba antes con `swift run -c release samples playground --dataset xor --features x1,x2 --hidden ""`.
// Cada función empieza lanzando NotDoneYet(); el verificador hace el experimento con tu respuesta.
//
// Comprueba tu trabajo con:     swift run activities check 7
// Vuelve al archivo original:   swift run activities reset 7
// Guía: artículo Activity07-es de la documentación (Neurona.docc).

import ActivityKit
import Lessons

public struct Playground: PlaygroundExercise {
    public init() {}

    /// 1. Las características con las que un modelo sin capas ocultas separa XOR.
    public func xorFeatures() throws -> [PlaygroundLesson.Feature] {
        // TU RESPUESTA / YOUR ANSWER, por ejemplo: return [.x1, .x2]
        throw NotDoneYet()
    }

    /// 2. Las características con las que un modelo sin capas ocultas separa los círculos.
    public func circleFeatures() throws -> [PlaygroundLesson.Feature] {
        // TU RESPUESTA / YOUR ANSWER.
        throw NotDoneYet()
    }

    /// 3. Características y capas ocultas (unidades por capa) de una red que aprende las espirales.
    public func spiralNetwork() throws -> (features: [PlaygroundLesson.Feature], hiddenLayers: [Int]) {
        // TU RESPUESTA / YOUR ANSWER, por ejemplo: return ([.x1, .x2], [4, 2])
        throw NotDoneYet()
    }
}
