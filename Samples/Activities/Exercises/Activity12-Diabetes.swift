// Actividad 12 (lectura 000): el notebook de ejemplo icncd_clase3_ejemploRN_diabetes.
// Activity 12 (lecture 000): the example notebook icncd_clase3_ejemploRN_diabetes.
//
// Una red pequeña, al estilo Keras, que predice la progresión de la diabetes un año después a partir
// de 10 características (edad, sexo, IMC, presión y seis análisis de sangre) de 442 pacientes.
// El verificador estandariza los datos como el ejemplo `samples diabetes`, entrena tu modelo y
// mide su R² de prueba. Te toca construir y compilar el modelo; empieza lanzando NotDoneYet().
//
// Comprueba tu trabajo con:     swift run activities check 12
// Vuelve al archivo original:   swift run activities reset 12
// Guía: artículo Activity12-es de la documentación (Neurona.docc).

import ActivityKit
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
import NeuronaTraining

public struct Diabetes: DiabetesExercise {
    public init() {}

    /// El modelo, compilado: 10 entradas, una o más capas ocultas, una salida.
    public func makeModel(seed: UInt64) throws -> Model {
        // TU CÓDIGO / YOUR CODE. Pista:
        //   let network = try Sequential([Dense(units: …, activation: …), …], inputShape: [10], seed: seed)
        //   let model = Model(network, seed: seed)
        //   model.compile(optimizer: Adam(learningRate: 0.005), loss: …)
        throw NotDoneYet()
    }
}
