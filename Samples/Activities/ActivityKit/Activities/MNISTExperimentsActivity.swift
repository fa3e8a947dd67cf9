import Foundation
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaMetrics
import NeuronaOptimizers
import NeuronaTraining

/// Activity 9 (lecture 001, "Jugar con el notebook 1.11_FNN_MNIST_SOLUCION"): playing with a
/// finished MNIST network's depth and width, as two guided questions: count a network's
/// parameters by hand, and propose a deeper network no bigger than the lecture's. The checker
/// trains the lecture's network and the student's side by side.
public protocol MNISTExperimentsExercise {
    /// The exercise, ready to be checked.
    init()
    /// The number of parameters (weights and biases) of a dense network 784 → hidden… → 10.
    /// - Parameter hiddenLayers: The units of each hidden layer.
    func parameterCount(hiddenLayers: [Int]) throws -> Int
    /// The hidden layers of a network deeper than the lecture's 784 → 128 → 10 (two hidden
    /// layers or more) with no more parameters than it (101,770).
    func deeperNetwork() throws -> [Int]
}

/// The checker of activity 9.
public enum MNISTExperimentsActivity {
    /// The activity as lecture 001 states it.
    public static let info = ActivityInfo(
        number: 9, name: "mnist-experiments", lecture: "001",
        title: .init(en: "\"Play\" with the notebook 1.11_FNN_MNIST_SOLUCION", es: "\"Jugar\" con el notebook 1.11_FNN_MNIST_SOLUCION"),
        task: .init(en: "Depth and width of the MNIST network: count its parameters, propose a deeper one of the same size, train both.",
                    es: "Profundidad y anchura de la red de MNIST: cuenta sus parámetros, propone una más profunda del mismo tamaño, entrena ambas."),
        exerciseFile: "Activity09-MNISTExperiments.swift", lectureArticle: "ShallowNetwork")

    /// The lecture's network 784 → 128 → 10 (tanh, sigmoid) has 784·128 + 128 + 128·10 + 10 = 101,770 parameters.
    static let lectureParameterCount = 101_770

    /// The network 784 → hidden (tanh)… → 10 (sigmoid), built.
    static func network(_ hidden: [Int], seed: UInt64) throws -> Sequential {
        try Sequential(hidden.map { Dense(units: $0, activation: .tanh) } + [Dense(units: 10, activation: .sigmoid)], inputShape: [784], seed: seed)
    }

