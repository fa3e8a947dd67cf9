import ArgumentParser
import NeuronaLab

extension PlaygroundLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "el playground de TensorFlow: círculos, XOR, gaussianas, espirales; características, capas ocultas, fronteras de decisión"

    /// The playground in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        // `run` has already parsed these flags (and thrown on bad ones).
        let settings = (try? Settings.parse(options.arguments)) ?? Settings()
        func strings(_ key: String) -> [String] {
            guard case .array(let items)? = report.figures[key] else { return [] }
            return items.map { if case .string(let s) = $0 { return s } else { return "" } }
        }
        let names = strings("datasets"), architecture = report.string("architecture")
        let trainCount = report.count("train_count")
        let linear = architecture.split(separator: "-").count == 2
        func cell(_ value: Double, _ digits: Int, _ width: Int) -> String { format(value, digits).padding(toLength: width, withPad: " ", startingAt: 0) }
        var text = """
        Lección 001, «Neural Network: ejercicio (clasificación binaria)», y lección 004, «Demo»: el playground de TensorFlow

        \(settings.points) puntos por conjunto de datos (semilla \(options.seed), ruido \(format(settings.noise, 3))), \
        \(trainCount) para entrenamiento y \(settings.points - trainCount) para prueba
        características \(strings("features").joined(separator: ", ")); red \(architecture), \
        \(linear ? "sin capa oculta (un modelo lineal)" : "capas ocultas \(settings.activation)"), salida sigmoide
        Adam (η = \(format(settings.learningRate, 4))), lotes de \(settings.batch), \(contado(report.count("epochs"), "época")), \
        regularización \(settings.regularization == "none" ? "ninguna" : settings.regularization)\(settings.regularization == "none" ? "" : " (λ = \(format(settings.regularizationRate, 5)))")


        """
        func header(_ cells: [String]) -> String {
            "  " + zip(cells, [11, 10, 9, 0]).map { $0.padding(toLength: Swift.max($1, $0.count), withPad: " ", startingAt: 0) }.joined(separator: "  ") + "\n"
        }
        text += header(["datos", "pérdida", "pérdida", "exactitud"]) + header(["", "entren.", "prueba", "en prueba"]) + "\n"
        for name in names {
            text += "  \(name.padding(toLength: 11, withPad: " ", startingAt: 0))  \(cell(report.value("\(name)_train_loss"), 4, 10))  \(cell(report.value("\(name)_test_loss"), 4, 9))  \(format(report.value("\(name)_test_accuracy"), 3))\n"
        }
        if case .object(let table)? = report.figures["linear_feature_table"] {
            text += "\n¿Qué características bastan para un modelo lineal (sin capa oculta)? Exactitud en prueba:\n\n  características" + String(repeating: " ", count: 23)
            text += names.map { $0.padding(toLength: 11, withPad: " ", startingAt: 0) }.joined() + "\n"
            for choice in tableFeatures {
                let label = choice.count == PlaygroundFeature.allCases.count ? "all seven" : choice.map(\.rawValue).joined(separator: ", ")
                text += "  " + (label == "all seven" ? "las siete" : label).padding(toLength: 38, withPad: " ", startingAt: 0)
                for name in names { text += cell(table["\(name) | \(label)"]?.doubleValue ?? .nan, 3, 11) }
                text += "\n"
            }
        }
        text += "\nImágenes (fondo: probabilidad predicha de la clase azul; puntos: los datos, por clase):\n"
        text += strings("pictures").map { "  " + $0 }.joined(separator: "\n")
        return text
    }
}
