import Foundation

extension ResidualLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "desvanecimiento del gradiente: una red profunda plana frente a bloques residuales con batch normalization"

    /// Vanishing gradients in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        let plain = report.values("plain_grad_norms"), residual = report.values("residual_grad_norms")
        func row(_ norms: [Double]) -> String { norms.map { String(format: "%.1e", $0) }.joined(separator: " ") }
        let factor = (plain.last ?? .nan) / Swift.max(plain.first ?? .nan, 1e-300)
        return """
        Lección 000, «Muchas capas» (vanishing gradient), y lección 003, «Capas básicas» (Bloques Residuales, \
        Batch Normalization): \(depth) capas sigmoide de ancho 16 sobre los datos de círculos

        Norma del gradiente del peso de cada capa oculta en el primer paso (primero el lado de la entrada):
          plana:    \(row(plain))
          residual: \(row(residual))
        El gradiente de la red plana se encoge en un factor \(String(format: "%.0e", factor)) de la última capa oculta a la primera:
        σ' ≤ 1/4, multiplicado capa tras capa. Los atajos identidad de los bloques residuales llevan el
        gradiente más allá de cada capa, y batch normalization aleja las sigmoides de la saturación.

        Tras \(contado(report.count("epochs"), "época")) de Adam (η = 0.01):
          exactitud de la red plana     \(format(report.value("plain_accuracy"), 4))
          exactitud de la red residual  \(format(report.value("residual_accuracy"), 4))
        """
    }
}

extension ArchitecturesLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "modelos secuencial, acíclico (estilo inception) y recurrente construidos desde JSON"

    /// What each JSON model is, in Spanish, in the order the lesson trains them.
    static let spanishDescriptions = [
        ("sequential", "una cadena de capas (con la capa Maxout de terceros) sobre dos lunas entrelazadas"),
        ("inception", "un bloque estilo inception: ramas 1×1, 3×3, 5×5 y de pooling concatenadas, sobre dígitos de 8×8"),
        ("recurrent", "una LSTM que lee 8 números de uno en uno; ¿es positiva su suma?"),
    ]

    /// The three topologies in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`). The English text shows
    /// each model's summary table; here its parameter count.
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        let epochs = report.count("epochs")
        var text = "Lección 003, «Topologías/arquitecturas posibles de red»: tres topologías desde JSON, creadas por el registro de capas\n"
        for (name, what) in spanishDescriptions {
            guard case .object(let result)? = report.figures[name] else { continue }
            text += "\n\(name).json: \(what)\n"
            text += "  \(Int(result["parameters"]?.doubleValue ?? .nan)) parámetros\n"
            text += "  exactitud en prueba \(format(result["test_accuracy"]?.doubleValue ?? .nan, 4)) tras \(contado(epochs, "época"))\n"
        }
        return text
    }
}

extension SequenceLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "una LSTM y un codificador Transformer aprendiendo la suma de una secuencia"

    /// The running sum in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        var text = "Lección 003, «Capas básicas» (Transformers) y «Topologías/arquitecturas posibles de red» (cíclica): "
        text += "la suma acumulada de 10 números (\(report.count("train_count")) secuencias de entrenamiento, "
        text += "\(contado(report.count("epochs"), "época")), MSE, Adam)\n"
        for name in ["lstm", "transformer"] {
            guard case .object(let result)? = report.figures[name] else { continue }
            text += "  \(name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(Int(result["parameters"]?.doubleValue ?? .nan)) parámetros, "
            text += "R² en prueba \(format(result["final_metric"]?.doubleValue ?? .nan, 4))\n"
        }
        return text
    }
}
