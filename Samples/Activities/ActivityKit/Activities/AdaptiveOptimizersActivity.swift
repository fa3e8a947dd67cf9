import NeuronaCore

/// Activity 15 (lecture 004, "Descenso por gradiente: métodos", with lecture 001's formulas):
/// the update rules of Adagrad and RMSProp, written by hand, then run on the `optimizers`
/// sample's regression problem.
public protocol AdaptiveOptimizersExercise {
    /// The exercise, ready to be checked.
    init()
    /// One Adagrad step: `s ← s + g∘g`, `x ← x − α/(ε + √s)·g`.
    /// - Parameters:
    ///   - parameters: `xᵗ`.
    ///   - gradient: `gᵗ`.
    ///   - sumOfSquares: `sᵗ⁻¹`, the sum of the squared gradients so far (zeros at first).
    ///   - learningRate: `α`.
    ///   - epsilon: `ε`.
    /// - Returns: `xᵗ⁺¹` and `sᵗ`.
    func adagradStep(parameters: Tensor, gradient: Tensor, sumOfSquares: Tensor, learningRate: Double,
                     epsilon: Double) throws -> (parameters: Tensor, sumOfSquares: Tensor)
    /// One RMSProp step: `ŝ ← η·ŝ + (1 − η)·g∘g`, `x ← x − α/(ε + √ŝ)·g`.
    /// - Parameters:
    ///   - parameters: `xᵗ`.
    ///   - gradient: `gᵗ`.
    ///   - meanSquare: `ŝᵗ⁻¹` (zeros at first).
    ///   - learningRate: `α`.
    ///   - decay: `η` (0.9 in the lecture).
    ///   - epsilon: `ε`.
    /// - Returns: `xᵗ⁺¹` and `ŝᵗ`.
    func rmspropStep(parameters: Tensor, gradient: Tensor, meanSquare: Tensor, learningRate: Double, decay: Double,
                     epsilon: Double) throws -> (parameters: Tensor, meanSquare: Tensor)
}

/// The checker of activity 15.
public enum AdaptiveOptimizersActivity {
    /// The activity as lecture 004 states it.
    public static let info = ActivityInfo(
        number: 15, name: "adaptive-optimizers", lecture: "004",
        title: .init(en: "Gradient descent: methods (Adagrad, RMSProp)", es: "Descenso por gradiente: métodos (Adagrad, RMSProp)"),
        task: .init(en: "The Adagrad and RMSProp update rules by hand, run on the optimizers sample's problem.",
                    es: "Las reglas de actualización de Adagrad y RMSProp a mano, sobre el problema del ejemplo optimizers."),
        exerciseFile: "Activity15-AdaptiveOptimizers.swift", lectureArticle: "Optimizers")

