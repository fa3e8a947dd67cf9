import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaMetrics
import NeuronaOptimizers
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// A small classification problem: blobs in 4-D, 3 classes.
func blobs(_ n: Int = 240, seed: UInt64 = 1) -> (x: Tensor, y: Tensor) {
    let data = SyntheticDatasets.blobs(count: n, centers: [[-2, 0, 1, 0], [2, 1, 0, -1], [0, -2, -1, 2]], spread: 0.7, seed: seed)
    return (data.features, data.labels)
}

func classifier(seed: UInt64 = 7, dropout: Bool = false) throws -> Model {
    var layers: [any Layer] = [Dense(units: 16, activation: .relu)]
    if dropout { layers.append(Dropout(rate: 0.3)) }
    layers.append(Dense(units: 3, activation: .softmax))
    let model = Model(try Sequential(layers, inputShape: [4], seed: seed), seed: seed)
    try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
    return model
}

struct FitTests {
    @Test func fitLearnsAndReportsAHistory() throws {
        let (x, y) = blobs()
        let model = try classifier()
        let history = try model.fit(x: x, y: y, epochs: 30, batchSize: 16, validationSplit: 0.25, verbose: .silent)
        expectEqual(history.epochs, Array(1...30))
        expectEqual(Set(history.values.keys), ["loss", "accuracy", "val_loss", "val_accuracy", "seconds"])
        #expect(history["loss"].last! < history["loss"].first! / 2)
        #expect(history["val_accuracy"].last! > 0.9)
        let scores = try model.evaluate(x: x, y: y)
        #expect(scores["accuracy"]! > 0.9 && scores["loss"]! < history["loss"].first!)
        let p = try model.predict(x.slice(axis: 0, start: 0, end: 5))
        expectEqual(p.shape, [5, 3])
        #expect((p.sum(axes: [1]) - 1).abs().max().item < 1e-5)
        expectEqual(model.completedEpochs, 30)
    }

    @Test func theSameSeedGivesTheSameLosses() throws {
        let (x, y) = blobs()
        let a = try classifier(seed: 3, dropout: true).fit(x: x, y: y, epochs: 3, verbose: .silent)
        let b = try classifier(seed: 3, dropout: true).fit(x: x, y: y, epochs: 3, verbose: .silent)
        let c = try classifier(seed: 4, dropout: true).fit(x: x, y: y, epochs: 3, verbose: .silent)
        expectEqual(a["loss"], b["loss"])
        #expect(a["loss"] != c["loss"])
    }

    @Test func fitOnADataLoader() throws {
        let (x, y) = blobs()
        let model = try classifier()
        var loader = try DataLoader(TensorDataset(inputs: x, targets: y), batchSize: 32, shuffle: true, seed: 5)
        let history = try model.fit(&loader, epochs: 3, validationData: (x, y), verbose: .silent)
        expectEqual(history["val_loss"].count, 3)
    }

    /// Integer inputs (ids, counts) train, evaluate and predict as their float32 values do, as in Keras.
    @Test func integerInputsAreReadAsFloat32() throws {
        let (x, y) = blobs()
        let ids = x.rounded().converted(to: .int64), floats = ids.converted(to: .float32)
        let (a, b) = (try classifier(), try classifier())
        let fromIds = try a.fit(x: ids, y: y, epochs: 2, validationData: (ids, y), verbose: .silent)
        let fromFloats = try b.fit(x: floats, y: y, epochs: 2, validationData: (floats, y), verbose: .silent)
        #expect(fromIds["loss"] == fromFloats["loss"] && fromIds["val_loss"] == fromFloats["val_loss"])
        try expectEqual(a.evaluate(x: ids, y: y).loss, b.evaluate(x: floats, y: y).loss)
        try expectEqual(a.predict(ids), b.predict(floats))
    }

