import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers

/// Lectures 001 and 004: linear regression as one neuron, fitted by gradient descent and by
/// least squares, on lecture 004's house prices.
///
/// The seven rows (size m², price €) give price ≈ 1095.44·m² + 43013.02 by least squares (the
/// slide's 0.8233x + 52.096 does not come from those rows). Gradient descent on standardized
/// sizes and prices reaches the same line. The multivariable table (size, rooms, floors, age →
/// price, five rows) is fitted the same two ways.
public enum LinearRegressionLesson: Lesson {
    public static let name = "linear-regression"
    public static let lectures = ["001", "004"]
    public static let summary = "regression as one neuron: gradient descent against LAPACK least squares"

    /// Lecture 004's multivariable rows: size, rooms, floors, years built → price.
    public static let multiFeatures: [[Double]] = [[42.45, 2, 1, 10], [54.25, 3, 2, 23], [32.5, 2, 1, 5], [62.3, 4, 3, 41], [28.4, 1, 1, 24]]
    public static let multiPrices: [Double] = [91241, 101251, 83051, 110341, 67124]

    /// Fits y ≈ X·w + b by full-batch gradient descent on standardized columns, in float64, and
    /// returns (w, b) in the original units.
    static func gradientDescent(_ x: Tensor, _ y: Tensor, steps: Int, learningRate: Double, seed: UInt64) throws -> (weights: [Double], intercept: Double) {
        let (mx, sx) = (x.mean(axes: [0]), x.standardDeviation(axes: [0]))
        let (my, sy) = (y.mean().item, y.standardDeviation().item)
        let xs = (x - mx) / sx, ys = ((y - my) / sy).reshaped([-1, 1])
        let neuron = Dense(units: 1, kernelInitializer: .zeros)
        try neuron.build(inputShape: [x.shape[1]], seed: seed)
        neuron.convertParameters(to: .float64)
        let loss = MeanSquaredError(), sgd = SGD(learningRate: learningRate)
        let parameters = neuron.namedParameters()
        for _ in 0..<steps {
            try loss(neuron(Variable(xs)), ys).backward()
            sgd.step(parameters)
            sgd.zeroGrad(parameters)
        }
        // Back to original units: y = my + sy·(w·(x − mx)/sx + b).
        let w = (neuron.weight!.value.reshaped([-1]) * sy / sx)
        let b = my + sy * neuron.bias!.value.item - (w * mx).sum().item
        return (w.doubles, b)
    }

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let sizes = Tensor(TensorsLesson.houseSizes, shape: [7, 1], dtype: .float64)
        let prices = Tensor(TensorsLesson.housePrices, shape: [7], dtype: .float64)
        let design = Tensor.concatenate([sizes, Tensor.ones([7, 1], dtype: .float64)], axis: 1)
        let lstsq = try Tensor.leastSquares(design, prices).solution.doubles
        let gd = try gradientDescent(sizes, prices, steps: options.epochs ?? 500, learningRate: 0.1, seed: options.seed)

        let multiX = Tensor(multiFeatures, dtype: .float64)
        let multiY = Tensor(multiPrices, shape: [5], dtype: .float64)
        let multiDesign = Tensor.concatenate([multiX, Tensor.ones([5, 1], dtype: .float64)], axis: 1)
        let multiLstsq = try Tensor.leastSquares(multiDesign, multiY).solution.doubles
        let multiGD = try gradientDescent(multiX, multiY, steps: options.epochs.map { $0 * 40 } ?? 20000, learningRate: 0.1, seed: options.seed)
        let gdPredictions = multiX.matmul(Tensor(multiGD.weights, shape: [4], dtype: .float64)) + multiGD.intercept
        let residual = (gdPredictions - multiY).squared().sum().item
        let total = (multiY - multiY.mean()).squared().sum().item
        let multiR2 = 1 - residual / total

        let text = """
        Linear regression (lectures 001, 004): house prices

        One variable, seven rows (m² → €):
          least squares (LAPACK gelsd):   price = \(format(lstsq[0], 4))·m² + \(format(lstsq[1], 2))
          gradient descent (one neuron, MSE, standardized data, \(options.epochs ?? 500) steps):
                                          price = \(format(gd.weights[0], 4))·m² + \(format(gd.intercept, 2))
          (the slide's 0.8233x + 52.096 does not come from these rows)

        Four variables (size, rooms, floors, age), five rows:
          least squares:     w = \(multiLstsq.prefix(4).map { format($0, 2) }), b = \(format(multiLstsq[4], 2))
          gradient descent:  w = \(multiGD.weights.map { format($0, 2) }), b = \(format(multiGD.intercept, 2)), R² = \(format(multiR2, 6))
          Five rows and five unknowns: least squares fits them exactly; gradient descent creeps
          toward the same solution along the data's flattest direction.
        """
        return LessonReport(text: text, figures: [
            "slope": .number(gd.weights[0]), "intercept": .number(gd.intercept),
            "lstsq_slope": .number(lstsq[0]), "lstsq_intercept": .number(lstsq[1]),
            "multi_lstsq": .numbers(multiLstsq), "multi_gd": .numbers(multiGD.weights + [multiGD.intercept]),
            "multi_gd_r2": .number(multiR2), "steps": .number(Double(options.epochs ?? 500)),
        ])
    }
}
