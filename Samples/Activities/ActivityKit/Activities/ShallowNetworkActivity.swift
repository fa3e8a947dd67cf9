import NeuronaAutograd
import NeuronaCore
import NeuronaData

/// The four parameters of a shallow network (or their gradients, shaped the same):
/// `W1 [n0, n1]`, `b1 [1, n1]`, `W2 [n1, 1]`, `b2 [1, 1]`.
public struct ShallowParameters {
    /// `W⁽¹⁾`, `[n0, n1]`.
    public var w1: Tensor
    /// `b⁽¹⁾`, `[1, n1]`.
    public var b1: Tensor
    /// `W⁽²⁾`, `[n1, 1]`.
    public var w2: Tensor
    /// `b⁽²⁾`, `[1, 1]`.
    public var b2: Tensor

    /// Parameters (or gradients).
    /// - Parameters:
    ///   - w1: `W⁽¹⁾`.
    ///   - b1: `b⁽¹⁾`.
    ///   - w2: `W⁽²⁾`.
    ///   - b2: `b⁽²⁾`.
    public init(w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) {
        self.w1 = w1
        self.b1 = b1
        self.w2 = w2
        self.b2 = b2
    }
}

/// What the forward pass computes, kept for the backward pass.
public struct ShallowForward {
    /// `Z⁽¹⁾ = A⁽⁰⁾·W⁽¹⁾ + b⁽¹⁾`, `[m, n1]`.
    public var z1: Tensor
    /// `A⁽¹⁾ = tanh(Z⁽¹⁾)`.
    public var a1: Tensor
    /// `Z⁽²⁾ = A⁽¹⁾·W⁽²⁾ + b⁽²⁾`, `[m, 1]`.
    public var z2: Tensor
    /// `A⁽²⁾ = σ(Z⁽²⁾)`, the predicted probabilities.
    public var a2: Tensor

    /// The forward pass's values.
    /// - Parameters:
    ///   - z1: `Z⁽¹⁾`.
    ///   - a1: `A⁽¹⁾`.
    ///   - z2: `Z⁽²⁾`.
    ///   - a2: `A⁽²⁾`.
    public init(z1: Tensor, a1: Tensor, z2: Tensor, a2: Tensor) {
        self.z1 = z1
        self.a1 = a1
        self.z2 = z2
        self.a2 = a2
    }
}

/// Activity 8 (lecture 001, "Terminar el notebook 1.7_shallowNN"): the lecture's shallow network
/// for binary classification, `g⁽¹⁾ = tanh`, `g⁽²⁾ = σ`, binary cross-entropy, written by hand: the
/// forward pass and the backward pass. The checker then trains it with plain gradient descent on
/// the bundled handwritten digits (8×8 pixels; is it a 3 or an 8?) and reports the test accuracy.
///
/// One example a row (Keras's and Neurona's layout; the lecture writes the transpose):
/// `A⁽⁰⁾ = X` is `[m, n0]`, `Y` is `[m, 1]`.
public protocol ShallowNetworkExercise {
    /// The exercise, ready to be checked.
    init()
    /// The forward pass: `Z⁽¹⁾ = X·W⁽¹⁾ + b⁽¹⁾`, `A⁽¹⁾ = tanh(Z⁽¹⁾)`, `Z⁽²⁾ = A⁽¹⁾·W⁽²⁾ + b⁽²⁾`, `A⁽²⁾ = σ(Z⁽²⁾)`.
    /// - Parameters:
    ///   - inputs: `X`, `[m, n0]`.
    ///   - parameters: The network's parameters.
    func forward(_ inputs: Tensor, _ parameters: ShallowParameters) throws -> ShallowForward
    /// The backward pass: the gradients of `J = −(1/m) Σ [y log a⁽²⁾ + (1 − y) log(1 − a⁽²⁾)]`
    /// with respect to each parameter, from the forward pass's values.
    /// - Parameters:
    ///   - inputs: `X`, `[m, n0]`.
    ///   - targets: `Y`, `[m, 1]`, 0 or 1.
    ///   - parameters: The network's parameters.
    ///   - forward: What ``forward(_:_:)`` computed for these inputs.
    func backward(_ inputs: Tensor, targets: Tensor, _ parameters: ShallowParameters, _ forward: ShallowForward) throws -> ShallowParameters
}

