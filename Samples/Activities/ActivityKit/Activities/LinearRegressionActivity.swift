import NeuronaAutograd
import NeuronaCore

/// Activity 1 (lecture 001, "Terminar el notebook 1.1_RegresionLineal"): linear regression by
/// gradient descent, written by hand. The student writes the cost, its gradient and the update;
/// the checker then trains on lecture 004's house prices with them and compares the line with
/// least squares (price ≈ 1095.44·m² + 43013.02).
///
/// Shapes: inputs `X` are `[m, n]` (one example a row), targets `y` and predictions `ŷ` are
/// `[m, 1]`, weights `w` are `[n, 1]`, the bias `b` is a number; everything is float64.
public protocol LinearRegressionExercise {
    /// The exercise, ready to be checked.
    init()
    /// The cost `J(w, b) = (1/m) Σᵢ ½(ŷᵢ − yᵢ)²`.
    /// - Parameters:
    ///   - predictions: `ŷ`, `[m, 1]`.
    ///   - targets: `y`, `[m, 1]`.
    func cost(predictions: Tensor, targets: Tensor) throws -> Double
    /// The gradient of `J` at `(w, b)`: `∇_w J = (1/m) Xᵀ(ŷ − y)` and `∇_b J = (1/m) Σᵢ (ŷᵢ − yᵢ)`,
    /// with `ŷ = X·w + b`.
    /// - Parameters:
    ///   - inputs: `X`, `[m, n]`.
    ///   - targets: `y`, `[m, 1]`.
    ///   - weights: `w`, `[n, 1]`.
    ///   - bias: `b`.
    func gradients(inputs: Tensor, targets: Tensor, weights: Tensor, bias: Double) throws -> (weights: Tensor, bias: Double)
    /// One step of gradient descent: `w ← w − α ∇_w J`, `b ← b − α ∇_b J`.
    /// - Parameters:
    ///   - weights: `w`.
    ///   - bias: `b`.
    ///   - gradients: `(∇_w J, ∇_b J)`.
    ///   - learningRate: `α`.
    func gradientDescentStep(weights: Tensor, bias: Double, gradients: (weights: Tensor, bias: Double),
                             learningRate: Double) throws -> (weights: Tensor, bias: Double)
}

extension LinearRegressionExercise {
    /// The model, already written as in the notebook: `ŷ = X·w + b`.
    /// - Parameters:
    ///   - inputs: `X`, `[m, n]`.
    ///   - weights: `w`, `[n, 1]`.
    ///   - bias: `b`.
    public func predict(_ inputs: Tensor, weights: Tensor, bias: Double) -> Tensor {
        inputs.matmul(weights) + bias
    }
}

/// The checker of activity 1.
public enum LinearRegressionActivity {
    /// The activity as lecture 001 states it.
    public static let info = ActivityInfo(
        number: 1, name: "linear-regression", lecture: "001",
        title: .init(en: "Finish the notebook 1.1_RegresionLineal", es: "Terminar el notebook 1.1_RegresionLineal"),
        task: .init(en: "Linear regression by gradient descent: the cost J, its gradient and the update step.",
                    es: "Regresión lineal con descenso de gradiente: el costo J, su gradiente y el paso de actualización."),
        exerciseFile: "Activity01-LinearRegression.swift", lectureArticle: "LinearRegression")

    /// The small cases: (inputs, targets, weights, bias), with a nonzero bias so that forgetting it shows.
    static let cases: [(x: Tensor, y: Tensor, w: Tensor, b: Double)] = [
        (.rows([[1], [2], [3], [4]]), .column([2, 3, 5, 4]), .column([0.5]), 0.25),
        (.rows([[1, -2], [0.5, 3], [-1, 1], [2, 0], [0, -1]]), .column([1, -2, 0.5, 3, 1]), .column([0.3, -0.7]), -0.4),
    ]

