import ActivityKit
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
import NeuronaTraining

/// Activity 12's reference solution, the `diabetes` sample's network (never shown by the
/// checker; the tests check the checker with it, and subclass it to make each typical mistake).
open class DiabetesSolution: DiabetesExercise {
    public required init() {}

    /// The layers; the mistakes change them.
    open func layers() -> [any Layer] { [Dense(units: 16, activation: .relu), Dense(units: 1)] }

    /// The loss; the mistakes change it.
    open func loss() -> any Loss { MeanSquaredError() }

    /// The learning rate; the mistakes change it.
    open var learningRate: Double { 0.005 }

    open func makeModel(seed: UInt64) throws -> Model {
        let model = Model(try Sequential(layers(), inputShape: [10], seed: seed), seed: seed)
        model.compile(optimizer: Adam(learningRate: learningRate), loss: loss())
        return model
    }
}
