import Foundation
import NeuronaPictures

extension ResidualLesson {
    /// The gradient norm of each hidden layer's weight at the first step, plain against residual,
    /// on a log axis. Returns the "Pictures:" text.
    static func drawPictures(plain: [Double], residual: [Double], options: LessonOptions) throws -> String {
        var pictures = LessonPictures(options)
        let layers = (1...Swift.max(1, plain.count)).map(Double.init)
        let chart = LineChart(title: pictures.words("Gradient norm per layer at the first step", "Norma del gradiente por capa en el primer paso"),
                              xLabel: pictures.words("hidden layer (1 = input side)", "capa oculta (1 = lado de la entrada)"),
                              yLabel: "|dL/dW|", series: [
                                .init(name: pictures.words("plain sigmoid layers", "capas sigmoide simples"), x: layers, y: plain),
                                .init(name: pictures.words("residual blocks + batch norm", "bloques residuales + batch norm"), x: Array(layers.prefix(residual.count)), y: residual),
                              ], logY: true)
        let path = pictures.path("residual-gradient-norms.svg")
        try chart.write(to: path)
        pictures.add(path, "gradient norm of each hidden layer's weight, plain vs residual, log scale",
                     spanish: "norma del gradiente del peso de cada capa oculta, red plana frente a residual, escala logarítmica")
        return pictures.text
    }
}
