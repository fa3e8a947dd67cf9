extension ShallowMNISTLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "784 → 128 tanh → 10 sigmoide con MSE sobre objetivos one-hot (MNIST, si no, Fashion-MNIST)"

    /// The shallow network in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        """

        Lección 001, «Proyecto: shallow NN for MNIST»: la red poco profunda sobre \(report.string("dataset")): \
        784 → 128 tanh → 10 sigmoide, MSE sobre objetivos one-hot, Adam, \(contado(report.values("epoch_losses").count, "época"))
        exactitud en prueba: \(format(report.value("test_accuracy"), 4)) (lección, sobre MNIST tras 15 épocas: 0.9758)
        segundos por época: \(format(report.value("seconds_per_epoch"), 2))
        """
    }
}
