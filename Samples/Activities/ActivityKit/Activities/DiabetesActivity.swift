import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaMetrics
import NeuronaOptimizers
import NeuronaTraining

/// Activity 12 (lecture 000, the notebook icncd_clase3_ejemploRN_diabetes): a small network on
/// scikit-learn's diabetes data (442 patients, 10 features, the disease's progression a year
/// later), Keras style. The checker reads the model, trains it as the `diabetes` sample does and
/// reports its test R².
public protocol DiabetesExercise {
    /// The exercise, ready to be checked.
    init()
    /// The network, compiled: 10 standardized features in, the standardized progression out.
    /// - Parameter seed: Seeds its initial weights.
    func makeModel(seed: UInt64) throws -> Model
}

/// The checker of activity 12.
public enum DiabetesActivity {
    /// The activity as lecture 000 states it.
    public static let info = ActivityInfo(
        number: 12, name: "diabetes", lecture: "000",
        title: .init(en: "The example notebook icncd_clase3_ejemploRN_diabetes", es: "El notebook de ejemplo icncd_clase3_ejemploRN_diabetes"),
        task: .init(en: "A small network that predicts the diabetes progression: layers, output and loss of a regression.",
                    es: "Una red pequeña que predice la progresión de la diabetes: capas, salida y pérdida de una regresión."),
        exerciseFile: "Activity12-Diabetes.swift", lectureArticle: "Classification")

    static let regressionLosses = [MeanSquaredError.typeName, MeanAbsoluteError.typeName, Huber.typeName]

    /// Checks an exercise.
    /// - Parameters:
    ///   - exercise: The student's type (or a reference or a mistake, in the tests).
    ///   - options: `quick` trains fewer epochs for the figure.
    public static func check<Exercise: DiabetesExercise>(_ exercise: Exercise.Type, options: CheckOptions = .init()) -> CheckReport {
        let student = Exercise()
        var session = CheckSession()
        session.check("makeModel(seed:)", reread: info.section("Otro ejemplo"),
                      passed: .init(en: "hidden layers with an activation, one linear output, a regression loss",
                                    es: "capas ocultas con activación, una salida lineal, una pérdida de regresión")) { f in
            let model = try f.call { try student.makeModel(seed: 42) }
            let dense = model.denseConfigs
            guard let output = dense.last else {
                return try f.fail(.init(en: "The model has no Dense layer.", es: "El modelo no tiene capa Dense."), mistake: nil)
            }
            try f.require(output.units == 1, .init(
                en: "The output layer \(Mistake.wrongUnits.phrase.en): \(output.units), where one number, the progression, is predicted.",
                es: "La capa de salida \(Mistake.wrongUnits.phrase.es): \(output.units), donde se predice un número, la progresión."), mistake: .wrongUnits)
            try f.require(output.activation == .linear, .init(
                en: "The output layer \(Mistake.wrongActivation.phrase.en): \(output.activation.name) bounds the output, but the standardized progression ranges freely (−2 to 3); a regression's output is linear.",
                es: "La capa de salida \(Mistake.wrongActivation.phrase.es): \(output.activation.name) acota la salida, pero la progresión estandarizada varía libremente (−2 a 3); la salida de una regresión es lineal."),
                mistake: .wrongActivation)
            try f.require(dense.dropLast().contains { $0.activation != .linear }, .init(
                en: "The model \(Mistake.hiddenLayerMissing.phrase.en) (\(describeLayers(dense))): the notebook's network has a hidden layer with an activation.",
                es: "El modelo \(Mistake.hiddenLayerMissing.phrase.es) (\(describeLayers(dense))): la red del notebook tiene una capa oculta con activación."),
                mistake: .hiddenLayerMissing)
            guard let loss = model.loss, model.optimizer != nil else {
                return try f.fail(.init(en: "The model is not compiled: call model.compile(optimizer:loss:).",
                                        es: "El modelo no está compilado: llama a model.compile(optimizer:loss:)."), mistake: nil)
            }
            try f.require(regressionLosses.contains(loss.typeName), .init(
                en: "The loss \(loss.typeName) \(Mistake.wrongLoss.phrase.en): the progression is a number, a regression (mean_squared_error).",
                es: "La pérdida \(loss.typeName) \(Mistake.wrongLoss.phrase.es): la progresión es un número, una regresión (mean_squared_error)."),
                mistake: .wrongLoss)
        }
        var report = CheckReport(activity: info, findings: session.findings)
        guard session.allRight else { return report }
        do {
            // The diabetes sample's data: a seeded 80/20 split, features and target standardized
            // by the training part; R² in the original units.
            let table = try BundledDatasets.diabetes()
            var split = try trainTestSplit(table.features, table.targets, testFraction: 0.2, seed: 42)
            var scaler = StandardScaler()
            split.trainInputs = scaler.fitTransform(split.trainInputs)
            split.testInputs = scaler.transform(split.testInputs)
            let (mean, deviation) = (split.trainTargets.mean().item, split.trainTargets.standardDeviation().item)
            let model = try student.makeModel(seed: 42)
            let epochs = options.quick ? 30 : 200
            try model.fit(x: split.trainInputs, y: ((split.trainTargets - mean) / deviation).reshaped([-1, 1]), epochs: epochs, batchSize: 32, verbose: .silent)
            let predictions = try model.predict(split.testInputs).reshaped([-1]) * deviation + mean
            let r2 = R2Score()(predictions, split.testTargets)
            let how = LocalizedText(en: "\(epochs) epochs of your model (\(describeLayers(model.denseConfigs))) on 353 patients",
                                    es: "\(epochs) épocas de tu modelo (\(describeLayers(model.denseConfigs))) sobre 353 pacientes")
            // The sample's network and its linear baseline both explain about half the variance
            // (R² ≈ 0.45–0.5); 0.3 leaves room for another reasonable network and fewer epochs.
            if r2 >= 0.3 {
                report.figure = .init(en: "test R² = \(formatted(r2)) after \(how.en) (89 held out); the diabetes sample's network and a single linear neuron both explain about half the variance: the signal is mostly linear.",
                                      es: "R² de prueba = \(formatted(r2)) tras \(how.es) (89 apartados); la red del ejemplo diabetes y una sola neurona lineal explican cerca de la mitad de la varianza: la señal es casi lineal.")
            } else {
                report.figureProblem = Finding(.wrong, function: "figure", message: .init(
                    en: "test R² = \(formatted(r2)) after \(how.en), below 0.3: try a smaller learning rate or fewer units",
                    es: "R² de prueba = \(formatted(r2)) tras \(how.es), por debajo de 0.3: prueba una tasa de aprendizaje menor o menos unidades"))
            }
        } catch {
            report.figureProblem = Finding(.wrong, function: "figure", message: .init(
                en: "training your model failed: \(error)", es: "el entrenamiento de tu modelo falló: \(error)"))
        }
        return report
    }
}
