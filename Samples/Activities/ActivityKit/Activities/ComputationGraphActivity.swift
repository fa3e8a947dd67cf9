import NeuronaAutograd
import NeuronaCore

/// Activity 14 (lectures 003 and 004, "Cálculo backward"): backpropagation on a computation
/// graph by hand. First lecture 004's `f(x, y, z) = (x + y)·z`; then lecture 003's
/// `f(x1, x2, x3) = (4·x2 + x2² + 3·x3, x1·x2 + 3·x3) = (y1, y2)` with `E = y1 + y2`, whose node
/// `3·x3` feeds both outputs.
public protocol ComputationGraphExercise {
    /// The exercise, ready to be checked.
    init()
    /// `(∂f/∂x, ∂f/∂y, ∂f/∂z)` for `f = (x + y)·z`, by the chain rule through `q = x + y`.
    /// - Parameters:
    ///   - x: `x`.
    ///   - y: `y`.
    ///   - z: `z`.
    func gradientsOfSumTimesZ(x: Double, y: Double, z: Double) throws -> (x: Double, y: Double, z: Double)
    /// The forward pass of lecture 003's network: `(y1, y2)`.
    /// - Parameters:
    ///   - x1: `x1`.
    ///   - x2: `x2`.
    ///   - x3: `x3`.
    func forward(x1: Double, x2: Double, x3: Double) throws -> (y1: Double, y2: Double)
    /// The backward pass: `(∂E/∂x1, ∂E/∂x2, ∂E/∂x3)` for `E = y1 + y2`.
    /// - Parameters:
    ///   - x1: `x1`.
    ///   - x2: `x2`.
    ///   - x3: `x3`.
    func backward(x1: Double, x2: Double, x3: Double) throws -> (x1: Double, x2: Double, x3: Double)
}

/// The checker of activity 14.
public enum ComputationGraphActivity {
    /// The activity as lectures 003 and 004 state it.
    public static let info = ActivityInfo(
        number: 14, name: "computation-graph", lecture: "003",
        title: .init(en: "Backpropagation on a computation graph (forward and backward)", es: "Retropropagación en un grafo de computación (forward y backward)"),
        task: .init(en: "The derivatives of f = (x + y)z and of lecture 003's two-output network, by the chain rule.",
                    es: "Las derivadas de f = (x + y)z y de la red de dos salidas de la lectura 003, con la regla de la cadena."),
        exerciseFile: "Activity14-ComputationGraph.swift", lectureArticle: "ComputationGraphs")

    static let points: [(Double, Double, Double)] = [(-2, 5, -4), (1, 2, 2), (0.5, -1.5, 3)]

    static func autograd(_ point: (Double, Double, Double), _ function: ([Variable]) -> Variable) throws -> [Double] {
        let scalars = [point.0, point.1, point.2].map { Tensor($0, dtype: .float64) }
        return try Autodiff.gradients(at: scalars, of: function).gradients.map(\.item)
    }

