extension BackpropLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "una pasada de retropropagación a mano frente a autograd (el ejemplo de Alice)"

    /// The Alice example in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        let (dLdYpred, dYpreddH1, dH1dW1) = (report.value("dL_dypred"), report.value("dypred_dh1"), report.value("dh1_dw1"))
        return """
        Lección 000, «Otra forma de ver las pérdidas» y «Probando con Alice»: retropropagación

        Red 2-2-1, sigmoide en todas las neuronas, todos los pesos 1, sesgos 0; Alice: x = (-2, -1), y_true = 1.
        Función de pérdida L = (y_true − y_pred)².

        Hacia adelante:
          h1 = f(w1·x1 + w2·x2 + b1) = f(\(format(report.value("sum_h1")))) = \(format(report.value("h1")))
          h2 = f(w3·x1 + w4·x2 + b2) = f(\(format(report.value("sum_h2")))) = \(format(report.value("h2")))
          o1 = f(w5·h1 + w6·h2 + b3) = f(\(format(report.value("sum_o1")))) = \(format(report.value("o1")))

        Hacia atrás (regla de la cadena, paso a paso):
          ∂L/∂y_pred   = -2·(1 − y_pred)          = \(format(dLdYpred))
          ∂y_pred/∂h1  = w5·f'(w5·h1 + w6·h2 + b3) = \(format(dYpreddH1))
          ∂h1/∂w1      = x1·f'(w1·x1 + w2·x2 + b1) = \(format(dH1dW1))
          ∂L/∂w1       = \(format(dLdYpred, 3)) · \(format(dYpreddH1, 3)) · \(format(dH1dW1, 4)) = \(format(report.value("dL_dw1"), 7))

        Autograd (la misma red con tensores, loss.backward()):
          ∂L/∂w1       = \(format(report.value("autograd_dL_dw1"), 7))   (diferencia \(report.value("difference")))

        El grafo que registró autograd, con cada valor y gradiente (SVG; también en el laboratorio, `swift run -c release neurona-lab`):
        \(LessonPictures.listed(report))
        """
    }
}
