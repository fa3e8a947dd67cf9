extension XORLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "un modelo lineal no puede aprender XOR; una red con ReLU sí"

    /// XOR in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        func list(_ v: [Double]) -> String { "(" + v.map { format($0, 3) }.joined(separator: ", ") + ")" }
        let beta = report.values("linear_beta")
        return """
        Lección 002, «Worked Example: The "Exclusive OR (XOR)" Function»: XOR

        entradas (0,0) (0,1) (1,0) (1,1), objetivos (0, 1, 1, 0)

        1. Modelo lineal ŷ = α + β·x por mínimos cuadrados (LAPACK gelsd):
           α = \(format(report.value("linear_alpha"), 6)), β = (\(format(beta[0], 6)), \(format(beta[1], 6)))
           predicciones \(list(report.values("linear_predictions"))): ½ en todas partes, no mejor que adivinar.

        2. La red de la lección: h = relu(x·W + c), ŷ = h·w + b
           W = [[1, 1], [1, 1]], c = [0, −1], w = [1, −2], b = 0
           predicciones \(list(report.values("hand_predictions"))): exactamente XOR.

        3. Una red 2-8-1 (ReLU, sigmoide) entrenada desde pesos aleatorios (semilla \(report.count("seed"))),
           entropía cruzada binaria, Adam (η = 0.05), \(contado(report.count("steps"), "paso")): pérdida final \(format(report.value("final_loss"), 5))
           predicciones \(list(report.values("trained_predictions"))), exactitud \(format(report.value("trained_accuracy"), 2))
        """
    }
}
