import Foundation
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaTraining

/// Activity 10 (lecture 001, "Terminar el notebook 2.0_FNN_FashionMNIST"; the model is lecture
/// 002's): the Fashion-MNIST network in Keras style, `Flatten → Dense(128, relu) → Dense(10,
/// softmax)`, Adam, sparse categorical cross-entropy, on pixels divided by 255. The checker reads
/// the model, trains it and sets its test accuracy beside the lecture's 0.8792.
public protocol FashionMNISTExercise {
    /// The exercise, ready to be checked.
    init()
    /// The images as the network gets them (the lecture's `train_images / 255`).
    /// - Parameter images: `[n, 28, 28]`, values 0–255.
    func prepare(_ images: Tensor) throws -> Tensor
    /// The model, compiled.
    /// - Parameter seed: Seeds its initial weights.
    func makeModel(seed: UInt64) throws -> Model
}

/// The checker of activity 10.
public enum FashionMNISTActivity {
    /// The activity as lecture 001 states it.
    public static let info = ActivityInfo(
        number: 10, name: "fashion-mnist", lecture: "001",
        title: .init(en: "Finish the notebook 2.0_FNN_FashionMNIST", es: "Terminar el notebook 2.0_FNN_FashionMNIST"),
        task: .init(en: "The Fashion-MNIST network in Keras style: the data's scaling, the layers, the loss; trained and compared with the lecture.",
                    es: "La red de Fashion-MNIST al estilo Keras: el escalado de los datos, las capas, la pérdida; entrenada y comparada con la lectura."),
        exerciseFile: "Activity10-FashionMNIST.swift", lectureArticle: "FashionMNIST")

