import Foundation
import Lessons
import NeuronaLab
import Testing
import _NeuronaTestSupport

/// The playground's engine: the numbers, the data sets, the settings it refuses.
struct PlaygroundTrainerTests {
    static func settings(_ change: (inout PlaygroundSettings) -> Void) -> PlaygroundSettings {
        var settings = PlaygroundSettings()
        change(&settings)
        return settings
    }

    @Test func twoGaussiansAreLearnedAndTheLossFalls() throws {
        let trainer = try PlaygroundTrainer(settings: Self.settings { $0.dataset = .gaussians; $0.points = 100; $0.hidden = [3] })
        let before = trainer.measure()
        for _ in 0..<15 { try trainer.trainEpoch() }
        let after = trainer.measure()
        expectEqual(trainer.epoch, 15)
        #expect(after.testLoss < before.testLoss)
        // Two gaussians 0.8 apart with spread 0.1 (×5) are separable by a line.
        expectEqual(after.testAccuracy, 1)
    }

    @Test func theOutputHeatmapIsThePrediction() throws {
        let trainer = try PlaygroundTrainer(settings: Self.settings { $0.dataset = .xor; $0.points = 40; $0.features = [.x1, .x2, .x1x2] })
        try trainer.trainEpoch()
        let cells = PlaygroundFrame.grid(size: 5)
        let layers = trainer.activations(at: cells)
        expectEqual(layers.count, 4)                       // inputs, 4 and 2 hidden units, the output
        #expect(layers[0].count == 3 && layers[1].count == 4 && layers[2].count == 2 && layers[3].count == 1)
        expectEqual(layers[3][0], trainer.predict(cells))
        // The third input is x1·x2 at each cell centre.
        expectEqual(layers[0][2][0], cells[0].0 * cells[0].1)
    }

    @Test func gridCellsRunFromTheTopLeft() {
        let cells = PlaygroundFrame.grid(size: 4)   // cell side 3 over −6…6
        #expect(cells[0] == (-4.5, 4.5))
        #expect(cells[3] == (4.5, 4.5))
        #expect(cells[15] == (4.5, -4.5))
    }

    @Test func heatmapBytesMapMinusOneToOneOntoTheBytes() {
        // (v + 1) / 2 · 255, rounded: −1 → 0, 0 → 127.5 → 128, 1 → 255; beyond ±1 clamps; NaN as 0.
        let bytes = [UInt8](Data(base64Encoded: PlaygroundFrame.heatmap([-1, 0, 1, 2, -3, .nan]))!)
        expectEqual(bytes, [0, 128, 255, 255, 0, 128])
    }

