import NeuronaAutograd
import NeuronaCore

/// Activity 3 (lecture 001, "Terminar el notebook 1.3_RegresionLogistica"): logistic regression
/// by hand. The student writes the sigmoid, the binary cross-entropy cost and its gradient; the
/// checker then trains on Breast Cancer Wisconsin with them (the `logistic-regression` sample's
/// split) and reports the test accuracy.
///
/// Shapes as in activity 1: inputs `[m, n]`, targets and probabilities `[m, 1]`, weights `[n, 1]`.
public protocol LogisticRegressionExercise {
    /// The exercise, ready to be checked.
    init()
    /// The sigmoid `σ(z) = 1 / (1 + e⁻ᶻ)`, element by element.
    /// - Parameter z: Any tensor.
    func sigmoid(_ z: Tensor) throws -> Tensor
    /// The cost `J = −(1/m) Σᵢ [yᵢ log ŷᵢ + (1 − yᵢ) log(1 − ŷᵢ)]`.
    /// - Parameters:
    ///   - probabilities: `ŷ`, `[m, 1]`, strictly between 0 and 1.
    ///   - targets: `y`, `[m, 1]`, 0 or 1.
    func cost(probabilities: Tensor, targets: Tensor) throws -> Double
    /// The gradient of `J` at `(w, b)`: `∇_w J = (1/m) Xᵀ(ŷ − y)`, `∇_b J = (1/m) Σᵢ (ŷᵢ − yᵢ)`,
    /// with `ŷ = σ(X·w + b)`.
    /// - Parameters:
    ///   - inputs: `X`, `[m, n]`.
    ///   - targets: `y`, `[m, 1]`.
    ///   - weights: `w`, `[n, 1]`.
    ///   - bias: `b`.
    func gradients(inputs: Tensor, targets: Tensor, weights: Tensor, bias: Double) throws -> (weights: Tensor, bias: Double)
}

extension LogisticRegressionExercise {
    /// The model, already written as in the notebook: `ŷ = σ(X·w + b)`, with your sigmoid.
    /// - Parameters:
    ///   - inputs: `X`, `[m, n]`.
    ///   - weights: `w`, `[n, 1]`.
    ///   - bias: `b`.
    public func predict(_ inputs: Tensor, weights: Tensor, bias: Double) throws -> Tensor {
        try sigmoid(inputs.matmul(weights) + bias)
    }
}

/// The checker of activity 3.
public enum LogisticRegressionActivity {
    /// The activity as lecture 001 states it.
    public static let info = ActivityInfo(
        number: 3, name: "logistic-regression", lecture: "001",
        title: .init(en: "Finish the notebook 1.3_RegresionLogistica", es: "Terminar el notebook 1.3_RegresionLogistica"),
        task: .init(en: "Logistic regression by hand: the sigmoid, the binary cross-entropy and its gradient.",
                    es: "Regresión logística a mano: la sigmoide, la entropía cruzada binaria y su gradiente."),
        exerciseFile: "Activity03-LogisticRegression.swift", lectureArticle: "LogisticRegression")

    static let cases: [(x: Tensor, y: Tensor, w: Tensor, b: Double)] = [
        (.rows([[1], [2], [-1], [-3]]), .column([1, 1, 0, 0]), .column([0.4]), 0.3),
        (.rows([[1, -2], [0.5, 3], [-1, 1], [2, 0], [0, -1]]), .column([1, 0, 0, 1, 1]), .column([0.3, -0.7]), -0.4),
    ]

    /// The cost and its gradient by autograd.
    static func expected(_ x: Tensor, _ y: Tensor, _ w: Tensor, _ b: Double) throws -> (cost: Double, w: Tensor, b: Double) {
        let result = try Autodiff.gradients(at: [w, Tensor([b], shape: [1], dtype: .float64)]) { p in
            let yHat = (Variable(x).matmul(p[0]) + p[1]).sigmoid()
            let target = Variable(y)
            return ((target * yHat.log()) + ((1 - target) * (1 - yHat).log())).mean() * -1
        }
        return (result.value, result.gradients[0], result.gradients[1].item)
    }

