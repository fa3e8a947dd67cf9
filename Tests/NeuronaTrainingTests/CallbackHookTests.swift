import Foundation
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaMetrics
import NeuronaOptimizers
@testable import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// Callbacks are a class whose hooks have Keras's names and arguments: written from habit (with
/// the `override` the compiler asks for), they are called.
struct CallbackHookTests {
    /// Keras's signature, `onEpochBegin(_ epoch: Int, logs:)`: called once per epoch (from 1).
    @Test func aHookWithKerasSignatureIsCalled() throws {
        final class Recorder: Callback {
            var begun: [Int] = [], batches = 0, endLogs: [String: Double] = [:]
            override func onEpochBegin(_ epoch: Int, logs: [String: Double]) { begun.append(epoch) }
            override func onBatchBegin(_ batch: Int, logs: [String: Double]) { batches += 1 }
            override func onTrainEnd(logs: [String: Double]) { endLogs = logs }
        }
        let (x, y) = blobs(40)
        let recorder = Recorder()
        let history = try classifier().fit(x: x, y: y, epochs: 3, batchSize: 16, callbacks: [recorder], verbose: 0)
        expectEqual(recorder.begun, [1, 2, 3])
        expectEqual(recorder.batches, 9)                                   // 3 epochs of ⌈40/16⌉ batches
        expectEqual(recorder.endLogs["loss"], history["loss"].last)        // the last epoch's logs, as Keras
    }

    /// The hooks' order in one epoch of two batches, through a `LambdaCallback`.
    @Test func lambdaCallbackCallsItsClosuresInKerasOrder() throws {
        var events: [String] = []
        let callback = LambdaCallback(onTrainBegin: { _ in events.append("train begin") },
                                      onEpochBegin: { e, _ in events.append("epoch \(e) begin") },
                                      onBatchBegin: { b, _ in events.append("batch \(b) begin") },
                                      onBatchEnd: { b, logs in events.append("batch \(b) end \(logs.keys.sorted())") },
                                      onEpochEnd: { e, logs in events.append("epoch \(e) end \(logs.keys.sorted())") },
                                      onTrainEnd: { _ in events.append("train end") })
        let (x, y) = blobs(32)
        try classifier().fit(x: x, y: y, epochs: 1, batchSize: 16, callbacks: [callback], verbose: 0)
        #expect(events == ["train begin", "epoch 1 begin", "batch 1 begin", "batch 1 end [\"loss\"]", "batch 2 begin",
                           "batch 2 end [\"loss\"]", "epoch 1 end [\"accuracy\", \"loss\", \"seconds\"]", "train end"])
    }

    /// `verbose: 0`, `1`, `2` are Keras's numbers for the three verbosities.
    @Test func verboseTakesKerasNumbers() {
        let levels: [Verbosity] = [0, 1, 2]
        expectEqual(levels, [.silent, .progressBar, .oneLine])
    }

    /// `compile` takes names and instances mixed, as Keras does; names given are the ones saved.
    @Test func compileMixesNamesAndInstances() throws {
        let model = Model(try Sequential([Dense(units: 3)], inputShape: [4], seed: 1))
        try model.compile(optimizer: Adam(learningRate: 1e-3), loss: "sparse_categorical_crossentropy",
                          metrics: ["acc", TopKAccuracy(k: 2)])
        #expect(model.optimizer is Adam && model.optimizer!.learningRate == 1e-3)
        #expect(model.loss is SparseCategoricalCrossentropy)
        expectEqual(model.metrics.map(\.name), ["acc", "top_k_categorical_accuracy"])
        expectEqual(model.metricNames, ["acc", "top_k_categorical_accuracy"])
        try model.compile(optimizer: "sgd", loss: MeanSquaredError())
        #expect(model.optimizer is SGD && model.loss is MeanSquaredError)
        #expect(throws: RegistryError.self) { try model.compile(optimizer: "adamm", loss: "mse") }
    }
}

/// Drives a callback's epoch hooks with scripted logs, as `fit` would: `train` stands for each
/// epoch's training, `after` runs after the epoch's `onEpochEnd`.
func drive(_ callback: Callback, model: Model, monitor: String, values: [Double],
           train: (Int) -> Void = { _ in }, after: (Int) -> Void = { _ in }) throws {
    callback.attach(model)
    model.stopTraining = false
    try callback.onTrainBegin(logs: [:])
    for (i, value) in values.enumerated() where !model.stopTraining {
        train(i + 1)
        try callback.onEpochEnd(i + 1, logs: [monitor: value])
        after(i + 1)
    }
    try callback.onTrainEnd(logs: [:])
}

