extension ShallowMNISTLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "784 → 128 tanh → 10 sigmoide con MSE sobre objetivos one-hot (MNIST, si no, Fashion-MNIST)"

    /// The shallow network in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        let dataset = report.string("dataset"), epochs = report.values("epoch_losses").count
        /// `lectureComparison(dataset:epochs:)` in Spanish.
        func lectureComparison(dataset: String, epochs: Int) -> String {
            isComparableWithLecture(dataset: dataset, epochs: epochs)
                ? "lección, las mismas 15 épocas sobre MNIST: 0.9758"
                : "lección: 0.9758 tras 15 épocas sobre MNIST; esta ejecución, \(contado(epochs, "época")) sobre \(dataset), no es comparable con ella"
        }
        return """

        Lección 001, «Proyecto: shallow NN for MNIST»: la red poco profunda sobre \(dataset): \
        784 → 128 tanh → 10 sigmoide, MSE sobre objetivos one-hot, Adam, \(contado(epochs, "época"))
        exactitud en prueba tras \(contado(epochs, "época")): \(format(report.value("test_accuracy"), 4)) (\(lectureComparison(dataset: dataset, epochs: epochs)))
        segundos por época: \(format(report.value("seconds_per_epoch"), 2))
        """
    }
}
