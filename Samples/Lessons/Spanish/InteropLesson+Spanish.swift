extension InteropLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "abrir un fichero .keras y un checkpoint de PyTorch, evaluarlos, escribir .keras y ONNX"

    /// Models in and out in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        """

        Lección 002, «Deep Learning: Demo»: el modelo de la lección entrenado en Keras y en PyTorch, \
        abierto en Neurona (\(report.count("test_count")) imágenes de prueba de Fashion-MNIST)
          desde Keras:   \(resourceName("fashion_mnist_mlp.keras")) — exactitud en prueba \(format(report.value("keras_test_accuracy"), 4)) \
        (Keras midió \(format(report.value("keras_reference_accuracy"), 4)))
          desde PyTorch: \(resourceName("fashion_mlp.pt")) — exactitud en prueba \(format(report.value("pytorch_test_accuracy"), 4)) \
        (PyTorch midió \(format(report.value("pytorch_reference_accuracy"), 4)))
          hacia Keras:   fashion_mlp.keras en \(options.outputDirectory), releído: las predicciones difieren como mucho en \(report.value("keras_reread_difference"))
          hacia ONNX:    fashion_mlp.onnx en \(options.outputDirectory), \(report.count("onnx_bytes")) bytes (en Python, con onnxruntime.InferenceSession)
        Un fichero .keras guarda el modelo entero; un state_dict de PyTorch solo los pesos, así que
        la red se escribe primero en Swift y los pesos se colocan en ella (el [salida, entrada] de
        Linear se traspone al [entrada, salida] de Dense), de forma estricta: una clave que falta
        o que sobra es un error que la nombra.
        """
    }
}