/// The checker of activity 8.
public enum ShallowNetworkActivity {
    /// The activity as lecture 001 states it.
    public static let info = ActivityInfo(
        number: 8, name: "shallow-network", lecture: "001",
        title: .init(en: "Finish the notebook 1.7_shallowNN", es: "Terminar el notebook 1.7_shallowNN"),
        task: .init(en: "A shallow network (tanh hidden layer, sigmoid output) by hand: its forward and backward pass.",
                    es: "Una red poco profunda (capa oculta tanh, salida sigmoide) a mano: su paso hacia adelante y hacia atrás."),
        exerciseFile: "Activity08-ShallowNetwork.swift", lectureArticle: "ShallowNetwork")

    /// A small case: 5 examples, 3 inputs, 4 hidden units, every parameter nonzero.
    static func smallCase() -> (x: Tensor, y: Tensor, p: ShallowParameters) {
        var generator = RandomGenerator(seed: 8)
        let x = Tensor.normal([5, 3], using: &generator).converted(to: .float64)
        let p = ShallowParameters(w1: Tensor.normal([3, 4], using: &generator).converted(to: .float64),
                                  b1: Tensor.normal([1, 4], using: &generator).converted(to: .float64),
                                  w2: Tensor.normal([4, 1], using: &generator).converted(to: .float64),
                                  b2: Tensor([0.2], shape: [1, 1], dtype: .float64))
        return (x, .column([1, 0, 1, 1, 0]), p)
    }

    /// The forward pass with a chosen hidden activation (tanh is right).
    static func forward(_ x: Tensor, _ p: ShallowParameters, hidden: (Tensor) -> Tensor = { $0.tanh() }, addBias: Bool = true) -> ShallowForward {
        let z1 = x.matmul(p.w1) + (addBias ? p.b1 : p.b1 * 0), a1 = hidden(z1)
        let z2 = a1.matmul(p.w2) + (addBias ? p.b2 : p.b2 * 0)
        return ShallowForward(z1: z1, a1: a1, z2: z2, a2: z2.sigmoid())
    }

    /// The gradients by autograd.
    static func gradients(_ x: Tensor, _ y: Tensor, _ p: ShallowParameters) throws -> ShallowParameters {
        let g = try Autodiff.gradients(at: [p.w1, p.b1, p.w2, p.b2]) { v in
            let a2 = ((Variable(x).matmul(v[0]) + v[1]).tanh().matmul(v[2]) + v[3]).sigmoid()
            let target = Variable(y)
            return ((target * a2.log()) + ((1 - target) * (1 - a2).log())).mean() * -1
        }.gradients
        return ShallowParameters(w1: g[0], b1: g[1], w2: g[2], b2: g[3])
    }

