extension ActivationsLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "ReLU, sigmoide, tanh, LeakyReLU, softplus, hard tanh, coseno, RBF, softmax y sus derivadas"

    /// The activation functions in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        let errors = report.object("errors"), probes = report.object("probes")
        func cell(_ v: Double) -> String { format(v, 5).padding(toLength: 9, withPad: " ", startingAt: 0) }
        var text = """
        Lección 002, «Activation Functions», y lección 004, «Funciones de activación: capas ocultas»: \
        funciones de activación y sus derivadas

          nombre       f(-1)      f(0.5)     f'(0.5)    máx |autograd − forma cerrada| en [-4, 4]

        """
        for (name, _) in derivatives {
            let probe = probes[name]?.doubleValues ?? []
            let values = probe.count == 3 ? probe : [.nan, .nan, .nan]
            text += "  \(name.padding(toLength: 11, withPad: " ", startingAt: 0))  \(cell(values[0]))  \(cell(values[1]))  \(cell(values[2]))  \(errors[name]?.doubleValue ?? .nan)\n"
        }
        text += "  softmax      ∂s_i/∂x_i frente a s_i(1 − s_i) en x = [1, 2, 0.5, −1]: \(errors["softmax"]?.doubleValue ?? .nan)\n"
        text += "\nmayor diferencia: \(report.value("max_derivative_error"))"
        return text
    }
}
