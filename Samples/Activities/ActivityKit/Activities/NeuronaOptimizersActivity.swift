import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers

/// Activity 6 (lecture 001, "Terminar el notebook 1.6_Neurona_RegresionLineal_NAG-ADAM"): activity
/// 5's methods inside a neuron: Neurona's (Keras's) Nesterov and Adam optimizers with the
/// lecture's settings, training activity 2's linear neuron on the house prices.
public protocol NeuronaOptimizersExercise {
    /// The exercise, ready to be checked.
    init()
    /// Nesterov's accelerated gradient with the lecture's momentum `η = 0.9`.
    /// - Parameter learningRate: `α`.
    func makeNesterov(learningRate: Double) throws -> any Optimizer
    /// Adam with the lecture's `η_v = 0.9` and `η_s = 0.999` (Keras's `beta_1`, `beta_2`).
    /// - Parameter learningRate: `α`.
    func makeAdam(learningRate: Double) throws -> any Optimizer
}

/// The checker of activity 6.
public enum NeuronaOptimizersActivity {
    /// The activity as lecture 001 states it.
    public static let info = ActivityInfo(
        number: 6, name: "neuron-nesterov-adam", lecture: "001",
        title: .init(en: "Finish the notebook 1.6_Neurona_RegresionLineal_NAG-ADAM", es: "Terminar el notebook 1.6_Neurona_RegresionLineal_NAG-ADAM"),
        task: .init(en: "Nesterov and Adam inside a neuron: Neurona's optimizers with the lecture's settings.",
                    es: "Nesterov y Adam dentro de una neurona: los optimizadores de Neurona con los valores de la lectura."),
        exerciseFile: "Activity06-NeuronNesterovAdam.swift", lectureArticle: "Optimizers")

    /// Checks an exercise.
    /// - Parameter exercise: The student's type (or a reference or a mistake, in the tests).
    public static func check<Exercise: NeuronaOptimizersExercise>(_ exercise: Exercise.Type) -> CheckReport {
        let student = Exercise()
        var session = CheckSession()
        func rate(_ optimizer: any Optimizer, _ f: FunctionCheck) throws {
            try f.require(optimizer.learningRate == 0.05, .init(
                en: "The optimizer's learning rate is \(formatted(optimizer.learningRate)), expected the α it was given, 0.0500.",
                es: "La tasa de aprendizaje del optimizador es \(formatted(optimizer.learningRate)), se esperaba la α recibida, 0.0500."))
        }
        session.check("makeNesterov(learningRate:)", reread: info.section("Nesterov Accelerated Gradient (NAG)"),
                      passed: .init(en: "SGD with momentum 0.9 and nesterov: true", es: "SGD con momentum 0.9 y nesterov: true")) { f in
            let optimizer = try f.call { try student.makeNesterov(learningRate: 0.05) }
            guard let sgd = optimizer as? SGD else {
                return try f.fail(.init(en: "The optimizer is \(optimizer.typeName); NAG is SGD(learningRate:momentum:nesterov:).",
                                        es: "El optimizador es \(optimizer.typeName); NAG es SGD(learningRate:momentum:nesterov:)."), mistake: nil)
            }
            try rate(sgd, f)
            try f.require(sgd.config.momentum > 0, .init(en: "The optimizer \(Mistake.momentumMissing.phrase.en): momentum is 0.",
                                                         es: "El optimizador \(Mistake.momentumMissing.phrase.es): momentum es 0."), mistake: .momentumMissing)
            try f.require(sgd.config.momentum == 0.9, .init(en: "The momentum is \(formatted(sgd.config.momentum)), the lecture's η is 0.9.",
                                                            es: "El momentum es \(formatted(sgd.config.momentum)), la η de la lectura es 0.9."))
            try f.require(sgd.config.nesterov, .init(en: "The optimizer \(Mistake.nesterovMissing.phrase.en).",
                                                     es: "El optimizador \(Mistake.nesterovMissing.phrase.es)."), mistake: .nesterovMissing)
        }
        session.check("makeAdam(learningRate:)", reread: info.section("Adaptive Moment Estimation (ADAM)"),
                      passed: .init(en: "Adam with beta1 = η_v = 0.9 and beta2 = η_s = 0.999", es: "Adam con beta1 = η_v = 0.9 y beta2 = η_s = 0.999")) { f in
            let optimizer = try f.call { try student.makeAdam(learningRate: 0.05) }
            guard let adam = optimizer as? Adam else {
                return try f.fail(.init(en: "The optimizer is \(optimizer.typeName); Adam is Adam(learningRate:beta1:beta2:).",
                                        es: "El optimizador es \(optimizer.typeName); Adam es Adam(learningRate:beta1:beta2:)."), mistake: nil)
            }
            try rate(adam, f)
            let betas = "beta1 = \(formatted(adam.config.beta1)), beta2 = \(formatted(adam.config.beta2))"
            try f.require(!(adam.config.beta1 == 0.999 && adam.config.beta2 == 0.9), .init(
                en: "The optimizer \(Mistake.decaySwapped.phrase.en): \(betas); η_v = 0.9 averages g, η_s = 0.999 averages g∘g.",
                es: "El optimizador \(Mistake.decaySwapped.phrase.es): \(betas); η_v = 0.9 promedia g, η_s = 0.999 promedia g∘g."), mistake: .decaySwapped)
            try f.require(adam.config.beta1 == 0.9 && adam.config.beta2 == 0.999, .init(
                en: "The lecture's Adam has beta1 = 0.9, beta2 = 0.999; yours has \(betas).", es: "El Adam de la lectura tiene beta1 = 0.9, beta2 = 0.999; el tuyo tiene \(betas)."))
        }
        var report = CheckReport(activity: info, findings: session.findings)
        guard session.allRight else { return report }
        do {
            let houses = try HousePrices()
            var lines: [(String, (slope: Double, intercept: Double))] = []
            for (name, optimizer, steps) in [("NAG", try student.makeNesterov(learningRate: 0.05), 300), ("Adam", try student.makeAdam(learningRate: 0.05), 3000)] {
                let neuron = Dense(units: 1)
                try neuron.build(inputShape: [1], seed: 42)
                neuron.convertParameters(to: .float64)
                let parameters = neuron.namedParameters(), loss = MeanSquaredError()
                for step in 0..<steps {
                    // Adam settles when its rate shrinks as 1/√t (see activity 5).
                    if name == "Adam" { optimizer.learningRate = 0.05 / Double(step + 1).squareRoot() }
                    try loss(neuron(Variable(houses.inputs)), houses.targets).backward()
                    optimizer.step(parameters)
                    optimizer.zeroGrad(parameters)
                }
                lines.append((name, houses.line(weight: neuron.weight!.value.item, bias: neuron.bias!.value.item)))
            }
            report.record(line: lines[0].1, houses: houses, cost: nil, how: .init(en: "300 steps of your NAG optimizer (α = 0.05) training a Dense(1) neuron",
                                                                                   es: "300 pasos de tu optimizador NAG (α = 0.05) entrenando una neurona Dense(1)"))
            report.record(line: lines[1].1, houses: houses, cost: nil,
                          how: .init(en: "3000 steps of your Adam (α = 0.05/√t)", es: "3000 pasos de tu Adam (α = 0.05/√t)"), tolerance: .adam)
        } catch {
            report.figureProblem = Finding(.wrong, function: "figure", message: .init(
                en: "training the neuron with your optimizers failed: \(error)", es: "el entrenamiento de la neurona con tus optimizadores falló: \(error)"))
        }
        return report
    }
}
