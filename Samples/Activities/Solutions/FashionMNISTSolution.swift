import ActivityKit
import NeuronaCore
import NeuronaLayers
import NeuronaTraining

/// Activity 10's reference solution, lecture 002's model (never shown by the checker; the tests
/// check the checker with it, and subclass it to make each typical mistake).
open class FashionMNISTSolution: FashionMNISTExercise {
    public required init() {}

    open func prepare(_ images: Tensor) throws -> Tensor { images / 255 }

    /// The layers; the mistakes change them.
    open func layers() -> [any Layer] { [Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)] }

    /// The loss's registered name; the mistakes change it.
    open var lossName: String { "sparse_categorical_crossentropy" }

    open func makeModel(seed: UInt64) throws -> Model {
        let model = Model(try Sequential(layers(), inputShape: [28, 28], seed: seed), seed: seed)
        try model.compile(optimizer: "adam", loss: lossName, metrics: ["accuracy"])
        return model
    }
}
