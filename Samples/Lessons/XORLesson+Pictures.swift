import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaPictures

extension XORLesson {
    /// The trained network's decision boundary over [−0.5, 1.5]² with the four XOR points.
    /// Returns the "Pictures:" text.
    static func drawPictures(model: any Layer, options: LessonOptions) throws -> String {
        var pictures = LessonPictures(options)
        let boundary = DecisionBoundary(xRange: -0.5...1.5, yRange: -0.5...1.5, title: pictures.words("XOR: the trained 2-8-1 network", "XOR: la red 2-8-1 entrenada"), pointRadius: 9)
        let grid = boundary.gridPoints
        let probabilities = withNoGrad {
            model(Variable(Tensor(grid.flatMap { $0 }, shape: [grid.count, 2], dtype: .float32))).value.doubles
        }
        let points: [DecisionBoundary.Point] = [.init(x: 0, y: 0, label: 0), .init(x: 0, y: 1, label: 1),
                                                .init(x: 1, y: 0, label: 1), .init(x: 1, y: 1, label: 0)]
        let path = pictures.path("xor-decision-boundary.png")
        try boundary.write(probabilities: probabilities, points: points, to: path)
        pictures.add(path, "P(class 1) over the plane (orange 0, blue 1, black line at 1/2) and the four points",
                     spanish: "P(clase 1) sobre el plano (naranja 0, azul 1, línea negra en 1/2) y los cuatro puntos")
        return pictures.text
    }
}