    /// Checks an exercise.
    /// - Parameters:
    ///   - exercise: The student's type (or a reference or a mistake, in the tests).
    ///   - options: `quick` trains fewer steps for the figure.
    public static func check<Exercise: LogisticRegressionExercise>(_ exercise: Exercise.Type, options: CheckOptions = .init()) -> CheckReport {
        let student = Exercise()
        var session = CheckSession()
        let z = Tensor([-2, 0, 0.5, 3], shape: [4], dtype: .float64)
        session.check("sigmoid(_:)", reread: info.section("Regresión Logística: Breast cancer wisconsin dataset"),
                      passed: .init(en: "σ(z) = 1/(1 + e⁻ᶻ)", es: "σ(z) = 1/(1 + e⁻ᶻ)")) { f in
            let got = try f.call { try student.sigmoid(z) }
            try f.expect(got, equals: z.sigmoid(), quantity: .init(en: "σ(z)", es: "σ(z)"),
                         context: .init(en: "at z = [−2, 0, 0.5, 3]", es: "en z = [−2, 0, 0.5, 3]"),
                         mistakes: [(.signFlipped, z.negated().sigmoid()), (.wrongActivation, z.tanh())])
        }
        session.check("cost(probabilities:targets:)", reread: info.section("Regresión Logística: neurona"),
                      passed: .init(en: "J = −(1/m) Σ [y log ŷ + (1 − y) log(1 − ŷ)], right on \(cases.count) batches",
                                    es: "J = −(1/m) Σ [y log ŷ + (1 − y) log(1 − ŷ)], correcto en \(cases.count) lotes")) { f in
            for c in cases {
                let m = Double(c.x.shape[0])
                let probabilities = (c.x.matmul(c.w) + c.b).sigmoid()
                let right = try expected(c.x, c.y, c.w, c.b).cost
                let got = try f.call { try student.cost(probabilities: probabilities, targets: c.y) }
                try f.expect([got], equals: [right], quantity: .init(en: "the cost J", es: "el costo J"), context: batchContext(c.x.shape[0]),
                             mistakes: [(.missingMinus, [-right]), (.missingOneOverM, [m * right]), (.extraOneOverM, [right / m])])
            }
        }
        session.check("gradients(inputs:targets:weights:bias:)", reread: info.section("Regresión Logística: Breast cancer wisconsin dataset"),
                      passed: .init(en: "∇_w J = (1/m) Xᵀ(σ(Xw + b) − y) and ∇_b J, right on \(cases.count) batches",
                                    es: "∇_w J = (1/m) Xᵀ(σ(Xw + b) − y) y ∇_b J, correctos en \(cases.count) lotes"),
                      after: ["sigmoid(_:)"]) { f in
            for c in cases {
                let m = Double(c.x.shape[0])
                let right = try expected(c.x, c.y, c.w, c.b), noBias = try expected(c.x, c.y, c.w, 0)
                let yHat = (c.x.matmul(c.w) + c.b).sigmoid()
                let squaredError = (yHat - c.y) * yHat * (1 - yHat) / m
                let got = try f.call { try student.gradients(inputs: c.x, targets: c.y, weights: c.w, bias: c.b) }
                let context = batchContext(c.x.shape[0])
                try f.expect(got.weights, equals: right.w, quantity: .init(en: "the weight gradient ∇_w J", es: "el gradiente de los pesos ∇_w J"),
                             context: context, mistakes: [(.signFlipped, right.w * -1), (.missingOneOverM, right.w * m),
                                                          (.squaredErrorGradient, c.x.T.matmul(squaredError)), (.biasForgotten, noBias.w)])
                try f.expect([got.bias], equals: [right.b], quantity: .init(en: "the bias gradient ∇_b J", es: "el gradiente del sesgo ∇_b J"),
                             context: context, mistakes: [(.signFlipped, [-right.b]), (.missingOneOverM, [m * right.b]),
                                                          (.squaredErrorGradient, [squaredError.sum().item]), (.biasForgotten, [noBias.b])])
            }
        }
        var report = CheckReport(activity: info, findings: session.findings)
        guard session.allRight else { return report }
        do {
            let data = try BreastCancer()
            var (w, b) = (Tensor.zeros([30, 1], dtype: .float64), 0.0)
            let steps = options.quick ? 100 : 1000
            for _ in 0..<steps {
                let g = try student.gradients(inputs: data.trainInputs, targets: data.trainTargets, weights: w, bias: b)
                (w, b) = (w - g.weights * 0.1, b - 0.1 * g.bias)
            }
            let accuracy = BreastCancer.accuracy(try student.predict(data.testInputs, weights: w, bias: b), data.testTargets)
            let cost = try student.cost(probabilities: student.predict(data.trainInputs, weights: w, bias: b), targets: data.trainTargets)
            // The sample's figure (at least 0.95); the reference gradient reaches 0.972 after 100
            // steps and 0.986 after 1000 on these 143 tumours (each is 0.007).
            report.record(accuracy: accuracy, atLeast: 0.95, cost: cost,
                          how: .init(en: "\(steps) steps of gradient descent (α = 0.1) with your gradient on Breast Cancer Wisconsin (426 training tumours, 143 test)",
                                     es: "\(steps) pasos de descenso de gradiente (α = 0.1) con tu gradiente sobre Breast Cancer Wisconsin (426 tumores de entrenamiento, 143 de prueba)"),
                          lecture: .init(en: "the logistic-regression sample reaches at least 0.95 on this split",
                                         es: "el ejemplo logistic-regression llega al menos a 0.95 en esta partición"))
        } catch {
            report.figureProblem = Finding(.wrong, function: "figure", message: .init(
                en: "training on Breast Cancer Wisconsin failed: \(error)", es: "el entrenamiento con Breast Cancer Wisconsin falló: \(error)"))
        }
        return report
    }
}

extension CheckReport {
    /// Records a test accuracy reached with the student's code: the figure when it reaches
    /// `atLeast`, a problem otherwise.
    mutating func record(accuracy: Double, atLeast threshold: Double, cost: Double?, how: LocalizedText, lecture: LocalizedText) {
        let costText = cost.map { LocalizedText(en: " (final training cost \(formatted($0)))", es: " (costo final de entrenamiento \(formatted($0)))") }
            ?? LocalizedText(en: "", es: "")
        if accuracy >= threshold {
            figure = .init(en: "test accuracy \(formatted(accuracy)) after \(how.en)\(costText.en); \(lecture.en).",
                           es: "exactitud de prueba \(formatted(accuracy)) tras \(how.es)\(costText.es); \(lecture.es).")
        } else {
            figureProblem = Finding(.wrong, function: "figure", message: .init(
                en: "test accuracy \(formatted(accuracy)) after \(how.en), below \(formatted(threshold)); \(lecture.en)",
                es: "exactitud de prueba \(formatted(accuracy)) tras \(how.es), por debajo de \(formatted(threshold)); \(lecture.es)"))
        }
    }
}
