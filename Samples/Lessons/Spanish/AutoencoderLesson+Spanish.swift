extension AutoencoderLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "un autocodificador convolucional (Conv2D hacia abajo, Conv2DTranspose hacia arriba) que reconstruye Fashion-MNIST"

    /// The autoencoder in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        """

        Lección 000, «Estructura típica de una red neural convolucional», recorrida de ida y vuelta: \
        un autocodificador convolucional sobre Fashion-MNIST, \(report.count("train_count")) imágenes, \
        lotes de \(report.count("batch_size")), \(contado(report.values("epoch_losses").count, "época"))
          codificador: Conv2D(16, paso 2) → Conv2D(8, paso 2): 784 píxeles → \(report.count("code_size")) números (7×7×8)
          decodificador: Conv2DTranspose(8, paso 2) → Conv2DTranspose(16, paso 2) → Conv2D(1, sigmoide): de vuelta a 28×28
          \(report.count("parameters")) parámetros; cada imagen es su propio objetivo (función de pérdida: error cuadrático medio)
        error de reconstrucción (MSE) en \(report.count("test_count")) imágenes de prueba: \(format(report.value("test_mse"), 5))
        si se respondiera siempre con la imagen media de entrenamiento: \(format(report.value("average_image_mse"), 5))
        La red nunca vio etiquetas: aprendió qué formas componen una prenda, lo bastante para redibujarla
        con \(report.count("code_size")) números. El desenfoque de las reconstrucciones es lo que esos números no pudieron guardar.
        """
    }
}
