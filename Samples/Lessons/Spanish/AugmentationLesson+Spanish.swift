extension AugmentationLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "rotaciones, zooms y desplazamientos aleatorios al entrenar: la misma CNN sobre 150 dígitos, con y sin ellos"

    /// Data augmentation in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        let plain = report.values("plain_test_accuracies"), augmented = report.values("augmented_test_accuracies")
        let runs = report.count("runs")
        return """

        Lección 004, «En la próxima parte...: Entrenamiento avanzado de redes: regularización»: aumento de datos \
        sobre los dígitos 8×8 de scikit-learn, \(report.count("train_count")) imágenes de entrenamiento, \
        \(report.count("test_count")) reservadas, \(contado(report.count("epochs"), "época")), lotes de \(report.count("batch_size"))
        La misma CNN (\(report.count("parameters")) parámetros), sola y tras RandomRotation(0.05), RandomZoom(0.1) y
        RandomTranslation(0.1, 0.1) (píxel más cercano), que cambian cada lote de entrenamiento y dejan pasar intactas las imágenes de prueba:
          sin aumento: exactitud en prueba \(format(report.value("plain_test_accuracy"), 4)) \
        (ejecuciones \(plain.map { format($0, 4) }.joined(separator: ", "))), \
        exactitud en entrenamiento \(format(report.value("plain_train_accuracy"), 4))
          con aumento: exactitud en prueba \(format(report.value("augmented_test_accuracy"), 4)) \
        (ejecuciones \(augmented.map { format($0, 4) }.joined(separator: ", "))), \
        exactitud en entrenamiento \(format(report.value("augmented_train_accuracy"), 4))
        El aumento ganó \(report.count("augmented_wins")) de \(runs) ejecuciones. Con pocas imágenes la red sin aumento
        se las aprende de memoria; las copias giradas, ampliadas y desplazadas le muestran cada dígito de más
        maneras de las que tiene el conjunto de entrenamiento, y lo que aprende vale para dígitos que no ha visto.
        """
    }
}