    @Test func theRegressionSetsFollowTheOriginalsFormulas() {
        let plane = PlaygroundDataset.plane.generate(count: 50, noise: 0, seed: 3)
        #expect(plane.isRegression)
        for p in plane.points { #expect(abs(p.label - (p.x1 + p.x2) / 12) <= 1e-15) }
        let bumps = PlaygroundDataset.multiGaussian.generate(count: 200, noise: 0, seed: 3)
        #expect(bumps.points.allSatisfy { abs($0.label) <= 1 })
        #expect(bumps.points.contains { $0.label > 0.5 } && bumps.points.contains { $0.label < -0.5 })
        // A regression run trains a linear output on squared error and reports no accuracy.
        let trainer = try? PlaygroundTrainer(settings: Self.settings { $0.dataset = .plane; $0.points = 60 })
        #expect(trainer?.measure().testAccuracy == nil)
    }

    @Test func absurdSettingsAreRefusedByName() {
        func refusal(_ change: (inout PlaygroundSettings) -> Void) -> String? {
            do { _ = try PlaygroundTrainer(settings: Self.settings(change)); return nil } catch let error as LabError {
                if case .invalidSetting(let name, _) = error { return name }
                return "\(error)"
            } catch { return "\(error)" }
        }
        expectEqual(refusal { $0.hidden = [1_000_000_000] }, "hidden")
        expectEqual(refusal { $0.hidden = [2, 2, 2, 2, 2, 2, 2] }, "hidden")
        expectEqual(refusal { $0.learningRate = .nan }, "learningRate")
        expectEqual(refusal { $0.learningRate = -1 }, "learningRate")
        expectEqual(refusal { $0.features = [] }, "features")
        expectEqual(refusal { $0.trainRatio = 1 }, "trainRatio")
        expectEqual(refusal { $0.activation = "wobble" }, "activation")
        expectEqual(refusal { $0.batchSize = 0 }, "batchSize")
        expectEqual(refusal { $0.noise = .infinity }, "noise")
        #expect(refusal { _ in } == nil)
    }

    /// Tuning the rates is the same as having started with them: the optimizer and the penalty
    /// both take them (the TensorFlow playground changes these two while it trains).
    @Test func tunedRatesTrainAsIfTheyHadBeenSetAtTheStart() throws {
        let tuned = try PlaygroundTrainer(settings: Self.settings { $0.points = 80; $0.regularization = .l2 })
        try tuned.tune(learningRate: 0.1, regularizationRate: 0.01)
        let started = try PlaygroundTrainer(settings: Self.settings {
            $0.points = 80; $0.regularization = .l2; $0.learningRate = 0.1; $0.regularizationRate = 0.01
        })
        for _ in 0..<3 {
            try tuned.trainEpoch()
            try started.trainEpoch()
        }
        expectEqual(tuned.measure(), started.measure())
        expectEqual(tuned.settings, started.settings)
        // A rate out of range is refused by name and changes nothing.
        #expect(throws: LabError.self) { try tuned.tune(learningRate: .nan, regularizationRate: 0) }
        expectEqual(tuned.settings.learningRate, 0.1)
    }

    @Test func settingsFromJSONRefuseWrongKindsInsteadOfDefaulting() throws {
        func decode(_ json: String) throws -> PlaygroundSettings { try JSONDecoder().decode(PlaygroundSettings.self, from: Data(json.utf8)) }
        let s = try decode(#"{"dataset": "spirals", "hidden": [8, 8], "features": ["x1", "sin(x2)"], "regularization": "l2"}"#)
        #expect(s.dataset == .spirals && s.hidden == [8, 8] && s.features == [.x1, .sinX2] && s.regularization == .l2)
        expectEqual(s.learningRate, PlaygroundSettings().learningRate)
        // JSON.stringify(NaN) is null: refused by name, not replaced by the default.
        #expect(throws: LabError.invalidSetting(name: "learningRate", message: "wants a number")) { try decode(#"{"learningRate": null}"#) }
        #expect(throws: LabError.self) { try decode(#"{"dataset": "moons"}"#) }
        #expect(throws: LabError.self) { try decode(#"{"hidden": "4,2"}"#) }
    }

    /// The same settings and seed give the same numbers in `samples playground` and on the lab's
    /// page: the page's request goes through the server's JSON, the sample through its flags.
    @Test func theLabGivesTheSamplesNumbers() async throws {
        var options = LessonOptions(seed: 7, epochs: 6, outputDirectory: temporaryFolder("lab-tests").path,
                                    quiet: true)
        options.arguments = ["--dataset", "xor", "--points", "120", "--features", "x1,x2,x1x2", "--hidden", "3,2", "--batch", "8",
                             "--noise", "0.1", "--learning-rate", "0.05", "--regularization", "l2", "--regularization-rate", "0.001",
                             "--train-ratio", "0.6", "--no-table"]
        let sample = try PlaygroundLesson.run(options)
        let client = try await LabClient()
        let settings: [String: Any] = ["dataset": "xor", "points": 120, "features": ["x1", "x2", "x1x2"], "hidden": [3, 2], "batchSize": 8,
                                       "noise": 0.1, "learningRate": 0.05, "regularization": "l2", "regularizationRate": 0.001,
                                       "trainRatio": 0.6, "seed": 7]
        let created = try await client.post("new", ["settings": settings])
        expectEqual(created.status, 200)
        let session = try #require(created.json["session"] as? String)
        var frame: [String: Any] = [:]
        for _ in 0..<6 { frame = try await client.post("step", ["session": session, "epochs": 1]).json }
        expectEqual(frame["epoch"] as? Int, 6)
        // The same Doubles, up to JSON's text: Foundation's JSON writer on Linux prints 16 significant
        // digits, which can land one unit in the last place away (seen: 0.19223888107354623 → …462).
        let testLoss = try #require(sample.number("xor_test_loss")), trainLoss = try #require(sample.number("xor_train_loss"))
        let labTestLoss = try #require(frame.measured("testLoss")), labTrainLoss = try #require(frame.measured("trainLoss"))
        #expect(abs(labTestLoss - testLoss) <= testLoss.ulp, "test loss: lab \(labTestLoss), sample \(testLoss)")
        #expect(abs(labTrainLoss - trainLoss) <= trainLoss.ulp, "train loss: lab \(labTrainLoss), sample \(trainLoss)")
        expectEqual(frame.measured("testAccuracy"), sample.number("xor_test_accuracy"))
    }
}
