extension GenderLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "entrenar la red 2-2-1 con descenso de gradiente estocástico sobre Alice, Bob, Charlie y Diana"

    /// The training in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        let trained = report.object("trained_predictions"), predictions = report.object("predictions")
        var text = """
        Lección 000, «Entrenamiento de una red neuronal» y «Entrenamiento: Descenso Gradiente Estocástico»: \
        una red que predice el género

        Datos (peso − 61 kg, altura − 167 cm; F = 1, M = 0), MSE, descenso de gradiente estocástico (un ejemplo \
        cada vez), η = 0.1, \(contado(report.count("epochs"), "época")).
        pérdida antes del entrenamiento: \(format(report.value("initial_loss"), 4))
        pérdida después del entrenamiento: \(format(report.value("final_loss"), 6))

        """
        for person in people {
            let p = trained[person.name]?.doubleValue ?? .nan
            text += "  \(person.name.padding(toLength: 8, withPad: " ", startingAt: 0)) \(person.x)  real \(Int(person.female))  predicho \(format(p, 3))\n"
        }
        text += "\nPersonas nuevas:\n"
        for person in newPeople {
            let p = predictions[person.name]?.doubleValue ?? .nan
            text += "  \(person.name.padding(toLength: 8, withPad: " ", startingAt: 0)) \(person.x)  predicho \(format(p, 3)) → \(p > 0.5 ? "F" : "M")\n"
        }
        return text
    }
}