    /// The cost and its gradient by autograd at `(w, b)`.
    static func expected(_ x: Tensor, _ y: Tensor, _ w: Tensor, _ b: Double) throws -> (cost: Double, w: Tensor, b: Double) {
        let result = try Autodiff.gradients(at: [w, Tensor([b], shape: [1], dtype: .float64)]) { p in
            ((Variable(x).matmul(p[0]) + p[1]) - Variable(y)).squared().mean() * 0.5
        }
        return (result.value, result.gradients[0], result.gradients[1].item)
    }

    /// Checks an exercise.
    /// - Parameter exercise: The student's type (or a reference or a mistake, in the tests).
    public static func check<Exercise: LinearRegressionExercise>(_ exercise: Exercise.Type) -> CheckReport {
        let student = Exercise()
        var session = CheckSession()
        let costQuantity = LocalizedText(en: "the cost J", es: "el costo J")
        session.check("cost(predictions:targets:)", reread: info.section("Función de perdida y función de costo"),
                      passed: .init(en: "J = (1/m) Σ ½(ŷ − y)², right on \(cases.count) batches",
                                    es: "J = (1/m) Σ ½(ŷ − y)², correcto en \(cases.count) lotes")) { f in
            for c in cases {
                let m = Double(c.x.shape[0])
                let prediction = student.predict(c.x, weights: c.w, bias: c.b)
                let right = try expected(c.x, c.y, c.w, c.b).cost
                let got = try f.call { try student.cost(predictions: prediction, targets: c.y) }
                try f.expect([got], equals: [right], quantity: costQuantity, context: batchContext(c.x.shape[0]),
                             mistakes: [(.missingHalf, [2 * right]), (.missingOneOverM, [m * right]), (.extraOneOverM, [right / m])])
            }
        }
        session.check("gradients(inputs:targets:weights:bias:)", reread: info.section("Regresión Lineal: neurona"),
                      passed: .init(en: "∇_w J = (1/m) Xᵀ(ŷ − y) and ∇_b J = (1/m) Σ (ŷ − y), right on \(cases.count) batches",
                                    es: "∇_w J = (1/m) Xᵀ(ŷ − y) y ∇_b J = (1/m) Σ (ŷ − y), correctos en \(cases.count) lotes")) { f in
            for c in cases {
                let m = Double(c.x.shape[0])
                let right = try expected(c.x, c.y, c.w, c.b), noBias = try expected(c.x, c.y, c.w, 0)
                let got = try f.call { try student.gradients(inputs: c.x, targets: c.y, weights: c.w, bias: c.b) }
                let context = batchContext(c.x.shape[0])
                try f.expect(got.weights, equals: right.w, quantity: .init(en: "the weight gradient ∇_w J", es: "el gradiente de los pesos ∇_w J"),
                             context: context, mistakes: [(.signFlipped, right.w * -1), (.missingOneOverM, right.w * m),
                                                          (.extraOneOverM, right.w / m), (.biasForgotten, noBias.w)])
                try f.expect([got.bias], equals: [right.b], quantity: .init(en: "the bias gradient ∇_b J", es: "el gradiente del sesgo ∇_b J"),
                             context: context, mistakes: [(.signFlipped, [-right.b]), (.missingOneOverM, [m * right.b]),
                                                          (.extraOneOverM, [right.b / m]), (.biasForgotten, [noBias.b])])
            }
        }
        session.check("gradientDescentStep(weights:bias:gradients:learningRate:)", reread: info.section("Descenso de gradiente"),
                      passed: .init(en: "w ← w − α ∇_w J and b ← b − α ∇_b J", es: "w ← w − α ∇_w J y b ← b − α ∇_b J")) { f in
            try checkStep(f) { try student.gradientDescentStep(weights: $0, bias: $1, gradients: $2, learningRate: $3) }
        }
        var report = CheckReport(activity: info, findings: session.findings)
        guard session.allRight else { return report }
        do {
            let houses = try HousePrices()
            var (w, b) = (Tensor.zeros([1, 1], dtype: .float64), 0.0)
            for _ in 0..<500 {
                let g = try student.gradients(inputs: houses.inputs, targets: houses.targets, weights: w, bias: b)
                (w, b) = try student.gradientDescentStep(weights: w, bias: b, gradients: g, learningRate: 0.1)
            }
            let finalCost = try student.cost(predictions: student.predict(houses.inputs, weights: w, bias: b), targets: houses.targets)
            report.record(line: houses.line(weight: w.item, bias: b), houses: houses, cost: finalCost,
                          how: .init(en: "500 steps of your gradient descent (α = 0.1) on the 7 standardized houses",
                                     es: "500 pasos de tu descenso de gradiente (α = 0.1) sobre las 7 casas estandarizadas"))
        } catch {
            report.figureProblem = Finding(.wrong, function: "figure", message: .init(
                en: "training on the house prices failed: \(error)", es: "el entrenamiento con los precios de casas falló: \(error)"))
        }
        return report
    }

