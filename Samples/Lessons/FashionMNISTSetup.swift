import Foundation
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaTraining

/// Lecture 002's Fashion-MNIST setup, shared by the `fashion-mnist` and `distributed` samples:
/// the data, its pixels divided by 255 as the lecture does (`train_images / 255`: the loader
/// gives 0–255, as Keras's `load_data()`), and the lecture's model, compiled.
struct FashionMNISTSetup {
    /// The data set with its images divided by 255 (in place: one copy of the 188 MB of training
    /// images in memory, not two), its folder and class names.
    let data: ImageClassificationData
    /// The training images divided by 255 (the first `trainLimit` when set), and their labels.
    let trainX: Tensor, trainY: Tensor
    /// Epochs (default 5, the lecture's) and batch size (default 32, Keras's).
    let epochs: Int, batchSize: Int
    /// Flatten → Dense(128, relu) → Dense(10, softmax), Adam, sparse categorical cross-entropy,
    /// accuracy, seeded by the options' seed.
    let model: Model

    /// Loads the data (`--data-dir`, or the default folders) and makes the model.
    /// - Parameters:
    ///   - options: The sample's options (data folder, train limit, epochs, batch size, seed).
    init(_ options: LessonOptions) throws {
        var loaded = try MNISTFamily.fashionMNIST.load(from: options.dataDirectory.map { URL(fileURLWithPath: $0) })
        loaded.trainImages /= 255
        loaded.testImages /= 255
        data = loaded
        var x = data.trainImages, y = data.trainLabels
        if let limit = options.trainLimit {
            x = x.slice(axis: 0, start: 0, end: limit)
            y = y.slice(axis: 0, start: 0, end: limit)
        }
        (trainX, trainY) = (x, y)
        epochs = options.epochs ?? 5
        batchSize = options.batchSize ?? 32
        let network = try Sequential([Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)],
                                     inputShape: [28, 28], seed: options.seed)
        model = Model(network, seed: options.seed)
        try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
    }
}