    /// Checks an exercise.
    /// - Parameters:
    ///   - exercise: The student's type (or a reference or a mistake, in the tests).
    ///   - options: `quick` trains fewer steps for the figure.
    public static func check<Exercise: ShallowNetworkExercise>(_ exercise: Exercise.Type, options: CheckOptions = .init()) -> CheckReport {
        let student = Exercise()
        var session = CheckSession()
        let (x, y, p) = smallCase()
        let context = LocalizedText(en: "for this 5-example batch (3 inputs, 4 hidden units)", es: "en este lote de 5 ejemplos (3 entradas, 4 unidades ocultas)")
        session.check("forward(_:_:)", reread: info.section("Neural Network: notación"),
                      passed: .init(en: "Z⁽¹⁾, A⁽¹⁾ = tanh(Z⁽¹⁾), Z⁽²⁾, A⁽²⁾ = σ(Z⁽²⁾)", es: "Z⁽¹⁾, A⁽¹⁾ = tanh(Z⁽¹⁾), Z⁽²⁾, A⁽²⁾ = σ(Z⁽²⁾)")) { f in
            let got = try f.call { try student.forward(x, p) }
            let right = forward(x, p), noBias = forward(x, p, addBias: false)
            let sigmoidHidden = forward(x, p, hidden: { $0.sigmoid() }), linearHidden = forward(x, p, hidden: { $0 })
            try f.expect(got.z1, equals: right.z1, quantity: .init(en: "Z⁽¹⁾", es: "Z⁽¹⁾"), context: context, mistakes: [(.biasForgotten, noBias.z1)])
            try f.expect(got.a1, equals: right.a1, quantity: .init(en: "A⁽¹⁾ = tanh(Z⁽¹⁾)", es: "A⁽¹⁾ = tanh(Z⁽¹⁾)"), context: context,
                         mistakes: [(.wrongActivation, sigmoidHidden.a1), (.activationMissing, linearHidden.a1), (.biasForgotten, noBias.a1)])
            try f.expect(got.z2, equals: right.z2, quantity: .init(en: "Z⁽²⁾", es: "Z⁽²⁾"), context: context, mistakes: [(.biasForgotten, noBias.z2)])
            try f.expect(got.a2, equals: right.a2, quantity: .init(en: "A⁽²⁾ = σ(Z⁽²⁾)", es: "A⁽²⁾ = σ(Z⁽²⁾)"), context: context,
                         mistakes: [(.wrongActivation, right.z2.tanh()), (.activationMissing, right.z2), (.biasForgotten, noBias.a2)])
        }
        session.check("backward(_:targets:_:_:)", reread: info.section("Neural Network: ejercicio (clasificación binaria)"),
                      passed: .init(en: "∂J/∂W⁽¹⁾, ∂J/∂b⁽¹⁾, ∂J/∂W⁽²⁾, ∂J/∂b⁽²⁾ equal autograd's", es: "∂J/∂W⁽¹⁾, ∂J/∂b⁽¹⁾, ∂J/∂W⁽²⁾, ∂J/∂b⁽²⁾ iguales a los de autograd")) { f in
            let fwd = forward(x, p)
            let got = try f.call { try student.backward(x, targets: y, p, fwd) }
            let right = try gradients(x, y, p)
            // What the typical mistakes give, written as a student's backward pass would.
            let m = Double(x.shape[0])
            let dZ2 = (fwd.a2 - y) / m, dA1 = dZ2.matmul(p.w2.T)
            let sigmoidPrime = dA1 * fwd.a1 * (1 - fwd.a1), noPrime = dA1
            try f.expect(got.w2, equals: right.w2, quantity: .init(en: "∂J/∂W⁽²⁾", es: "∂J/∂W⁽²⁾"), context: context,
                         mistakes: [(.signFlipped, right.w2 * -1), (.missingOneOverM, right.w2 * m), (.extraOneOverM, right.w2 / m)])
            try f.expect(got.b2, equals: right.b2, quantity: .init(en: "∂J/∂b⁽²⁾", es: "∂J/∂b⁽²⁾"), context: context,
                         mistakes: [(.signFlipped, right.b2 * -1), (.missingOneOverM, right.b2 * m), (.biasGradientNotSummed, dZ2)])
            try f.expect(got.w1, equals: right.w1, quantity: .init(en: "∂J/∂W⁽¹⁾", es: "∂J/∂W⁽¹⁾"), context: context,
                         mistakes: [(.wrongActivationDerivative, x.T.matmul(sigmoidPrime)), (.activationDerivativeMissing, x.T.matmul(noPrime)),
                                    (.signFlipped, right.w1 * -1), (.missingOneOverM, right.w1 * m)])
            try f.expect(got.b1, equals: right.b1, quantity: .init(en: "∂J/∂b⁽¹⁾", es: "∂J/∂b⁽¹⁾"), context: context,
                         mistakes: [(.wrongActivationDerivative, sigmoidPrime.sum(axes: [0], keepDims: true)),
                                    (.activationDerivativeMissing, noPrime.sum(axes: [0], keepDims: true)),
                                    (.biasGradientNotSummed, dA1 * (1 - fwd.a1.squared())), (.signFlipped, right.b1 * -1)])
        }
        var report = CheckReport(activity: info, findings: session.findings)
        guard session.allRight else { return report }
        do {
            let data = try DigitsThreeOrEight()
            var generator = RandomGenerator(seed: 42)
            let hidden = 16
            var parameters = ShallowParameters(
                w1: (Tensor.normal([64, hidden], using: &generator) * 0.1).converted(to: .float64), b1: Tensor.zeros([1, hidden], dtype: .float64),
                w2: (Tensor.normal([hidden, 1], using: &generator) * 0.1).converted(to: .float64), b2: Tensor.zeros([1, 1], dtype: .float64))
            let steps = options.quick ? 100 : 500, alpha = 0.5
            for _ in 0..<steps {
                let fwd = try student.forward(data.trainInputs, parameters)
                let g = try student.backward(data.trainInputs, targets: data.trainTargets, parameters, fwd)
                parameters = ShallowParameters(w1: parameters.w1 - g.w1 * alpha, b1: parameters.b1 - g.b1 * alpha,
                                               w2: parameters.w2 - g.w2 * alpha, b2: parameters.b2 - g.b2 * alpha)
            }
            let accuracy = BreastCancer.accuracy(try student.forward(data.testInputs, parameters).a2, data.testTargets)
            // The reference passes reach 1.0 on the 90 held-out digits after 100 steps already
            // (each digit is 0.011); 0.9 leaves room for another initialization of the same math.
            report.record(accuracy: accuracy, atLeast: 0.9, cost: nil,
                          how: .init(en: "\(steps) steps of gradient descent (α = 0.5) with your forward and backward passes, 64 → \(hidden) tanh → 1 sigmoid, on \(data.trainInputs.shape[0]) handwritten 3s and 8s (\(data.testInputs.shape[0]) held out)",
                                     es: "\(steps) pasos de descenso de gradiente (α = 0.5) con tus pasos hacia adelante y hacia atrás, 64 → \(hidden) tanh → 1 sigmoide, sobre \(data.trainInputs.shape[0]) treses y ochos manuscritos (\(data.testInputs.shape[0]) apartados)"),
                          lecture: .init(en: "the lecture's 784 → 128 → 10 network reaches 0.9758 on MNIST (`samples shallow-mnist`)",
                                         es: "la red 784 → 128 → 10 de la lectura llega a 0.9758 en MNIST (`samples shallow-mnist`)"))
        } catch {
            report.figureProblem = Finding(.wrong, function: "figure", message: .init(
                en: "training on the digits failed: \(error)", es: "el entrenamiento con los dígitos falló: \(error)"))
        }
        return report
    }
}

/// The bundled handwritten digits (scikit-learn's, 8×8 pixels of 0–16), only the 3s and 8s,
/// pixels divided by 16, target 1 for an 8; a stratified 75/25 split with seed 42, float64.
struct DigitsThreeOrEight {
    let trainInputs: Tensor, trainTargets: Tensor, testInputs: Tensor, testTargets: Tensor

    init() throws {
        let table = try BundledDatasets.digits(dtype: .float64)
        let digits = table.targets.doubles
        let rows = digits.indices.filter { digits[$0] == 3 || digits[$0] == 8 }
        let inputs = table.features.indexSelect(Tensor(rows.map(Int64.init), shape: [rows.count])).converted(to: .float64) / 16
        let targets = Tensor(rows.map { digits[$0] == 8 ? 1.0 : 0.0 }, shape: [rows.count], dtype: .int64)
        let split = try trainTestSplit(inputs, targets, testFraction: 0.25, stratify: true, seed: 42)
        trainInputs = split.trainInputs.converted(to: .float64)
        testInputs = split.testInputs.converted(to: .float64)
        trainTargets = split.trainTargets.converted(to: .float64).reshaped([-1, 1])
        testTargets = split.testTargets.converted(to: .float64).reshaped([-1, 1])
    }
}
