import Foundation
import NeuronaPictures

extension ResidualLesson {
    /// The gradient norm of each hidden layer's weight at the first step, plain against residual,
    /// on a log axis. Returns the "Pictures:" text.
    static func drawPictures(plain: [Double], residual: [Double], options: LessonOptions) throws -> String {
        var pictures = LessonPictures(options)
        let layers = (1...Swift.max(1, plain.count)).map(Double.init)
        let chart = LineChart(title: "Gradient norm per layer at the first step", xLabel: "hidden layer (1 = input side)",
                              yLabel: "|dL/dW|", series: [
                                .init(name: "plain sigmoid layers", x: layers, y: plain),
                                .init(name: "residual blocks + batch norm", x: Array(layers.prefix(residual.count)), y: residual),
                              ], logY: true)
        let path = pictures.path("residual-gradient-norms.svg")
        try chart.write(to: path)
        pictures.add(path, "gradient norm of each hidden layer's weight, plain vs residual, log scale",
                     spanish: "norma del gradiente del peso de cada capa oculta, red plana frente a residual, escala logarítmica")
        return pictures.text
    }
}
