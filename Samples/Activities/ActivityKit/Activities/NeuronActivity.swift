import Foundation

/// Activity 11 (lecture 000, the notebook icncd_clase3_ejemplo_neurona_1): one neuron by hand,
/// `y = f(x1·w1 + x2·w2 + b)` with the sigmoid, and the 2-2-1 network of the lecture's
/// "Feedforward" example. Plain numbers, as the lecture writes them.
public protocol NeuronExercise {
    /// The exercise, ready to be checked.
    init()
    /// The sigmoid `f(x) = 1 / (1 + e⁻ˣ)`.
    /// - Parameter x: Any number.
    func sigmoid(_ x: Double) throws -> Double
    /// One neuron: `f(w·x + b) = f(w1·x1 + w2·x2 + … + b)`.
    /// - Parameters:
    ///   - inputs: `x`.
    ///   - weights: `w`, as many as inputs.
    ///   - bias: `b`.
    func neuron(inputs: [Double], weights: [Double], bias: Double) throws -> Double
    /// The lecture's 2-2-1 network: two hidden neurons h1, h2 and an output o1, every neuron with
    /// weights `w = [0, 1]`, bias `b = 0` and the sigmoid; returns `o1 = f(w·[h1, h2] + b)`.
    /// - Parameter inputs: `x = [x1, x2]`.
    func feedforward(inputs: [Double]) throws -> Double
}

/// The checker of activity 11.
public enum NeuronActivity {
    /// The activity as lecture 000 states it.
    public static let info = ActivityInfo(
        number: 11, name: "neuron", lecture: "000",
        title: .init(en: "The example notebook icncd_clase3_ejemplo_neurona_1", es: "El notebook de ejemplo icncd_clase3_ejemplo_neurona_1"),
        task: .init(en: "One neuron by hand (weighted sum, bias, sigmoid) and the 2-2-1 network's feedforward.",
                    es: "Una neurona a mano (suma ponderada, sesgo, sigmoide) y el feedforward de la red 2-2-1."),
        exerciseFile: "Activity11-Neuron.swift", lectureArticle: "OneNeuron")

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// Checks an exercise.
    /// - Parameter exercise: The student's type (or a reference or a mistake, in the tests).
    public static func check<Exercise: NeuronExercise>(_ exercise: Exercise.Type) -> CheckReport {
        let student = Exercise()
        var session = CheckSession()
        session.check("sigmoid(_:)", reread: info.section("Ejemplo básico (III)"),
                      passed: .init(en: "f(x) = 1/(1 + e⁻ˣ)", es: "f(x) = 1/(1 + e⁻ˣ)")) { f in
            for x in [-2.0, 0, 0.5, 7] {
                let got = try f.call { try student.sigmoid(x) }
                try f.expect([got], equals: [sigmoid(x)], quantity: .init(en: "f(\(formatted(x)))", es: "f(\(formatted(x)))"),
                             context: .init(en: "", es: ""), mistakes: [(.signFlipped, [sigmoid(-x)]), (.wrongActivation, [tanh(x)])])
            }
        }
        session.check("neuron(inputs:weights:bias:)", reread: info.section("Ejemplo básico (II)"),
                      passed: .init(en: "y = f(w·x + b)", es: "y = f(w·x + b)"), after: ["sigmoid(_:)"]) { f in
            for (x, w, b) in [([2.0, 3], [0.0, 1], 4.0), ([-1, 0.5, 2], [0.3, -0.2, 0.1], -0.5)] {
                let sum = zip(x, w).map(*).reduce(0, +)
                let got = try f.call { try student.neuron(inputs: x, weights: w, bias: b) }
                let context = LocalizedText(en: "for x = \(x), w = \(w), b = \(formatted(b))", es: "para x = \(x), w = \(w), b = \(formatted(b))")
                try f.expect([got], equals: [sigmoid(sum + b)], quantity: .init(en: "the neuron's output y", es: "la salida y de la neurona"),
                             context: context, mistakes: [(.biasForgotten, [sigmoid(sum)]), (.activationMissing, [sum + b]),
                                                          (.signFlipped, [sigmoid(sum - b)])])
            }
        }
        session.check("feedforward(inputs:)", reread: info.section("Otro ejemplo: Feedforward"),
                      passed: .init(en: "h1 = h2 = f(w·x + b), o1 = f(w·[h1, h2] + b)", es: "h1 = h2 = f(w·x + b), o1 = f(w·[h1, h2] + b)"),
                      after: ["sigmoid(_:)", "neuron(inputs:weights:bias:)"]) { f in
            for x in [[2.0, 3], [-1, 0.5]] {
                let h = sigmoid(x[1])
                let got = try f.call { try student.feedforward(inputs: x) }
                let context = LocalizedText(en: "for x = \(x)", es: "para x = \(x)")
                try f.expect([got], equals: [sigmoid(h)], quantity: .init(en: "the output o1", es: "la salida o1"), context: context,
                             mistakes: [(.activationMissing, [x[1]]), (.activationMissing, [sigmoid(x[1])])])
            }
        }
        var report = CheckReport(activity: info, findings: session.findings)
        guard session.allRight, let y = try? student.neuron(inputs: [2, 3], weights: [0, 1], bias: 4),
              let o1 = try? student.feedforward(inputs: [2, 3]) else { return report }
        report.figure = .init(
            en: "y = f(0·2 + 1·3 + 4) = f(7) = \(String(format: "%.4f", y)) (the lecture rounds to 0.999); the 2-2-1 network gives o1 = \(String(format: "%.4f", o1)) for x = [2, 3] (lecture: 0.7216).",
            es: "y = f(0·2 + 1·3 + 4) = f(7) = \(String(format: "%.4f", y)) (la lectura redondea a 0.999); la red 2-2-1 da o1 = \(String(format: "%.4f", o1)) para x = [2, 3] (lectura: 0.7216).")
        return report
    }
}