/// Keras's `EarlyStopping` rule: stop after `patience` epochs in a row without improvement.
struct EarlyStoppingTests {
    /// Losses 1.0, 0.9, 0.95, 0.93, 0.8 with patience 2: epochs 3 and 4 do not improve on 0.9, so
    /// Keras stops after epoch 4 (its `wait >= patience`) and never sees 0.8.
    @Test func stopsAfterPatienceEpochsWithoutImprovement() throws {
        let model = try classifier()
        let stopper = EarlyStopping(monitor: "loss", patience: 2)
        var seen: [Int] = []
        try drive(stopper, model: model, monitor: "loss", values: [1.0, 0.9, 0.95, 0.93, 0.8], after: { seen.append($0) })
        #expect(seen == [1, 2, 3, 4] && stopper.stoppedEpoch == 4)
        #expect(stopper.best == 0.9 && stopper.bestEpoch == 2)
        // patience 0: the first epoch without improvement stops (epoch 3).
        let eager = EarlyStopping(monitor: "loss", patience: 0)
        try drive(eager, model: model, monitor: "loss", values: [1.0, 0.9, 0.95, 0.93])
        expectEqual(eager.stoppedEpoch, 3)
        // minDelta 0.2: 0.9 is no improvement on 1.0; with patience 1 Keras stops after epoch 2.
        let coarse = EarlyStopping(monitor: "loss", minDelta: 0.2, patience: 1)
        try drive(coarse, model: model, monitor: "loss", values: [1.0, 0.9, 0.5])
        #expect(coarse.stoppedEpoch == 2 && coarse.best == 1.0)
    }

    /// `restoreBestWeights`: when it stops, the weights are those after the best epoch.
    @Test func restoresTheBestEpochsWeights() throws {
        let model = try classifier()
        let stopper = EarlyStopping(monitor: "val_accuracy", patience: 1, restoreBestWeights: true)
        var weights: [Int: [String: Tensor]] = [:]
        let dense = model.network.namedParameters()[0].variable
        try drive(stopper, model: model, monitor: "val_accuracy", values: [0.5, 0.7, 0.6], train: { epoch in
            dense.value = dense.value + 1   // the epoch's training
            weights[epoch] = model.network.weights()
        })
        #expect(stopper.maximize && stopper.stoppedEpoch == 3 && stopper.restoredEpoch == 2)
        expectEqual(model.network.weights(), weights[2])
    }

    /// Keras 3 puts the best weights back when training ends even if it never stopped early
    /// (`EarlyStopping.on_train_end`); when the last epoch was the best there is nothing to put back.
    @Test func restoresAtTheEndWithoutStopping() throws {
        let model = try classifier()
        let dense = model.network.namedParameters()[0].variable
        var weights: [Int: [String: Tensor]] = [:]
        let stopper = EarlyStopping(monitor: "loss", patience: 5, restoreBestWeights: true)
        try drive(stopper, model: model, monitor: "loss", values: [1.0, 0.8, 0.9], train: { epoch in
            dense.value = dense.value + 1
            weights[epoch] = model.network.weights()
        })
        #expect(stopper.stoppedEpoch == nil && stopper.restoredEpoch == 2)
        expectEqual(model.network.weights(), weights[2])
        let lastIsBest = EarlyStopping(monitor: "loss", patience: 5, restoreBestWeights: true)
        try drive(lastIsBest, model: model, monitor: "loss", values: [1.0, 0.8], train: { _ in dense.value = dense.value + 1 })
        #expect(lastIsBest.restoredEpoch == nil)
    }
}

/// Keras's `ReduceLROnPlateau`, epoch by epoch.
struct ReduceLROnPlateauTests {
    /// factor 0.5, patience 1, cooldown 2, minRate 0.02, from 0.1; val_loss 1, 1, 1, 1, 0.5, 0.6, 0.6.
    /// Keras: epoch 2 waits 1 ≥ patience → 0.05, cooldown 2; epoch 3 in cooldown (2 → 1);
    /// epoch 4 cooldown 1 → 0, out of it, waits 1 → 0.025; epoch 5 improves (cooldown 2 → 1);
    /// epoch 6 cooldown 1 → 0, waits 1 → max(0.0125, 0.02) = 0.02; epoch 7 in cooldown.
    @Test func followsKerasRuleWithCooldownAndMinimum() throws {
        let model = try classifier()
        model.compile(optimizer: SGD(learningRate: 0.1), loss: SparseCategoricalCrossentropy())
        let reduce = try ReduceLROnPlateau(factor: 0.5, patience: 1, minDelta: 0, cooldown: 2, minRate: 0.02)
        var rates: [Double] = []
        try drive(reduce, model: model, monitor: "val_loss", values: [1, 1, 1, 1, 0.5, 0.6, 0.6], after: { _ in
            rates.append(model.optimizer!.learningRate)
        })
        expectEqual(rates, [0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02])
        expectEqual(reduce.reductions.map(\.epoch), [2, 4, 6])
        expectEqual(reduce.best, 0.5)
    }

    /// A factor of 1 or more is refused (Keras raises a ValueError), and so is a schedule the
    /// callback could not change.
    @Test func refusesWhatItCannotDo() throws {
        #expect(throws: TrainingError.self) { try ReduceLROnPlateau(factor: 1) }
        let model = try classifier()
        let scheduled = SGD(learningRate: 0.1)
        scheduled.settings.schedule = .linear(initial: 0.1, decaySteps: 10)
        model.compile(optimizer: scheduled, loss: SparseCategoricalCrossentropy())
        let reduce = try ReduceLROnPlateau()
        reduce.attach(model)
        #expect(throws: TrainingError.self) { try reduce.onTrainBegin(logs: [:]) }
    }
}