    /// Checks an exercise.
    /// - Parameters:
    ///   - exercise: The student's type (or a reference or a mistake, in the tests).
    ///   - options: The data folder; `quick` trains on 1,000 images instead of 5,000.
    public static func check<Exercise: MNISTExperimentsExercise>(_ exercise: Exercise.Type, options: CheckOptions = .init()) -> CheckReport {
        let student = Exercise()
        var session = CheckSession()
        session.check("parameterCount(hiddenLayers:)", reread: info.section("Neural Network: notación"),
                      passed: .init(en: "Σ (inputs·units + units) over the layers, the output layer included", es: "Σ (entradas·unidades + unidades) sobre las capas, la de salida incluida")) { f in
            for hidden in [[128], [256, 128], [32, 16, 8]] {
                let widths = [784] + hidden + [10]
                let layers = zip(widths, widths.dropFirst())
                let right = layers.map { $0 * $1 + $1 }.reduce(0, +)
                let got = try f.call { try student.parameterCount(hiddenLayers: hidden) }
                let withoutOutput = layers.dropLast().map { $0 * $1 + $1 }.reduce(0, +)
                try f.expect([Double(got)], equals: [Double(right)], quantity: .init(en: "the parameter count", es: "el número de parámetros"),
                             context: .init(en: "for 784 → \(hidden.map(String.init).joined(separator: " → ")) → 10", es: "para 784 → \(hidden.map(String.init).joined(separator: " → ")) → 10"),
                             mistakes: [(.biasForgotten, [Double(layers.map { $0 * $1 }.reduce(0, +))]), (.outputLayerForgotten, [Double(withoutOutput)])])
            }
        }
        session.check("deeperNetwork()", reread: info.section("Limitaciones NN"),
                      passed: .init(en: "deeper, and no bigger than the lecture's", es: "más profunda, y no más grande que la de la lectura")) { f in
            let hidden = try f.call { try student.deeperNetwork() }
            try f.require(hidden.allSatisfy { $0 > 0 }, .init(en: "Every hidden layer needs at least one unit; got \(hidden).",
                                                              es: "Cada capa oculta necesita al menos una unidad; se obtuvo \(hidden)."))
            try f.require(hidden.count >= 2, .init(en: "The network \(hidden) \(Mistake.notDeeper.phrase.en).", es: "La red \(hidden) \(Mistake.notDeeper.phrase.es)."), mistake: .notDeeper)
            let count = try network(hidden, seed: 42).parameterCount
            try f.require(count <= lectureParameterCount, .init(en: "The network \(hidden) \(Mistake.moreParameters.phrase.en): it has \(count).",
                                                                es: "La red \(hidden) \(Mistake.moreParameters.phrase.es): tiene \(count)."), mistake: .moreParameters)
        }
        var report = CheckReport(activity: info, findings: session.findings)
        guard session.allRight, let hidden = try? student.deeperNetwork() else { return report }
        do {
            let (name, data): (String, ImageClassificationData)
            if let folder = options.dataDirectory {
                // Both data sets use the same file names; the label files' checksums tell them apart.
                let url = URL(fileURLWithPath: folder), fashion = MNISTFamily.fashionMNIST.recognizes(url)
                (name, data) = (fashion ? "Fashion-MNIST" : "MNIST", try (fashion ? MNISTFamily.fashionMNIST : MNISTFamily.mnist).load(from: url))
            } else {
                do { (name, data) = ("MNIST", try MNISTFamily.mnist.load()) } catch let error as DataError where error.kind == .notFound {
                    (name, data) = ("Fashion-MNIST", try MNISTFamily.fashionMNIST.load())
                }
            }
            let count = options.quick ? 1000 : 5000
            let x = (data.trainImages.slice(axis: 0, start: 0, end: count) / 255).reshaped([-1, 784])
            let y = data.trainLabels.slice(axis: 0, start: 0, end: count).oneHot(classes: 10)
            let testX = (data.testImages / 255).reshaped([-1, 784])
            var results: [String] = []
            for layers in [[128], hidden] {
                // Lecture 001's project: tanh hidden layers, sigmoid outputs, MSE on one-hot targets, Adam.
                let model = Model(try network(layers, seed: 42), seed: 42)
                model.compile(optimizer: Adam(), loss: MeanSquaredError(), metrics: [Accuracy()])
                try model.fit(x: x, y: y, epochs: 3, batchSize: 32, verbose: .silent)
                let accuracy = Accuracy()(try model.predict(testX), data.testLabels)
                results.append("784 → \(layers.map(String.init).joined(separator: " → ")) → 10 (\(try network(layers, seed: 42).parameterCount)): \(formatted(accuracy))")
            }
            report.figure = .init(
                en: "test accuracy after 3 epochs on \(count) \(name) images (tanh, sigmoid, MSE, Adam, as lecture 001's project): lecture's \(results[0]); yours \(results[1]). Change the layers and check again to see what depth and width buy; `samples shallow-mnist` trains the lecture's on all 60,000.",
                es: "exactitud de prueba tras 3 épocas sobre \(count) imágenes de \(name) (tanh, sigmoide, MSE, Adam, como el proyecto de la lectura 001): la de la lectura \(results[0]); la tuya \(results[1]). Cambia las capas y vuelve a comprobar para ver qué aportan profundidad y anchura; `samples shallow-mnist` entrena la de la lectura con las 60 000.")
        } catch {
            report.figureProblem = Finding(.wrong, function: "figure", message: .init(
                en: "training on MNIST (or Fashion-MNIST) failed: \(error) (Debian's dataset-fashion-mnist package holds Fashion-MNIST: `make setup`)",
                es: "el entrenamiento con MNIST (o Fashion-MNIST) falló: \(error) (el paquete dataset-fashion-mnist de Debian trae Fashion-MNIST: `make setup`)"))
        }
        return report
    }
}
