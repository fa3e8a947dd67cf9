extension CNNLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "pilas convolución → relu → pooling frente al perceptrón multicapa sobre Fashion-MNIST"

    /// The convolutional network in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        """

        Lección 000, «Estructura típica de una red neural convolucional», y lección 001, «Limitaciones NN»: \
        una red convolucional sobre Fashion-MNIST, \(report.count("train_count")) imágenes, lotes de \(report.count("batch_size")), \
        \(contado(report.values("epoch_losses").count, "época"))
        (píxeles estandarizados con la media \(format(report.value("input_mean"), 3)) y la desviación típica \(format(report.value("input_std"), 3)) del conjunto de entrenamiento)
          CNN (\(report.count("parameters")) parámetros): exactitud en prueba \(format(report.value("test_accuracy"), 4)), \(format(report.value("seconds_per_epoch"), 2)) s por época
          MLP (\(report.count("mlp_parameters")) parámetros): exactitud en prueba \(format(report.value("mlp_test_accuracy"), 4)), \(format(report.value("mlp_seconds_per_epoch"), 2)) s por época
        Los filtros ven juntos los píxeles vecinos y reutilizan los mismos pesos en toda la imagen,
        así que la CNN aprende bordes y texturas que el MLP tiene que aprender píxel a píxel.
        """
    }
}
