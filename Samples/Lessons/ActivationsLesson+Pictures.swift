import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaPictures

extension ActivationsLesson {
    /// Small multiples: one panel per activation with its derivative (autograd) dashed, zero
    /// lines and nice ticks, and a panel for softmax: s₁ of the logits (x, 1, −1) with ∂s₁/∂x.
    /// Returns the "Pictures:" text.
    static func drawPictures(options: LessonOptions) throws -> String {
        var pictures = LessonPictures(options)
        let grid = Tensor.linspace(-4, 4, count: 161, dtype: .float64)
        var functions: [FunctionPlots.Function] = []
        for (name, _) in derivatives {
            let x = Variable(grid, requiresGrad: true)
            let y = try ActivationFunction(name)(x)
            try y.sum().backward()
            functions.append(.init(name: name, x: grid.doubles, y: y.value.doubles, derivative: x.grad!.doubles))
        }
        // Softmax of (x, 1, −1): its first output and that output's derivative in x.
        var s1: [Double] = [], ds1: [Double] = []
        for v in grid.doubles {
            let x = Variable(Tensor([v, 1, -1], dtype: .float64), requiresGrad: true)
            let s = x.softmax()
            try s[0].backward()
            s1.append(s.value.doubles[0])
            ds1.append(x.grad!.doubles[0])
        }
        functions.append(.init(name: pictures.words("softmax s1 of (x, 1, -1)", "softmax s1 de (x, 1, -1)"), x: grid.doubles, y: s1, derivative: ds1))
        let path = pictures.path("activations.svg")
        try FunctionPlots.chart(functions, title: pictures.words("Activation functions f (solid) and their derivatives f' (dashed, autograd)",
                                                                   "Funciones de activación f (continua) y sus derivadas f' (discontinua, autograd)"),
                                columns: 4).write(to: path)
        pictures.add(path, "\(functions.count) panels (\(functions.map(\.name).joined(separator: ", "))), each f and f' on [-4, 4]",
                     spanish: "\(functions.count) paneles (\(functions.map { $0.name.replacingOccurrences(of: " of ", with: " de ") }.joined(separator: ", "))), cada f y f' en [-4, 4]")
        return pictures.text
    }
}
