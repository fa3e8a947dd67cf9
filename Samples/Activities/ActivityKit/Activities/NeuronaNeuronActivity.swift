import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers

/// Activities 2 and 4 (lecture 001, "Terminar el notebook 1.2_Neurona_RegresionLineal" and
/// "1.4_Neurona_RegresionLogistica"): the same regressions as activities 1 and 3, now as one
/// neuron built from Neurona's pieces: a `Dense` unit, a loss, an optimizer, autograd.
public protocol NeuronaNeuronExercise {
    /// The exercise, ready to be checked.
    init()
    /// The neuron `ŷ = σ(wᵀx + b)`: one `Dense` unit with the task's activation.
    func makeNeuron() throws -> Dense
    /// The cost the lecture minimizes for the task.
    func makeLoss() throws -> any Loss
    /// One step of gradient descent: the forward pass, the cost, `backward()`, the optimizer's
    /// step, and the gradients set back to zero.
    /// - Parameters:
    ///   - neuron: The neuron, built.
    ///   - loss: The cost.
    ///   - optimizer: The optimizer (SGD).
    ///   - inputs: `X`, `[m, n]`.
    ///   - targets: `y`, `[m, 1]`.
    /// - Returns: The cost before the update.
    func trainingStep(neuron: Dense, loss: any Loss, optimizer: any Optimizer, inputs: Tensor, targets: Tensor) throws -> Double
}

/// The checker of activities 2 and 4.
public enum NeuronaNeuronActivity {
    /// Which regression the neuron does.
    public enum Task: Sendable {
        /// Activity 2: no activation, mean squared error, lecture 004's house prices.
        case linearRegression
        /// Activity 4: the sigmoid, binary cross-entropy, Breast Cancer Wisconsin.
        case logisticRegression

        var activation: ActivationFunction { self == .linearRegression ? .linear : .sigmoid }
        var lossName: String { self == .linearRegression ? MeanSquaredError.typeName : BinaryCrossentropy.typeName }
        func makeLoss() -> any Loss { self == .linearRegression ? MeanSquaredError() : BinaryCrossentropy() }
    }

    /// Activity 2 as lecture 001 states it.
    public static let linearInfo = ActivityInfo(
        number: 2, name: "linear-neuron", lecture: "001",
        title: .init(en: "Finish the notebook 1.2_Neurona_RegresionLineal", es: "Terminar el notebook 1.2_Neurona_RegresionLineal"),
        task: .init(en: "Linear regression as one neuron of Neurona: a Dense unit, the MSE loss and the training step.",
                    es: "La regresión lineal como una neurona de Neurona: una unidad Dense, la pérdida MSE y el paso de entrenamiento."),
        exerciseFile: "Activity02-LinearNeuron.swift", lectureArticle: "LinearRegression")

    /// Activity 4 as lecture 001 states it.
    public static let logisticInfo = ActivityInfo(
        number: 4, name: "logistic-neuron", lecture: "001",
        title: .init(en: "Finish the notebook 1.4_Neurona_RegresionLogistica", es: "Terminar el notebook 1.4_Neurona_RegresionLogistica"),
        task: .init(en: "Logistic regression as one neuron of Neurona: a sigmoid Dense unit, binary cross-entropy and the training step.",
                    es: "La regresión logística como una neurona de Neurona: una unidad Dense sigmoide, entropía cruzada binaria y el paso de entrenamiento."),
        exerciseFile: "Activity04-LogisticNeuron.swift", lectureArticle: "LogisticRegression")

    /// The activity of a task.
    /// - Parameter task: The regression.
    public static func info(_ task: Task) -> ActivityInfo { task == .linearRegression ? linearInfo : logisticInfo }

    /// A float64 neuron with set weights, for the training-step cases.
    static func neuron(_ task: Task, weights: [Double], bias: Double) throws -> Dense {
        let neuron = Dense(units: 1, activation: task.activation)
        try neuron.build(inputShape: [weights.count], seed: 0)
        neuron.convertParameters(to: .float64)
        try neuron.loadWeights(["weight": Tensor(weights, shape: [weights.count, 1], dtype: .float64),
                                "bias": Tensor([bias], shape: [1], dtype: .float64)])
        return neuron
    }

