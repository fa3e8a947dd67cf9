extension LinearRegressionLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "la regresión como una neurona: descenso por gradiente frente a mínimos cuadrados de LAPACK"

    /// Linear regression in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        let multi = report.values("multi_lstsq"), gd = report.values("multi_gd")
        return """
        Lección 001, «Regresión Lineal: neurona», y lección 004, «Regresión lineal (una variable)» y \
        «Regresión lineal (multivariable)»: precios de viviendas

        Una variable, siete filas (m² → €):
          mínimos cuadrados (LAPACK gelsd):  precio = \(format(report.value("lstsq_slope"), 4))·m² + \(format(report.value("lstsq_intercept"), 2))
          descenso por gradiente (una neurona, MSE, datos estandarizados, \(contado(report.count("steps"), "paso"))):
                                             precio = \(format(report.value("slope"), 4))·m² + \(format(report.value("intercept"), 2))
          (el 0.8233x + 52.096 de la diapositiva no sale de estas filas)

        Cuatro variables (tamaño, habitaciones, plantas, antigüedad), cinco filas:
          mínimos cuadrados:       w = \(multi.prefix(4).map { format($0, 2) }), b = \(format(multi[4], 2))
          descenso por gradiente:  w = \(gd.prefix(4).map { format($0, 2) }), b = \(format(gd[4], 2)), R² = \(format(report.value("multi_gd_r2"), 6))
          Cinco filas y cinco incógnitas: mínimos cuadrados las ajusta exactamente; el descenso por
          gradiente avanza despacio hacia la misma solución por la dirección más plana de los datos.
        """
    }
}
