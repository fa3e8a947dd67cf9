import Foundation
import Lessons

/// Activity 7 (lecture 001, "Jugar con los problemas en playground.tensorflow.org"): the
/// playground's questions as guided experiments, run on the `playground` sample (the same data
/// sets, features and networks; the lab app draws them in a browser). The student answers each
/// with a choice of features or hidden layers; the checker runs the experiment and says whether
/// the choice does it.
public protocol PlaygroundExercise {
    /// The exercise, ready to be checked.
    init()
    /// The features with which a model without hidden layers separates XOR.
    func xorFeatures() throws -> [PlaygroundLesson.Feature]
    /// The features with which a model without hidden layers separates the two circles.
    func circleFeatures() throws -> [PlaygroundLesson.Feature]
    /// The features and hidden layers (units per layer; the playground allows up to 6 layers of 8)
    /// of a tanh network that learns the spirals.
    func spiralNetwork() throws -> (features: [PlaygroundLesson.Feature], hiddenLayers: [Int])
}

/// The checker of activity 7.
public enum PlaygroundActivity {
    /// The activity as lecture 001 states it.
    public static let info = ActivityInfo(
        number: 7, name: "playground", lecture: "001",
        title: .init(en: "\"Play\" with the problems at playground.tensorflow.org", es: "\"Jugar\" con los problemas en playground.tensorflow.org"),
        task: .init(en: "Three guided playground experiments: which features make XOR and the circles linear, which network learns the spirals.",
                    es: "Tres experimentos guiados del playground: qué características hacen lineales a XOR y a los círculos, qué red aprende las espirales."),
        exerciseFile: "Activity07-Playground.swift", lectureArticle: "Playground")

    /// Runs the playground sample on one data set; its test accuracy.
    static func testAccuracy(_ dataset: String, features: [PlaygroundLesson.Feature], hidden: [Int], points: Int, batch: Int, epochs: Int) throws -> Double {
        var options = LessonOptions(seed: 42, epochs: epochs, outputDirectory: FileManager.default.temporaryDirectory.path + "/neurona-activities", quiet: true)
        options.arguments = ["--dataset", dataset, "--points", String(points), "--features", features.map(\.rawValue).joined(separator: ","),
                             "--hidden", hidden.map(String.init).joined(separator: ","), "--batch", String(batch), "--no-table"]
        return try PlaygroundLesson.run(options).number("\(dataset)_test_accuracy") ?? 0
    }

    /// Checks an exercise.
    /// - Parameter exercise: The student's type (or a reference or a mistake, in the tests).
    public static func check<Exercise: PlaygroundExercise>(_ exercise: Exercise.Type) -> CheckReport {
        let student = Exercise()
        var session = CheckSession()
        var accuracies: [String: Double] = [:]
        // 200 points, 40 epochs: a linear model on the right features passes 0.95 (the playground
        // sample's tests), on x1, x2 alone it stays near 0.5.
        for (dataset, function, answer) in [("xor", "xorFeatures()", { try student.xorFeatures() }),
                                            ("circles", "circleFeatures()", { try student.circleFeatures() })] {
            session.check(function, reread: LocalizedText(en: "the Playground article; lecture 001, section «Neural Network: ejercicio (clasificación binaria)»",
                                                          es: "el artículo Playground-es; lectura 001, sección «Neural Network: ejercicio (clasificación binaria)»"),
                          passed: .init(en: "a model without hidden layers separates \(dataset) with them", es: "un modelo sin capas ocultas separa \(dataset) con ellas")) { f in
                let features = try f.call(answer)
                try f.require(!features.isEmpty, .init(en: "Choose at least one feature.", es: "Elige al menos una característica."))
                let accuracy = try testAccuracy(dataset, features: features, hidden: [], points: 200, batch: 20, epochs: 40)
                accuracies[dataset] = accuracy
                let names = features.map(\.rawValue).joined(separator: ", ")
                try f.require(accuracy >= 0.95, .init(
                    en: "\(names) \(Mistake.featuresNotSeparating.phrase.en): a model without hidden layers reaches only \(formatted(accuracy)) test accuracy on \(dataset) (0.95 wanted).",
                    es: "\(names) \(Mistake.featuresNotSeparating.phrase.es): un modelo sin capas ocultas solo llega a \(formatted(accuracy)) de exactitud en \(dataset) (se pide 0.95)."),
                    mistake: .featuresNotSeparating)
            }
        }
        session.check("spiralNetwork()", reread: LocalizedText(en: "the Playground article; lecture 004, «Comprobemos la potencia representacional de una red con playground»",
                                                             es: "el artículo Playground-es; lectura 004, «Comprobemos la potencia representacional de una red con playground»"),
                      passed: .init(en: "the network learns the spirals", es: "la red aprende las espirales"),
                      after: ["xorFeatures()", "circleFeatures()"]) { f in
            let answer = try f.call { try student.spiralNetwork() }
            try f.require(!answer.features.isEmpty && answer.hiddenLayers.count <= 6 && answer.hiddenLayers.allSatisfy { (1...8).contains($0) }, .init(
                en: "Stay within the playground: at least one feature, at most 6 hidden layers of 1 to 8 units; got \(answer.hiddenLayers).",
                es: "Quédate dentro del playground: al menos una característica, a lo más 6 capas ocultas de 1 a 8 unidades; se obtuvo \(answer.hiddenLayers)."))
            let accuracy = try testAccuracy("spirals", features: answer.features, hidden: answer.hiddenLayers, points: 300, batch: 15, epochs: 150)
            accuracies["spirals"] = accuracy
            try f.require(accuracy >= 0.9 || !answer.hiddenLayers.isEmpty, .init(
                en: "The model \(Mistake.hiddenLayerMissing.phrase.en): \(formatted(accuracy)) test accuracy on the spirals (0.9 wanted).",
                es: "El modelo \(Mistake.hiddenLayerMissing.phrase.es): \(formatted(accuracy)) de exactitud en las espirales (se pide 0.9)."), mistake: .hiddenLayerMissing)
            try f.require(accuracy >= 0.9, .init(
                en: "This network reaches \(formatted(accuracy)) test accuracy on the spirals after 150 epochs (0.9 wanted): add units or layers, or the sin features.",
                es: "Esta red llega a \(formatted(accuracy)) de exactitud en las espirales tras 150 épocas (se pide 0.9): agrega unidades o capas, o las características seno."))
        }
        var report = CheckReport(activity: info, findings: session.findings)
        guard session.allRight, let xor = accuracies["xor"], let circles = accuracies["circles"], let spirals = accuracies["spirals"] else { return report }
        report.figure = .init(
            en: "test accuracy with your choices: XOR \(formatted(xor)) and circles \(formatted(circles)) without hidden layers, spirals \(formatted(spirals)); the decision boundaries are in \(FileManager.default.temporaryDirectory.path)/neurona-activities/playground-*.png (`samples playground` draws them for any choice).",
            es: "exactitud de prueba con tus elecciones: XOR \(formatted(xor)) y círculos \(formatted(circles)) sin capas ocultas, espirales \(formatted(spirals)); las fronteras de decisión están en \(FileManager.default.temporaryDirectory.path)/neurona-activities/playground-*.png (`samples playground` las dibuja para cualquier elección).")
        return report
    }
}
