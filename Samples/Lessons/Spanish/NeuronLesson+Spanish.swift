extension NeuronLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "una neurona: suma ponderada, sesgo, sigmoide"

    /// One neuron in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        """
        Lección 000, «Ejemplo básico»: una neurona

          entradas x = [2, 3]
          pesos    w = [0, 1], sesgo b = 4
          w·x + b = 0·2 + 1·3 + 4 = 7
          y = σ(7) = 1 / (1 + e⁻⁷) = \(format(report.value("output"), 5))
        """
    }
}
