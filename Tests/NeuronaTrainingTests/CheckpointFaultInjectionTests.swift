import Foundation
import NeuronaCore
import NeuronaLayers
@testable import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// A checkpoint's content, bit for bit: weights, optimizer state, epochs, generator.
private struct Snapshot {
    let weights: [String: Tensor]
    let optimizerState: [String: Tensor]
    let epochs: Int
    let generatorState: Tensor

    init(_ model: Model) {
        weights = model.network.weights()
        optimizerState = model.optimizer!.stateTensors()
        epochs = model.completedEpochs
        var g = model.generator
        generatorState = Tensor.uniform([4], dtype: .float64, using: &g)   // the next draws
    }

    func isIdentical(to other: Snapshot) -> Bool {
        func same(_ a: [String: Tensor], _ b: [String: Tensor]) -> Bool {
            a.keys.sorted() == b.keys.sorted() && a.allSatisfy { $0.value.isIdentical(to: b[$0.key]!) }
        }
        return same(weights, other.weights) && same(optimizerState, other.optimizerState)
            && epochs == other.epochs && generatorState.isIdentical(to: other.generatorState)
    }
}

struct CheckpointFaultInjectionTests {
    /// The steps of one save to `folder` (replacing a checkpoint when one is there).
    private func steps(saving model: Model, to folder: URL, exchanges: Bool) throws -> [CheckpointSaveStep] {
        var steps: [CheckpointSaveStep] = []
        Model.setSaveHook(CheckpointSaveHook(exchanges: exchanges) { steps.append($0) }, for: folder)
        defer { Model.setSaveHook(nil, for: folder) }
        try model.save(to: folder)
        return steps
    }

    /// Stops a save of `new` over `old` (or over nothing) after each of its steps, then checks
    /// that `load` gives the old or the new checkpoint bit for bit, and that the next save cleans up.
    /// Returns the number of trials.
    private func interruptEveryStep(old: Model?, new: Model, exchanges: Bool) throws -> Int {
        let oldSnapshot = old.map(Snapshot.init), newSnapshot = Snapshot(new)
        let probe = temporaryPath("checkpoint")
        if let old { try old.save(to: probe) }
        let allSteps = try steps(saving: new, to: probe, exchanges: exchanges)
        #expect(allSteps.count >= 10)
        for stop in allSteps {
            let folder = temporaryPath("checkpoint")
            if let old { try old.save(to: folder) }
            Model.setSaveHook(CheckpointSaveHook(exchanges: exchanges) { step in
                if step == stop { throw CheckpointSaveInterruption(step: step) }
            }, for: folder)
            #expect(throws: CheckpointSaveInterruption.self) { try new.save(to: folder) }
            Model.setSaveHook(nil, for: folder)
            do {
                let loaded = Snapshot(try Model.load(from: folder))
                let isOld = oldSnapshot.map { loaded.isIdentical(to: $0) } ?? false
                #expect(isOld || loaded.isIdentical(to: newSnapshot), "after \(stop): neither the old nor the new checkpoint")
                // Once the new folder is in place, the previous one never comes back.
                if allSteps.firstIndex(of: stop)! >= allSteps.firstIndex(where: { $0 == .exchanged || $0 == .movedNewIn })! {
                    #expect(loaded.isIdentical(to: newSnapshot), "after \(stop)")
                }
            } catch let error as TrainingError {
                // Only a first save, stopped before its folder was complete, leaves nothing to load,
                // and the error names what is missing.
                #expect(old == nil, "after \(stop): \(error)")
                #expect("\(error)".contains("missing file"))
            }
            // The next save succeeds and removes every staging folder.
            try new.save(to: folder)
            #expect(Snapshot(try Model.load(from: folder)).isIdentical(to: newSnapshot))
            #expect(CheckpointFiles.leftovers(of: folder).isEmpty)
        }
        return allSteps.count
    }

    @Test func everyInterruptedSaveLeavesTheOldOrTheNewCheckpoint() throws {
        let (x, y) = blobs(48)
        let model = try classifier(dropout: true)
        try model.fit(x: x, y: y, epochs: 1, batchSize: 16, verbose: .silent)
        let old = try Model.load(from: { let f = temporaryPath("checkpoint"); try model.save(to: f); return f }())
        try model.fit(x: x, y: y, epochs: 2, batchSize: 16, verbose: .silent, initialEpoch: 1)
        var trials = 0
        trials += try interruptEveryStep(old: old, new: model, exchanges: true)    // RENAME_EXCHANGE
        trials += try interruptEveryStep(old: old, new: model, exchanges: false)   // two renames
        trials += try interruptEveryStep(old: nil, new: model, exchanges: true)    // the first save
        print("checkpoint fault injection: \(trials) interrupted saves, each loaded as the old or the new checkpoint")
        expectEqual(trials, 13 + 14 + 13)
    }

    @Test func loadNamesTheMissingFile() throws {
        let model = try classifier()
        let folder = temporaryPath("checkpoint")
        try model.save(to: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("model.json"))
        #expect(throws: TrainingError.badCheckpoint(file: folder.appendingPathComponent("model.json").path,
                                                   message: "missing file model.json in the checkpoint folder")) {
            _ = try Model.load(from: folder)
        }
        let nowhere = temporaryPath("checkpoint")
        #expect(throws: TrainingError.badCheckpoint(file: nowhere.appendingPathComponent("model.json").path,
                                                   message: "missing file: no checkpoint folder at \(nowhere.path)")) {
            _ = try Model.load(from: nowhere)
        }
    }

    @Test func loadNamesTheFileWhoseContentsAreWrong() throws {
        let model = try classifier()
        let folder = temporaryPath("checkpoint")
        try model.save(to: folder)
        // A network the registry cannot make: the error names model.json and the layer's path.
        let modelFile = folder.appendingPathComponent("model.json")
        let text = try String(contentsOf: modelFile, encoding: .utf8)
        try text.replacingOccurrences(of: "\"Dense\"", with: "\"Dense2\"").write(to: modelFile, atomically: true, encoding: .utf8)
        do {
            _ = try Model.load(from: folder)
            Issue.record("a model.json naming an unknown layer type loaded")
        } catch let TrainingError.badCheckpoint(file, message) {
            expectEqual(file, modelFile.path)
            #expect(message.hasPrefix("network: ") && message.contains("Dense2"), "\(message)")
        }
        // Weights under other names: see CheckpointTests.strictLoadingNamesMissingAndUnexpectedWeights.
    }
}
