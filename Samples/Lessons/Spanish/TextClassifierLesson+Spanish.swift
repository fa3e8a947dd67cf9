extension TextClassifierLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "Embedding → Conv1D sobre caracteres: ¿una palabra es inglesa o española?"

    /// The text classifier in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        var text = """

        Lección 003, «Tipos de datos» (un texto como secuencia de números) y «Capas básicas» (Convolucional): \
        ¿inglés o español? Palabras de las listas de Debian (inglés, español), \(report.count("train_count")) para entrenar, \
        \(report.count("test_count")) apartadas, \(contado(report.values("epoch_losses").count, "época")), lotes de \(report.count("batch_size"))
          cada palabra → \(report.count("sequence_length")) números de carácter (vocabulario de \(report.count("vocabulary_size")), relleno y desconocido incluidos)
          Embedding(16) → Conv1D(64, 3, relu) → GlobalMaxPooling1D → Dense(2, softmax): \(report.count("parameters")) parámetros
        exactitud en prueba: \(format(report.value("test_accuracy"), 4)) (pérdida en prueba \(format(report.value("test_loss"), 4)); al azar: 0.5)
        en las \(report.count("plain_test_count")) palabras de prueba escritas solo con a–z: \(format(report.value("plain_test_accuracy"), 4))
        P(español):
        """
        for (word, p) in zip(exampleWords, report.values("example_spanish_probabilities")) {
            text += "\n  " + word.padding(toLength: 12, withPad: " ", startingAt: 0) + format(p, 3)
        }
        text += """

        Cada uno de los 64 filtros es un patrón de tres letras que la red encontró útil; el pooling
        guarda, para cada uno, su coincidencia más fuerte en cualquier lugar de la palabra.
        """
        return text
    }
}