    @Test func badInputsThrowBeforeTraining() throws {
        let (x, y) = blobs()
        let uncompiled = Model(try Sequential([Dense(units: 3)], inputShape: [4]))
        #expect(throws: TrainingError.notCompiled(operation: "fit")) { try uncompiled.fit(x: x, y: y, verbose: .silent) }
        let model = try classifier()
        let before = model.network.weights()
        #expect(throws: TrainingError.countMismatch(inputs: 240, targets: 239, what: "fit")) {
            try model.fit(x: x, y: y.slice(axis: 0, start: 0, end: 239), verbose: .silent)
        }
        #expect(throws: TrainingError.inputShape(expected: [4], got: [240, 5], what: "fit")) {
            try model.fit(x: Tensor.zeros([240, 5]), y: y, verbose: .silent)
        }
        // Integers are read as float32, as Keras casts them, while float32 holds them exactly.
        #expect(throws: TrainingError.dtype(what: "fit inputs", expected: "float32 or float64, or integers up to 2²⁴ = 16777216 (float32 holds them exactly)",
                                            got: "int64 with a value of magnitude 16777217")) {
            try model.fit(x: Tensor.full([240, 4], value: 16_777_217, dtype: .int64), y: y, verbose: .silent)
        }
        #expect(throws: TrainingError.invalidTargets(what: "fit targets y", reason: .invalidTargets(
            loss: "sparse_categorical_crossentropy", shape: [240], example: 0, message: "label 7 is not a class index in 0..<3"))) {
            try model.fit(x: x, y: y + 7, verbose: .silent)
        }
        #expect(throws: TrainingError.self) { try model.fit(x: x, y: y, validationSplit: 1.5, verbose: .silent) }
        expectEqual(model.network.weights(), before)   // nothing was trained
        do {
            try model.fit(x: Tensor.zeros([240, 5]), y: y, verbose: .silent)
        } catch {
            expectEqual("\(error)", "fit: the model takes inputs of shape [batch] + [4], got [240, 5]")
        }
    }

    @Test func progressLineHasKerasForm() {
        let line = ProgressBar.line(step: 1875, total: 1875, elapsed: 2.2, values: [("loss", 0.50031), ("accuracy", 0.82384)])
        expectEqual(line, "1875/1875 [==============================] - 2s 1ms/step - loss: 0.5003 - accuracy: 0.8238")
        let partial = ProgressBar.line(step: 10, total: 100, elapsed: 1, values: [("loss", 1)])
        expectEqual(partial, " 10/100 [==>...........................] - ETA: 9s - loss: 1.0000")
    }
}

struct CallbackTests {
    @Test func earlyStoppingRestoresTheBestWeights() throws {
        let (x, y) = blobs()
        let model = try classifier()
        // A learning rate so large that the loss gets worse: training stops after `patience` epochs.
        model.optimizer!.learningRate = 5
        let stopper = EarlyStopping(monitor: "loss", patience: 1, restoreBestWeights: true)
        final class Recorder: Callback {
            var weights: [Int: [String: Tensor]] = [:]
            override func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws { weights[epoch] = model.network.weights() }
        }
        let recorder = Recorder()
        let history = try model.fit(x: x, y: y, epochs: 30, callbacks: [recorder, stopper], verbose: .silent)
        #expect(history.epochs.count < 30)
        expectEqual(stopper.stoppedEpoch, history.epochs.last)
        expectEqual(model.network.weights(), recorder.weights[stopper.bestEpoch])
    }

    @Test func terminateOnNaNStopsAtOnce() throws {
        let x = Tensor([[1e30, 1e30]]), y = Tensor([[1.0]])
        let model = Model(try Sequential([Dense(units: 1)], inputShape: [2], seed: 1))
        model.compile(optimizer: SGD(learningRate: 1e30), loss: MeanSquaredError())
        let guardian = TerminateOnNaN()
        let history = try model.fit(x: x, y: y, epochs: 50, batchSize: 1, callbacks: [guardian], verbose: .silent)
        #expect(guardian.triggered && history.epochs.count < 50)
    }