    /// Checks a gradient-descent step against `w − α·g`, naming the typical mistakes.
    static func checkStep(_ f: FunctionCheck, _ step: (Tensor, Double, (weights: Tensor, bias: Double), Double) throws -> (weights: Tensor, bias: Double)) throws {
        let (w, b) = (Tensor.column([0.5, -1.5]), 0.75)
        let g = (weights: Tensor.column([0.2, -0.4]), bias: 0.3)
        let alpha = 0.1
        let got = try f.call { try step(w, b, g, alpha) }
        let context = LocalizedText(en: "for w = [0.5, −1.5], b = 0.75, ∇J = ([0.2, −0.4], 0.3), α = 0.1",
                                    es: "para w = [0.5, −1.5], b = 0.75, ∇J = ([0.2, −0.4], 0.3), α = 0.1")
        try f.expect(got.weights, equals: w - g.weights * alpha, quantity: .init(en: "the new weights", es: "los nuevos pesos"),
                     context: context, mistakes: [(.signFlipped, w + g.weights * alpha), (.learningRateTwice, w - g.weights * (alpha * alpha)),
                                                  (.learningRateMissing, w - g.weights)])
        try f.expect([got.bias], equals: [b - alpha * g.bias], quantity: .init(en: "the new bias", es: "el nuevo sesgo"),
                     context: context, mistakes: [(.biasNotUpdated, [b]), (.signFlipped, [b + alpha * g.bias]),
                                                  (.learningRateTwice, [b - alpha * alpha * g.bias]), (.learningRateMissing, [b - g.bias])])
    }
}

extension CheckReport {
    /// Records the house-price line the student's code fitted: a line of the figure when it is
    /// the least-squares line, a problem otherwise (after a first problem, nothing more).
    mutating func record(line: (slope: Double, intercept: Double), houses: HousePrices, cost: Double?, how: LocalizedText,
                         tolerance: HousePrices.Tolerance = .contracting) {
        let fitted = HousePrices.describe(line), lstsq = HousePrices.describe(houses.leastSquares)
        let costText = cost.map { LocalizedText(en: ", final cost J = \(formatted($0))", es: ", costo final J = \(formatted($0))") }
            ?? LocalizedText(en: "", es: "")
        guard figureProblem == nil else { return }
        if houses.matchesLeastSquares(line, tolerance: tolerance) {
            addFigure(.init(en: "price = \(fitted) after \(how.en)\(costText.en); least squares (LAPACK) gives \(lstsq), the lecture's line.",
                                  es: "precio = \(fitted) tras \(how.es)\(costText.es); mínimos cuadrados (LAPACK) da \(lstsq), la recta de la lectura."))
        } else {
            figureProblem = Finding(.wrong, function: "figure", message: .init(
                en: "after \(how.en) your line is price = \(fitted), not the least-squares \(lstsq)",
                es: "tras \(how.es) tu recta es precio = \(fitted), no la de mínimos cuadrados \(lstsq)"))
        }
    }

    /// Adds a line to the figure (the first one makes it).
    mutating func addFigure(_ text: LocalizedText) {
        figure = figure.map { LocalizedText(en: $0.en + "\n  " + text.en, es: $0.es + "\n  " + text.es) } ?? text
    }
}