    /// Checks an exercise.
    /// - Parameter exercise: The student's type (or a reference or a mistake, in the tests).
    public static func check<Exercise: AdaptiveOptimizersExercise>(_ exercise: Exercise.Type) -> CheckReport {
        let student = Exercise()
        var session = CheckSession()
        let x = Tensor.column([0.5, -1.5]), g = Tensor.column([0.2, 3.0]), previous = Tensor.column([0.5, 4.0])
        let (alpha, epsilon) = (0.1, 1e-8)
        let context = LocalizedText(en: "for x = [0.5, −1.5], g = [0.2, 3], previous s = [0.5, 4], α = 0.1",
                                    es: "para x = [0.5, −1.5], g = [0.2, 3], s anterior = [0.5, 4], α = 0.1")
        func step(_ s: Tensor, root: Bool = true) -> Tensor { x - g * alpha / ((root ? s.sqrt() : s) + epsilon) }
        session.check("adagradStep(parameters:gradient:sumOfSquares:learningRate:epsilon:)",
                      reread: LocalizedText(en: "lecture 001, section «Adaptive Subgradient Method (Adagrad)»", es: "lectura 001, sección «Adaptive Subgradient Method (Adagrad)»"),
                      passed: .init(en: "s ← s + g∘g, x ← x − α/(ε + √s)·g", es: "s ← s + g∘g, x ← x − α/(ε + √s)·g")) { f in
            let got = try f.call { try student.adagradStep(parameters: x, gradient: g, sumOfSquares: previous, learningRate: alpha, epsilon: epsilon) }
            let s = previous + g.squared()
            try f.expect(got.sumOfSquares, equals: s, quantity: .init(en: "the sum of squares s", es: "la suma de cuadrados s"), context: context,
                         mistakes: [(.sumNotAccumulated, g.squared()), (.gradientNotSquared, previous + g)])
            try f.expect(got.parameters, equals: step(s), quantity: .init(en: "the new parameters", es: "los nuevos parámetros"), context: context,
                         mistakes: [(.squareRootMissing, step(s, root: false)), (.signFlipped, x * 2 - step(s)), (.learningRateTwice, x - (x - step(s)) * alpha)])
        }
        session.check("rmspropStep(parameters:gradient:meanSquare:learningRate:decay:epsilon:)",
                      reread: LocalizedText(en: "lecture 001, section «Root Mean Square Propagation (RMSProp)»", es: "lectura 001, sección «Root Mean Square Propagation (RMSProp)»"),
                      passed: .init(en: "ŝ ← η·ŝ + (1 − η)·g∘g, x ← x − α/(ε + √ŝ)·g", es: "ŝ ← η·ŝ + (1 − η)·g∘g, x ← x − α/(ε + √ŝ)·g")) { f in
            let eta = 0.9
            let got = try f.call { try student.rmspropStep(parameters: x, gradient: g, meanSquare: previous, learningRate: alpha, decay: eta, epsilon: epsilon) }
            let s = previous * eta + g.squared() * (1 - eta)
            try f.expect(got.meanSquare, equals: s, quantity: .init(en: "the mean square ŝ", es: "la media de cuadrados ŝ"), context: context,
                         mistakes: [(.decaySwapped, previous * (1 - eta) + g.squared() * eta), (.gradientNotSquared, previous * eta + g * (1 - eta)),
                                    (.sumNotAccumulated, g.squared() * (1 - eta))])
            try f.expect(got.parameters, equals: step(s), quantity: .init(en: "the new parameters", es: "los nuevos parámetros"), context: context,
                         mistakes: [(.squareRootMissing, step(s, root: false)), (.signFlipped, x * 2 - step(s))])
        }
        var report = CheckReport(activity: info, findings: session.findings)
        guard session.allRight else { return report }
        do {
            let problem = OptimizersProblem()
            var (adagrad, sum) = (Tensor.zeros([4, 1], dtype: .float64), Tensor.zeros([4, 1], dtype: .float64))
            var (rmsprop, meanSquare) = (Tensor.zeros([4, 1], dtype: .float64), Tensor.zeros([4, 1], dtype: .float64))
            for _ in 0..<200 {
                (adagrad, sum) = try student.adagradStep(parameters: adagrad, gradient: problem.gradient(adagrad), sumOfSquares: sum,
                                                         learningRate: 0.5, epsilon: 1e-8)
                (rmsprop, meanSquare) = try student.rmspropStep(parameters: rmsprop, gradient: problem.gradient(rmsprop), meanSquare: meanSquare,
                                                                learningRate: 0.02, decay: 0.9, epsilon: 1e-8)
            }
            let (adagradLoss, rmspropLoss, best) = (problem.loss(adagrad), problem.loss(rmsprop), problem.leastSquaresLoss)
            // The targets' variance is about 3² + 2² + 0.5² ≈ 13.3: a loss under 0.1 explains 99 % of it.
            let text = (en: "after 200 full-batch steps on y = 3·x1 − 2·x2 + 0.5·x3 + 1 + noise (256 points), MSE: your Adagrad (α = 0.5) \(formatted(adagradLoss)), your RMSProp (α = 0.02) \(formatted(rmspropLoss)); least squares \(formatted(best)), the noise floor",
                        es: "tras 200 pasos de lote completo sobre y = 3·x1 − 2·x2 + 0.5·x3 + 1 + ruido (256 puntos), MSE: tu Adagrad (α = 0.5) \(formatted(adagradLoss)), tu RMSProp (α = 0.02) \(formatted(rmspropLoss)); mínimos cuadrados \(formatted(best)), el piso del ruido")
            if adagradLoss < 0.1 && rmspropLoss < 0.1 {
                report.figure = .init(en: text.en + ".", es: text.es + ".")
            } else {
                report.figureProblem = Finding(.wrong, function: "figure", message: .init(en: text.en + ": one of them did not converge.",
                                                                                          es: text.es + ": uno de ellos no convergió."))
            }
        } catch {
            report.figureProblem = Finding(.wrong, function: "figure", message: .init(
                en: "running the optimizers failed: \(error)", es: "la ejecución de los optimizadores falló: \(error)"))
        }
        return report
    }
}

/// The `optimizers` sample's problem: y = 3·x1 − 2·x2 + 0.5·x3 + 1 + noise (σ = 0.1) on 256
/// points drawn with seed 42, as a design matrix `[x, 1]` and the mean squared error.
struct OptimizersProblem {
    let design: Tensor, targets: Tensor

    init() {
        var generator = RandomGenerator(seed: 42)
        let x = Tensor.normal([256, 3], using: &generator)
        let y = x.matmul(Tensor([[3], [-2], [0.5]])) + 1 + Tensor.normal([256, 1], standardDeviation: 0.1, using: &generator)
        design = Tensor.concatenate([x, Tensor.ones([256, 1])], axis: 1).converted(to: .float64)
        targets = y.converted(to: .float64)
    }

    /// The mean squared error of the parameters `[w; b]`.
    func loss(_ parameters: Tensor) -> Double { (design.matmul(parameters) - targets).squared().mean().item }

    /// Its gradient, `(2/m)·Aᵀ(A·θ − y)`.
    func gradient(_ parameters: Tensor) -> Tensor { design.T.matmul(design.matmul(parameters) - targets) * (2 / 256) }

    /// The smallest loss there is (LAPACK least squares).
    var leastSquaresLoss: Double {
        (try? Tensor.leastSquares(design, targets.reshaped([256])).solution).map { loss($0.reshaped([4, 1])) } ?? .nan
    }
}
