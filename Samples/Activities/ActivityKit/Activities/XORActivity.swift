import NeuronaCore

/// Activity 13 (lecture 002, "Worked Example: The Exclusive OR (XOR) Function"): the network
/// `f(x) = max{0, X·W + c}·w + b` computed by hand, and the lecture's parameters that make it
/// give XOR exactly.
public protocol XORExercise {
    /// The exercise, ready to be checked.
    init()
    /// `ŷ = max{0, X·W + c}·w + b`.
    /// - Parameters:
    ///   - inputs: `X`, `[m, 2]`.
    ///   - W: `[2, 2]`.
    ///   - c: `[2]`, added to every row.
    ///   - w: `[2, 1]`.
    ///   - b: A number.
    /// - Returns: `ŷ`, `[m, 1]`.
    func forward(_ inputs: Tensor, W: Tensor, c: Tensor, w: Tensor, b: Double) throws -> Tensor
    /// The lecture's parameters: the `W`, `c`, `w`, `b` that give (0, 1, 1, 0) on
    /// (0,0), (0,1), (1,0), (1,1).
    func lectureParameters() throws -> (W: Tensor, c: Tensor, w: Tensor, b: Double)
}

/// The checker of activity 13.
public enum XORActivity {
    /// The activity as lecture 002 states it.
    public static let info = ActivityInfo(
        number: 13, name: "xor", lecture: "002",
        title: .init(en: "Worked example: the XOR function", es: "Ejemplo resuelto: la función XOR"),
        task: .init(en: "The network max{0, XW + c}·w + b by hand, and the parameters that make it XOR.",
                    es: "La red max{0, XW + c}·w + b a mano, y los parámetros que la hacen XOR."),
        exerciseFile: "Activity13-XOR.swift", lectureArticle: "XOR")

    static let xorInputs = Tensor.rows([[0, 0], [0, 1], [1, 0], [1, 1]])

    /// Checks an exercise.
    /// - Parameter exercise: The student's type (or a reference or a mistake, in the tests).
    public static func check<Exercise: XORExercise>(_ exercise: Exercise.Type) -> CheckReport {
        let student = Exercise()
        var session = CheckSession()
        session.check("forward(_:W:c:w:b:)", reread: info.section("Worked Example: The \"Exclusive OR (XOR)\" Function"),
                      passed: .init(en: "ŷ = max{0, XW + c}·w + b", es: "ŷ = max{0, XW + c}·w + b")) { f in
            // Parameters with negative pre-activations, so that the ReLU matters, and b ≠ 0.
            let x = Tensor.rows([[0, 0], [0, 1], [1, 0], [1, 1], [2, -1]])
            let (W, c, w, b) = (Tensor.rows([[1, -2], [0.5, 1]]), Tensor([0.5, -1], shape: [2], dtype: .float64), Tensor.column([2, -1]), 0.3)
            let got = try f.call { try student.forward(x, W: W, c: c, w: w, b: b) }
            let z = x.matmul(W) + c
            try f.expect(got, equals: z.relu().matmul(w) + b, quantity: .init(en: "ŷ", es: "ŷ"),
                         context: .init(en: "for 5 inputs with W = [[1, −2], [0.5, 1]], c = [0.5, −1], w = [2, −1], b = 0.3",
                                        es: "para 5 entradas con W = [[1, −2], [0.5, 1]], c = [0.5, −1], w = [2, −1], b = 0.3"),
                         mistakes: [(.activationMissing, z.matmul(w) + b), (.wrongActivation, z.sigmoid().matmul(w) + b),
                                    (.biasForgotten, x.matmul(W).relu().matmul(w) + b), (.biasForgotten, z.relu().matmul(w))])
        }
        session.check("lectureParameters()", reread: info.section("Worked Example: The \"Exclusive OR (XOR)\" Function"),
                      passed: .init(en: "they give (0, 1, 1, 0)", es: "dan (0, 1, 1, 0)"), after: ["forward(_:W:c:w:b:)"]) { f in
            let p = try f.call { try student.lectureParameters() }
            try f.require(p.W.shape == [2, 2] && p.c.shape == [2] && p.w.shape == [2, 1],
                          .init(en: "the shapes must be W [2, 2], c [2], w [2, 1]; got \(p.W.shape), \(p.c.shape), \(p.w.shape)",
                                es: "las formas deben ser W [2, 2], c [2], w [2, 1]; se obtuvo \(p.W.shape), \(p.c.shape), \(p.w.shape)"))
            let got = try f.call { try student.forward(xorInputs, W: p.W, c: p.c, w: p.w, b: p.b) }
            // What the lecture's network gives with c's sign flipped, or without c.
            let (lectureW, lectureW2) = (Tensor.rows([[1, 1], [1, 1]]), Tensor.column([1, -2]))
            func output(c: [Double]) -> Tensor {
                (xorInputs.matmul(lectureW) + Tensor(c, shape: [2], dtype: .float64)).relu().matmul(lectureW2)
            }
            try f.expect(got, equals: Tensor.column([0, 1, 1, 0]), quantity: .init(en: "XOR's prediction ŷ", es: "la predicción ŷ de XOR"),
                         context: .init(en: "on (0,0), (0,1), (1,0), (1,1)", es: "en (0,0), (0,1), (1,0), (1,1)"),
                         mistakes: [(.signFlipped, output(c: [0, 1])), (.biasForgotten, output(c: [0, 0]))])
        }
        var report = CheckReport(activity: info, findings: session.findings)
        guard session.allRight, let p = try? student.lectureParameters(),
              let y = try? student.forward(xorInputs, W: p.W, c: p.c, w: p.w, b: p.b) else { return report }
        let values = y.doubles.map { formatted($0) }.joined(separator: ", ")
        report.figure = .init(en: "ŷ = (\(values)) on (0,0), (0,1), (1,0), (1,1): exactly XOR, as in the lecture (a linear model can only give ½ everywhere: `samples xor`).",
                              es: "ŷ = (\(values)) en (0,0), (0,1), (1,0), (1,1): exactamente XOR, como en la lectura (un modelo lineal solo puede dar ½ en todas partes: `samples xor`).")
        return report
    }
}
