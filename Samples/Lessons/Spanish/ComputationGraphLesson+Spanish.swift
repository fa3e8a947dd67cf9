extension ComputationGraphLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "cálculo forward/backward en un grafo acíclico; una subexpresión compartida se calcula una vez"

    /// The computation graphs in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        """
        Lección 004, «Retropropagación: Grafo de computación», y lección 003, «Red de computación \
        modular/composicional» y «Cálculo backward»: grafos de computación

        1. f = (x + y) · z con x = -2, y = 5, z = -4
           forward:  q = x + y = \(format(report.value("df_dz"))),  f = q · z = \(format(report.value("f")))
           backward: ∂f/∂z = q = \(format(report.value("df_dz")))
                     ∂f/∂q = z = -4, y ∂q/∂x = ∂q/∂y = 1, así que por la regla de la cadena
                     ∂f/∂x = \(format(report.value("df_dx"))),  ∂f/∂y = \(format(report.value("df_dy")))

        2. y1 = 4·x2 + x2² + 3·x3,  y2 = x1·x2 + 3·x3,  E = y1 + y2 en (x1, x2, x3) = (1, 2, 2)
           forward:  y1 = \(format(report.value("y1"))),  y2 = \(format(report.value("y2")))
           El nodo 3·x3 alimenta las dos salidas. Es un solo nodo y se calcula una vez; en el
           cálculo backward se suman los gradientes de sus dos usos: ∂E/∂(3·x3) = 1 + 1 = 2.
           backward: ∂E/∂x1 = x2 = \(format(report.value("dE_dx1")))
                     ∂E/∂x2 = 4 + 2·x2 + x1 = \(format(report.value("dE_dx2")))
                     ∂E/∂x3 = 3 · 2 = \(format(report.value("dE_dx3")))

        Los grafos con cada valor y gradiente (SVG; también en el laboratorio, `swift run -c release neurona-lab`):
        \(LessonPictures.listed(report))
        """
    }
}
