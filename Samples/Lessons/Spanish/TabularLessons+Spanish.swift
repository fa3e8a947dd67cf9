/// A confusion matrix figure's rows.
private func matrixRows(_ report: LessonReport) -> [[Int]] {
    guard case .array(let rows)? = report.figures["confusion_matrix"] else { return [] }
    return rows.map { $0.doubleValues.map { Int($0) } }
}

extension LogisticRegressionLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "una neurona sigmoide con entropía cruzada binaria sobre Breast Cancer Wisconsin"

    /// Logistic regression in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        let m = matrixRows(report)
        let cells = m.count == 2 && m.allSatisfy { $0.count == 2 } ? m : [[0, 0], [0, 0]]
        return """
        Lección 001, «Regresión Logística: Breast cancer wisconsin dataset» y «Regresión Logística: neurona»

        569 tumores, 30 características, estandarizadas; división estratificada: \(report.count("train_count")) de entrenamiento, \(report.count("test_count")) de prueba.
        p(benigno) = σ(w·x + b), entropía cruzada binaria, Adam, \(contado(report.count("epochs"), "época")), lotes de 16; pérdida final de entrenamiento \(format(report.value("final_train_loss"), 4))

        exactitud en prueba  \(format(report.value("test_accuracy"), 4))
        precisión            \(format(report.value("precision"), 4))   (de los tumores clasificados como benignos, la fracción que lo es)
        exhaustividad        \(format(report.value("recall"), 4))   (de los tumores benignos, la fracción encontrada)

        matriz de confusión (filas: maligno y benigno verdaderos; columnas: predichos)
          \(cells[0][0])  \(cells[0][1])
          \(cells[1][0])  \(cells[1][1])
        """
    }
}

extension IrisLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "softmax multiclase sobre iris: exactitud, precisión, exhaustividad, matriz de confusión"

    /// Iris in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        let precision = report.values("precision"), recall = report.values("recall")
        var text = """
        Lección 004, «Funciones de activación: capa de salida» (softmax) y «Paso 4. Medida del Rendimiento»: \
        iris con un clasificador softmax

        p = softmax(W·x + b) sobre setosa, versicolor, virginica; características estandarizadas;
        división estratificada \(report.count("train_count")) / \(report.count("test_count")); Adam (η = 0.01), entropía cruzada categórica dispersa, \(contado(report.count("epochs"), "época")).

        exactitud en prueba \(format(report.value("test_accuracy"), 4))

        clase        precisión  exhaustividad
        """
        for (i, name) in ["setosa", "versicolor", "virginica"].enumerated() where i < precision.count && i < recall.count {
            text += "\n" + name.padding(toLength: 12, withPad: " ", startingAt: 0) + " " + format(precision[i], 3).padding(toLength: 10, withPad: " ", startingAt: 0) + " " + format(recall[i], 3)
        }
        text += "\n\nmatriz de confusión (filas: clase verdadera; columnas: predicha):\n"
            + matrixRows(report).map { "  " + $0.map { String($0).padding(toLength: 3, withPad: " ", startingAt: 0) }.joined() }.joined(separator: "\n")
        return text
    }
}

extension DiabetesLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "una red pequeña sobre los datos de diabetes frente a un modelo lineal de referencia"

    /// Diabetes in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        """
        Lección 000, «Otro ejemplo» (el cuaderno de la diabetes): progresión de la diabetes

        442 pacientes, 10 características estandarizadas, división \(report.count("train_count")) / \(report.count("test_count")); función de pérdida MSE, Adam, \(contado(report.count("epochs"), "época")).

        modelo                      MSE prueba  R² prueba
        10 → 16 (relu) → 1          \(format(report.value("test_mse"), 1).padding(toLength: 10, withPad: " ", startingAt: 0))  \(format(report.value("test_r2"), 4))
        lineal (una neurona)        \(format(report.value("linear_test_mse"), 1).padding(toLength: 10, withPad: " ", startingAt: 0))  \(format(report.value("linear_test_r2"), 4))

        R² es la parte de la varianza explicada; en estos datos un modelo lineal ya explica cerca
        de la mitad, y una red pequeña lo hace más o menos igual: la señal es sobre todo lineal.
        """
    }
}
