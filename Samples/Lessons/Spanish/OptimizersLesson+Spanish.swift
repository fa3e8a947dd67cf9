extension OptimizersLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "descenso de gradiente por lotes, SGD, mini-batch, momentum, Nesterov, Adagrad, Adadelta, RMSProp y Adam sobre un mismo problema"

    /// The optimizers in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        let finals = report.object("final_loss")
        var text = """
        Lección 001, «Métodos de optimización» y «Descenso de gradiente (versiones)», y lección 004, \
        «Descenso por gradiente: métodos»: optimizadores sobre un mismo problema de regresión

        y = 3·x1 − 2·x2 + 0.5·x3 + 1 + ruido, 256 puntos, una neurona lineal, MSE, \(contado(report.count("steps"), "paso")) cada uno.
        El suelo del ruido (lo mejor que puede lograr cualquier optimizador) es de alrededor de 0.01.
        Los primeros pasos de Adadelta son √ε/√E[g²]·g, así que aquí ε = 1e-4 le deja arrancar dentro del presupuesto;
        los pasos de RMSProp se quedan cerca de la tasa de aprendizaje sea cual sea el gradiente, así que ronda el mínimo.


        """
        for (name, optimizer, batch) in contenders() {
            text += "  \(name.padding(toLength: 13, withPad: " ", startingAt: 0)) η \(format(optimizer.learningRate, 3).padding(toLength: 5, withPad: " ", startingAt: 0)) lote \(String(batch).padding(toLength: 4, withPad: " ", startingAt: 0)) pérdida final \(format(finals[name]?.doubleValue ?? .nan, 5))\n"
        }
        text += "\nCurvas de la función de pérdida: \(report.string("csv")) y \(report.string("svg"))"
        return text
    }
}