    /// Two steps of SGD on `neuron`, optionally with the typical mistakes; the returned costs and
    /// the parameters after them.
    static func twoSteps(_ neuron: Dense, _ loss: any Loss, _ x: Tensor, _ y: Tensor, zeroGrad: Bool = true, step: Bool = true,
                         costAfter: Bool = false) throws -> (costs: [Double], parameters: [Double]) {
        let sgd = SGD(learningRate: 0.1), parameters = neuron.namedParameters()
        var costs: [Double] = []
        for _ in 0..<2 {
            let value = loss(neuron(Variable(x)), y)
            try value.backward()
            if step { sgd.step(parameters) }
            if zeroGrad { sgd.zeroGrad(parameters) }
            costs.append(costAfter ? withNoGrad { loss(neuron(Variable(x)), y).value.item } : value.value.item)
        }
        return (costs, parameters.flatMap { $0.variable.value.doubles })
    }

    /// Checks an exercise.
    /// - Parameters:
    ///   - exercise: The student's type (or a reference or a mistake, in the tests).
    ///   - task: Activity 2's linear regression or activity 4's logistic regression.
    ///   - options: `quick` trains fewer steps for the figure.
    public static func check<Exercise: NeuronaNeuronExercise>(_ exercise: Exercise.Type, task: Task, options: CheckOptions = .init()) -> CheckReport {
        let info = info(task), student = Exercise()
        var session = CheckSession()
        let activationName = task == .linearRegression ? "linear" : "sigmoid"
        session.check("makeNeuron()", reread: info.section("Neurona simple"),
                      passed: .init(en: "one Dense unit, \(activationName) activation, with a bias", es: "una unidad Dense, activación \(activationName), con sesgo")) { f in
            let config = try f.call { try student.makeNeuron() }.config
            try f.require(config.units == 1, .init(en: "The neuron \(Mistake.wrongUnits.phrase.en): \(config.units), expected 1: one neuron, one output.",
                                                   es: "La neurona \(Mistake.wrongUnits.phrase.es): \(config.units), se esperaba 1: una neurona, una salida."), mistake: .wrongUnits)
            let mistake: Mistake = task == .linearRegression ? .wrongActivation : .activationMissing
            try f.require(config.activation == task.activation, .init(
                en: "The neuron's activation is \(config.activation.name), expected \(activationName): it \(mistake.phrase.en).",
                es: "La activación de la neurona es \(config.activation.name), se esperaba \(activationName): \(mistake.phrase.es)."), mistake: mistake)
            try f.require(config.useBias, .init(en: "The neuron \(Mistake.biasForgotten.phrase.en): useBias is false.",
                                                es: "La neurona \(Mistake.biasForgotten.phrase.es): useBias es false."), mistake: .biasForgotten)
        }
        session.check("makeLoss()", reread: info.section(task == .linearRegression ? "Regresión Lineal: neurona" : "Regresión Logística: neurona"),
                      passed: .init(en: task.lossName, es: task.lossName)) { f in
            let loss = try f.call { try student.makeLoss() }
            try f.require(loss.typeName == task.lossName, .init(
                en: "The loss \(loss.typeName) \(Mistake.wrongLoss.phrase.en): the lecture minimizes \(task.lossName).",
                es: "La pérdida \(loss.typeName) \(Mistake.wrongLoss.phrase.es): la lectura minimiza \(task.lossName)."), mistake: .wrongLoss)
        }
        session.check("trainingStep(neuron:loss:optimizer:inputs:targets:)", reread: info.section("Descenso de gradiente"),
                      passed: .init(en: "forward, cost, backward, step, zeroGrad: right on two steps in a row",
                                    es: "forward, costo, backward, paso, zeroGrad: correcto en dos pasos seguidos")) { f in
            let x = Tensor.rows([[1, -2], [0.5, 3], [-1, 1], [2, 0]])
            let y = task == .linearRegression ? Tensor.column([1, -2, 0.5, 3]) : Tensor.column([1, 0, 0, 1])
            let (w, b) = ([0.3, -0.7], 0.2)
            let theirs = try neuron(task, weights: w, bias: b), optimizer = SGD(learningRate: 0.1)
            var costs: [Double] = []
            for _ in 0..<2 {
                costs.append(try f.call { try student.trainingStep(neuron: theirs, loss: task.makeLoss(), optimizer: optimizer, inputs: x, targets: y) })
            }
            let got = theirs.namedParameters().flatMap { $0.variable.value.doubles }
            func variant(zeroGrad: Bool = true, step: Bool = true, costAfter: Bool = false) throws -> (costs: [Double], parameters: [Double]) {
                try twoSteps(neuron(task, weights: w, bias: b), task.makeLoss(), x, y, zeroGrad: zeroGrad, step: step, costAfter: costAfter)
            }
            let right = try variant()
            let context = LocalizedText(en: "after two steps of SGD (α = 0.1) on a 4-example batch from w = [0.3, −0.7], b = 0.2",
                                        es: "tras dos pasos de SGD (α = 0.1) sobre un lote de 4 ejemplos desde w = [0.3, −0.7], b = 0.2")
            try f.expect(got, equals: right.parameters, quantity: .init(en: "the parameters [w1, w2, b]", es: "los parámetros [w1, w2, b]"),
                         context: context, mistakes: [(.zeroGradMissing, try variant(zeroGrad: false).parameters),
                                                      (.optimizerStepMissing, try variant(step: false).parameters)])
            try f.expect(costs, equals: right.costs, quantity: .init(en: "the returned costs", es: "los costos devueltos"), context: .init(
                en: "(the cost before each update) \(context.en)", es: "(el costo antes de cada actualización) \(context.es)"))
        }
        var report = CheckReport(activity: info, findings: session.findings)
        guard session.allRight else { return report }
        do {
            let neuron = try student.makeNeuron(), loss = try student.makeLoss(), sgd = SGD(learningRate: 0.1)
            switch task {
            case .linearRegression:
                let houses = try HousePrices()
                try neuron.build(inputShape: [1], seed: 42)
                neuron.convertParameters(to: .float64)
                var cost = 0.0
                for _ in 0..<500 {
                    cost = try student.trainingStep(neuron: neuron, loss: loss, optimizer: sgd, inputs: houses.inputs, targets: houses.targets)
                }
                report.record(line: houses.line(weight: neuron.weight!.value.item, bias: neuron.bias!.value.item), houses: houses, cost: cost,
                              how: .init(en: "500 of your training steps (SGD, α = 0.1) on the 7 standardized houses",
                                         es: "500 de tus pasos de entrenamiento (SGD, α = 0.1) sobre las 7 casas estandarizadas"))
            case .logisticRegression:
                let data = try BreastCancer()
                try neuron.build(inputShape: [30], seed: 42)
                neuron.convertParameters(to: .float64)
                let steps = options.quick ? 100 : 1000
                var cost = 0.0
                for _ in 0..<steps {
                    cost = try student.trainingStep(neuron: neuron, loss: loss, optimizer: sgd, inputs: data.trainInputs, targets: data.trainTargets)
                }
                let probabilities = withNoGrad { neuron(Variable(data.testInputs)).value }
                report.record(accuracy: BreastCancer.accuracy(probabilities, data.testTargets), atLeast: 0.95, cost: cost,
                              how: .init(en: "\(steps) of your training steps (SGD, α = 0.1) on Breast Cancer Wisconsin (426 training tumours, 143 test)",
                                         es: "\(steps) de tus pasos de entrenamiento (SGD, α = 0.1) sobre Breast Cancer Wisconsin (426 tumores de entrenamiento, 143 de prueba)"),
                              lecture: .init(en: "the logistic-regression sample reaches at least 0.95 on this split",
                                             es: "el ejemplo logistic-regression llega al menos a 0.95 en esta partición"))
            }
        } catch {
            report.figureProblem = Finding(.wrong, function: "figure", message: .init(
                en: "training your neuron failed: \(error)", es: "el entrenamiento de tu neurona falló: \(error)"))
        }
        return report
    }
}
