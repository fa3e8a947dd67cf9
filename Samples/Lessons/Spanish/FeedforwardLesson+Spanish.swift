extension FeedforwardLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "el paso hacia adelante (feedforward) de una red 2-2-1"

    /// The forward pass in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`). The English text ends with
    /// the network's summary table; here the same layers are said in words.
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        let (h1, h2, o1) = (report.value("h1"), report.value("h2"), report.value("o1"))
        return """
        Lección 000, «Otro ejemplo: Feedforward»: el paso hacia adelante en una red 2-2-1

          cada neurona: w = [0, 1], b = 0, f = sigmoide;  x = [2, 3]
          h1 = f(w·x + b) = f(0·2 + 1·3 + 0) = f(3) = \(format(h1, 5))
          h2 = f(3) = \(format(h2, 5))
          o1 = f(w·[h1, h2] + b) = f(0·h1 + 1·h2 + 0) = f(\(format(h2, 5))) = \(format(o1, 5))

        La red: una capa oculta Dense de 2 neuronas (sigmoide, 2·2 pesos + 2 sesgos) y una capa de
        salida Dense de 1 neurona (sigmoide, 2 pesos + 1 sesgo): 9 parámetros.
        """
    }
}
