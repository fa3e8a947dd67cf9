// Actividad 10 (lectura 001): Terminar el notebook 2.0_FNN_FashionMNIST.
// Activity 10 (lecture 001): finish the notebook 2.0_FNN_FashionMNIST.
//
// La red de Fashion-MNIST de la lectura 002, al estilo Keras:
//     train_images / 255
//     Flatten(input_shape=(28, 28)) → Dense(128, activation='relu') → Dense(10, activation='softmax')
//     compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
// El verificador entrena tu modelo y compara su exactitud con la de la lectura (0.8792). Los datos
// vienen del paquete dataset-fashion-mnist de Debian (`make setup`). Este ejercicio motiva las redes
// convolucionales: compara con `samples cnn`.
// Cada función empieza lanzando NotDoneYet().
//
// Comprueba tu trabajo con:     swift run activities check 10     (--full: las 5 épocas de la lectura)
// Vuelve al archivo original:   swift run activities reset 10
// Guía: artículo Activity10-es de la documentación (Neurona.docc).

import ActivityKit
import NeuronaCore
import NeuronaLayers
import NeuronaTraining

public struct FashionMNIST: FashionMNISTExercise {
    public init() {}

    /// Las imágenes como las recibe la red (valores de 0 a 255 a la entrada).
    public func prepare(_ images: Tensor) throws -> Tensor {
        // TU CÓDIGO / YOUR CODE.
        throw NotDoneYet()
    }

    /// El modelo de la lectura, compilado.
    public func makeModel(seed: UInt64) throws -> Model {
        // TU CÓDIGO / YOUR CODE. Pista:
        //   let network = try Sequential([Flatten(), …], inputShape: [28, 28], seed: seed)
        //   let model = Model(network, seed: seed)
        //   try model.compile(optimizer: "adam", loss: "…", metrics: ["accuracy"])
        throw NotDoneYet()
    }
}
