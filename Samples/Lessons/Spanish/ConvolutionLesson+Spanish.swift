/// A list-of-numbers figure written as Swift writes an `[Int]`: "[1, 28, 28, 1]".
private func shape(_ values: [Double]) -> String { "\(values.map { Int($0) })" }

extension ConvolutionLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "un filtro de bordes que se desliza sobre una imagen; max pooling y average pooling"

    /// Convolution and pooling in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        let files: [String]
        if case .array(let items)? = report.figures["files"] {
            files = items.map { if case .string(let s) = $0 { return s } else { return "" } }
        } else {
            files = []
        }
        return """
        Lección 000, «Redes neuronales convolucionales»: convolución y pooling

        El filtro (laplaciano, un detector de bordes):
          -1 -1 -1
          -1  8 -1
          -1 -1 -1
        Se desliza sobre la imagen de 28×28 con paso 1 y sin relleno: cada ventana de 3×3 da un
        número, así que la salida es de 26×26. ReLU conserva las respuestas positivas: en el interior
        liso del cuadrado y en el fondo negro el filtro suma 0; solo se ilumina el borde
        (\(report.count("square_edge_pixels")) píxeles).

        forma de entrada  \(shape(report.values("input_shape")))   (N, alto, ancho, canales)
        forma de salida   \(shape(report.values("output_shape")))
        El max pooling 2×2 conserva el mayor valor de cada ventana; el average pooling, su media:
        forma tras el pooling \(shape(report.values("pooled_shape")))

        Imágenes (PNG, ampliadas; los bordes y los dos poolings en una misma escala, así que el average pooling es más oscuro que el max pooling):
        \(files.map { "  " + $0 }.joined(separator: "\n"))
        """
    }
}