    /// Checks an exercise.
    /// - Parameter exercise: The student's type (or a reference or a mistake, in the tests).
    public static func check<Exercise: ComputationGraphExercise>(_ exercise: Exercise.Type) -> CheckReport {
        let student = Exercise()
        var session = CheckSession()
        func at(_ p: (Double, Double, Double)) -> LocalizedText {
            .init(en: "at (\(formatted(p.0)), \(formatted(p.1)), \(formatted(p.2)))", es: "en (\(formatted(p.0)), \(formatted(p.1)), \(formatted(p.2)))")
        }
        session.check("gradientsOfSumTimesZ(x:y:z:)", reread: LocalizedText(en: "lecture 004, section «Retropropagación: Grafo de computación»",
                                                                            es: "lectura 004, sección «Retropropagación: Grafo de computación»"),
                      passed: .init(en: "∂f/∂x = ∂f/∂y = z, ∂f/∂z = x + y", es: "∂f/∂x = ∂f/∂y = z, ∂f/∂z = x + y")) { f in
            for p in points {
                let got = try f.call { try student.gradientsOfSumTimesZ(x: p.0, y: p.1, z: p.2) }
                let right = try autograd(p) { v in (v[0] + v[1]) * v[2] }
                try f.expect([got.x, got.y, got.z], equals: right, quantity: .init(en: "(∂f/∂x, ∂f/∂y, ∂f/∂z)", es: "(∂f/∂x, ∂f/∂y, ∂f/∂z)"),
                             context: at(p), mistakes: [(.signFlipped, right.map { -$0 }), (.productRuleMissingTerm, [1, 1, right[2]])])
            }
        }
        session.check("forward(x1:x2:x3:)", reread: info.section("Red de ejemplo y cálculo forward"),
                      passed: .init(en: "(y1, y2) right at \(points.count) points", es: "(y1, y2) correctos en \(points.count) puntos")) { f in
            for p in points {
                let got = try f.call { try student.forward(x1: p.0, x2: p.1, x3: p.2) }
                let y1 = 4 * p.1 + p.1 * p.1 + 3 * p.2, y2 = p.0 * p.1 + 3 * p.2
                try f.expect([got.y1, got.y2], equals: [y1, y2], quantity: .init(en: "(y1, y2)", es: "(y1, y2)"), context: at(p))
            }
        }
        session.check("backward(x1:x2:x3:)", reread: info.section("Cálculo backward"),
                      passed: .init(en: "∂E/∂x1 = x2, ∂E/∂x2 = 4 + 2·x2 + x1, ∂E/∂x3 = 3 + 3", es: "∂E/∂x1 = x2, ∂E/∂x2 = 4 + 2·x2 + x1, ∂E/∂x3 = 3 + 3")) { f in
            for p in points {
                let got = try f.call { try student.backward(x1: p.0, x2: p.1, x3: p.2) }
                let right = try autograd(p) { v in
                    let shared = v[2] * 3
                    return (v[1] * 4 + v[1] * v[1] + shared) + (v[0] * v[1] + shared)
                }
                try f.expect([got.x1, got.x2, got.x3], equals: right, quantity: .init(en: "(∂E/∂x1, ∂E/∂x2, ∂E/∂x3)", es: "(∂E/∂x1, ∂E/∂x2, ∂E/∂x3)"),
                             context: at(p), mistakes: [(.sharedNodeCountedOnce, [right[0], right[1], 3]),
                                                        (.powerRuleMissingFactor, [right[0], right[1] - p.1, right[2]]),
                                                        (.productRuleMissingTerm, [right[0], right[1] - p.0, right[2]]),
                                                        (.signFlipped, right.map { -$0 })])
            }
        }
        var report = CheckReport(activity: info, findings: session.findings)
        guard session.allRight, let sumTimesZ = try? student.gradientsOfSumTimesZ(x: -2, y: 5, z: -4),
              let y = try? student.forward(x1: 1, x2: 2, x3: 2), let e = try? student.backward(x1: 1, x2: 2, x3: 2) else { return report }
        func list(_ values: Double...) -> String { values.map(formatted).joined(separator: ", ") }
        report.figure = .init(
            en: "f = (x + y)z at (−2, 5, −4): ∇f = (\(list(sumTimesZ.x, sumTimesZ.y, sumTimesZ.z))) (lecture: −4, −4, 3); lecture 003's network at (1, 2, 2): (y1, y2) = (\(list(y.y1, y.y2))) and ∇E = (\(list(e.x1, e.x2, e.x3))), as `samples computation-graph` gets from autograd.",
            es: "f = (x + y)z en (−2, 5, −4): ∇f = (\(list(sumTimesZ.x, sumTimesZ.y, sumTimesZ.z))) (lectura: −4, −4, 3); la red de la lectura 003 en (1, 2, 2): (y1, y2) = (\(list(y.y1, y.y2))) y ∇E = (\(list(e.x1, e.x2, e.x3))), como los obtiene autograd en `samples computation-graph`.")
        return report
    }
}