    @Test func learningRateSchedulerAndCSVLogger() throws {
        let (x, y) = blobs(64)
        let model = try classifier()
        let csv = temporaryPath("log").appendingPathExtension("csv")
        var rates: [Double] = []
        final class Spy: Callback {
            var rates: [Double] = []
            override func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws { rates.append(model.optimizer!.learningRate) }
        }
        let spy = Spy()
        try model.fit(x: x, y: y, epochs: 3, callbacks: [LearningRateScheduler { epoch, _ in 0.01 / Double(epoch) }, CSVLogger(csv), spy],
                      verbose: .silent)
        rates = spy.rates
        let expectedRates: [Double] = [0.01, 0.005, 0.01 / 3]
        expectEqual(rates, expectedRates)
        let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4 && lines[0] == "epoch,accuracy,loss,seconds" && lines[1].hasPrefix("1,"))
    }
}

struct CheckpointTests {
    @Test func saveAndLoadGiveTheSameModel() throws {
        let (x, y) = blobs()
        let model = try classifier(dropout: true)
        try model.fit(x: x, y: y, epochs: 2, verbose: .silent)
        let folder = temporaryPath("checkpoint")
        try model.save(to: folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        expectEqual(files, ["model.json", "optimizer.safetensors", "training.json", "weights.safetensors"])
        let loaded = try Model.load(from: folder)
        #expect(loaded.completedEpochs == 2 && loaded.metricNames == ["accuracy"])
        #expect(try loaded.predict(x).isIdentical(to: model.predict(x)))
        expectEqual(loaded.optimizer!.stateTensors(), model.optimizer!.stateTensors())
        // Saving again over it replaces it whole, leaving no staging folder behind.
        try loaded.save(to: folder)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.contains(folder.lastPathComponent + ".saving") })
    }

    @Test func resumedTrainingMatchesUninterruptedTrainingBitForBit() throws {
        let (x, y) = blobs()
        let straight = try classifier(seed: 11, dropout: true)
        let full = try straight.fit(x: x, y: y, epochs: 4, batchSize: 16, verbose: .silent)

        let first = try classifier(seed: 11, dropout: true)
        let part1 = try first.fit(x: x, y: y, epochs: 2, batchSize: 16, verbose: .silent)
        let folder = temporaryPath("checkpoint")
        try first.save(to: folder)
        let resumed = try Model.load(from: folder)
        let part2 = try resumed.fit(x: x, y: y, epochs: 4, batchSize: 16, verbose: .silent, initialEpoch: resumed.completedEpochs)
        expectEqual(part1["loss"] + part2["loss"], full["loss"])
        expectEqual(part2.epochs, [3, 4])
        expectEqual(resumed.network.weights(), straight.network.weights())
    }

    @Test func strictLoadingNamesMissingAndUnexpectedWeights() throws {
        let model = try classifier()
        let folder = temporaryPath("checkpoint")
        try model.save(to: folder)
        var weights = try Safetensors.read(from: folder.appendingPathComponent("weights.safetensors"))
        weights["layers.1.bias"] = nil
        weights["layers.7.weight"] = Tensor.zeros([1])
        try Safetensors.write(weights, to: folder.appendingPathComponent("weights.safetensors"))
        // Named by key and by file: the checkpoint's weights file, then the strict loader's words.
        #expect(throws: TrainingError.badCheckpoint(file: folder.appendingPathComponent("weights.safetensors").path, message: "weights: " +
                    "\(LayerError.weightMismatch(missing: ["layers.1.bias"], unexpected: ["layers.7.weight"], wrongShape: []))")) {
            _ = try Model.load(from: folder)
        }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("training.json"))
        #expect(throws: (any Error).self) { _ = try Model.load(from: folder) }
        #expect(throws: TrainingError.self) { _ = try Model.load(from: temporaryPath("checkpoint")) }
    }

    @Test func modelCheckpointSavesTheBestEpochs() throws {
        let (x, y) = blobs()
        let model = try classifier()
        let folder = temporaryPath("checkpoint")
        let checkpoint = ModelCheckpoint(folder: folder.appendingPathComponent("epoch-{epoch}"), monitor: "loss", saveBestOnly: true)
        try model.fit(x: x, y: y, epochs: 3, callbacks: [checkpoint], verbose: .silent)
        expectEqual(checkpoint.savedEpochs, [1, 2, 3])   // the loss fell every epoch
        try expectEqual(Model.load(from: folder.appendingPathComponent("epoch-3")).completedEpochs, 3)
    }
}
