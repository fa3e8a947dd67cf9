import NeuronaCore

extension TensorsLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "recorrido por NeuronaCore: precios de viviendas por mínimos cuadrados (LAPACK), broadcasting, safetensors"

    /// The tour in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        func values(_ v: [Double]) -> String { Tensor(v, shape: [v.count], dtype: .float64).valuesDescription }
        return """
        Lección 004, «Regresión lineal (una variable)»: recorrido por NeuronaCore con los precios de viviendas

        tamaños (m²):
        \(values(houseSizes))
        precios (€):
        \(values(housePrices))

        Mínimos cuadrados con LAPACK (gelsd) sobre la matriz de diseño [tamaño, 1]:
          precio ≈ \(format(report.value("lstsq_slope"), 2)) · m² + \(format(report.value("lstsq_intercept"), 2))     (rango \(report.count("rank")), RMSE \(format(report.value("rmse"), 1)) €)
        predicciones (€):
        \(values(report.values("predictions")))

        Broadcasting: (tamaños − media) / desviación típica →
        \(values(report.values("standardized")))

        Guardado en \(report.string("file")) y leído de nuevo: \(report.figures["reloaded_equal"] == .bool(true) ? "idéntico" : "DISTINTO")
        """
    }
}