    /// Checks an exercise.
    /// - Parameters:
    ///   - exercise: The student's type (or a reference or a mistake, in the tests).
    ///   - options: The data folder; `quick` trains on 2,000 images instead of 10,000, `full` the
    ///     lecture's 5 epochs on all 60,000 (minutes in a debug build).
    public static func check<Exercise: FashionMNISTExercise>(_ exercise: Exercise.Type, options: CheckOptions = .init()) -> CheckReport {
        let full = options.full
        let student = Exercise()
        var session = CheckSession()
        session.check("prepare(_:)", reread: LocalizedText(en: "lecture 002, the notebook's «train_images / 255»", es: "lectura 002, el «train_images / 255» del notebook"),
                      passed: .init(en: "pixels divided by 255, 0–1", es: "píxeles divididos entre 255, de 0 a 1")) { f in
            let images = Tensor((0..<(2 * 28 * 28)).map { (i: Int) -> Double in Double((i * 37) % 256) }, shape: [2, 28, 28], dtype: .float32)
            let got = try f.call { try student.prepare(images) }
            try f.expect(got, equals: images / 255, quantity: .init(en: "the prepared pixels", es: "los píxeles preparados"),
                         context: .init(en: "for two 28×28 images with values 0–255", es: "para dos imágenes de 28×28 con valores 0–255"),
                         mistakes: [(.pixelsNotScaled, images)])
        }
        session.check("makeModel(seed:)", reread: LocalizedText(en: "lecture 002, the Keras model of Fashion-MNIST", es: "lectura 002, el modelo Keras de Fashion-MNIST"),
                      passed: .init(en: "Flatten → Dense(128, relu) → Dense(10, softmax), sparse categorical cross-entropy",
                                    es: "Flatten → Dense(128, relu) → Dense(10, softmax), entropía cruzada categórica dispersa")) { f in
            let model = try f.call { try student.makeModel(seed: 42) }
            try f.require(model.orderedLayers.first is Flatten, .init(en: "The model \(Mistake.flattenMissing.phrase.en).",
                                                                      es: "El modelo \(Mistake.flattenMissing.phrase.es)."), mistake: .flattenMissing)
            let dense = model.denseConfigs
            guard let output = dense.last, dense.count >= 2 else {
                return try f.fail(.init(en: "The model \(Mistake.hiddenLayerMissing.phrase.en) (\(describeLayers(dense))); the lecture's has Dense(128, relu).",
                                        es: "El modelo \(Mistake.hiddenLayerMissing.phrase.es) (\(describeLayers(dense))); el de la lectura tiene Dense(128, relu)."),
                                  mistake: .hiddenLayerMissing)
            }
            try f.require(output.units == 10, .init(en: "The output layer \(Mistake.wrongUnits.phrase.en): \(output.units), one per class is 10.",
                                                    es: "La capa de salida \(Mistake.wrongUnits.phrase.es): \(output.units), una por clase son 10."), mistake: .wrongUnits)
            try f.require(output.activation == .softmax, .init(
                en: "The output layer \(Mistake.wrongActivation.phrase.en): \(output.activation.name); softmax turns the 10 outputs into probabilities that add up to 1.",
                es: "La capa de salida \(Mistake.wrongActivation.phrase.es): \(output.activation.name); softmax convierte las 10 salidas en probabilidades que suman 1."),
                mistake: .wrongActivation)
            guard let loss = model.loss, model.optimizer != nil else {
                return try f.fail(.init(en: "The model is not compiled: call model.compile(optimizer:loss:metrics:).",
                                        es: "El modelo no está compilado: llama a model.compile(optimizer:loss:metrics:)."), mistake: nil)
            }
            try f.require(loss.typeName == SparseCategoricalCrossentropy.typeName, .init(
                en: "The loss \(loss.typeName) \(Mistake.wrongLoss.phrase.en): the labels are class numbers 0–9, which sparse_categorical_crossentropy takes (categorical_crossentropy wants one-hot rows).",
                es: "La pérdida \(loss.typeName) \(Mistake.wrongLoss.phrase.es): las etiquetas son números de clase 0–9, que toma sparse_categorical_crossentropy (categorical_crossentropy pide filas one-hot)."),
                mistake: .wrongLoss)
        }
        var report = CheckReport(activity: info, findings: session.findings)
        guard session.allRight else { return report }
        do {
            let data = try MNISTFamily.fashionMNIST.load(from: options.dataDirectory.map { URL(fileURLWithPath: $0) })
            let count = full ? 60000 : options.quick ? 2000 : 10000, epochs = full ? 5 : 1
            let model = try student.makeModel(seed: 42)
            let x = try student.prepare(data.trainImages.slice(axis: 0, start: 0, end: count))
            try model.fit(x: x, y: data.trainLabels.slice(axis: 0, start: 0, end: count), epochs: epochs, batchSize: 32, verbose: .silent)
            let probabilities = try model.predict(try student.prepare(data.testImages))
            let accuracy = zip(probabilities.argmax(axis: 1).scalars(as: Int64.self), data.testLabels.scalars(as: Int64.self)).filter { $0 == $1 }.count
            let testAccuracy = Double(accuracy) / Double(data.testLabels.count)
            // One epoch on a sixth of the images already passes 0.75 (the lecture's first epoch, on all
            // of them, reached 0.82); 0.7 for the quick run on 2,000.
            let threshold = options.quick ? 0.7 : full ? 0.85 : 0.75
            report.record(accuracy: testAccuracy, atLeast: threshold, cost: nil,
                          how: .init(en: "\(epochs == 1 ? "1 epoch" : "\(epochs) epochs") of your model on \(count) training images (batch 32), measured on the 10,000 test images",
                                     es: "\(epochs == 1 ? "1 época" : "\(epochs) épocas") de tu modelo sobre \(count) imágenes de entrenamiento (lote 32), medida en las 10 000 de prueba"),
                          lecture: .init(en: "the lecture reached 0.8792 after 5 epochs on all 60,000 (`activities check 10 --full`, or `samples fashion-mnist`)",
                                         es: "la lectura llegó a 0.8792 tras 5 épocas sobre las 60 000 (`activities check 10 --full`, o `samples fashion-mnist`)"))
        } catch {
            report.figureProblem = Finding(.wrong, function: "figure", message: .init(
                en: "training on Fashion-MNIST failed: \(error) (Debian's dataset-fashion-mnist package holds the data: `make setup`)",
                es: "el entrenamiento con Fashion-MNIST falló: \(error) (el paquete dataset-fashion-mnist de Debian trae los datos: `make setup`)"))
        }
        return report
    }
}
