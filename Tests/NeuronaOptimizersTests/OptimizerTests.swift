import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaOptimizers
import Testing
import _NeuronaTestSupport

/// The first three updates of each optimizer on J(x) = ½‖x‖² from x = (1, −2), so the gradient is
/// x itself. Expected values are lecture 001's formulas worked through by hand (and checked by a
/// literal Python transcription of the same formulas).
struct OptimizerTests {
    static func threeSteps(_ optimizer: any Optimizer, dtype: DType = .float64) -> [[Double]] {
        let x = Variable(Tensor([1, -2], dtype: dtype), requiresGrad: true)
        let parameters = [NamedParameter("x", x)]
        var trajectory: [[Double]] = []
        for _ in 0..<3 {
            x.grad = nil
            try! (x.squared().sum() * 0.5).backward()
            optimizer.step(parameters)
            trajectory.append(x.value.doubles)
        }
        return trajectory
    }

    static func expectTrajectory(_ got: [[Double]], _ expected: [[Double]], tolerance: Double = 1e-12) {
        for (g, e) in zip(got, expected) {
            for (a, b) in zip(g, e) {
                #expect(abs(a - b) <= tolerance * Swift.max(1, abs(b)), "got \(got), expected \(expected)")
            }
        }
    }

    @Test func plainSGD() {
        // x ← x − 0.1·x = 0.9·x
        Self.expectTrajectory(Self.threeSteps(SGD(learningRate: 0.1)), [[0.9, -1.8], [0.81, -1.62], [0.729, -1.458]])
    }

    @Test func momentum() {
        // p¹ = 1 → x = 0.9; p² = 0.9 + 0.9·1 = 1.8 → x = 0.72; p³ = 0.72 + 0.9·1.8 = 2.34 → x = 0.486
        Self.expectTrajectory(Self.threeSteps(SGD(learningRate: 0.1, momentum: 0.9)), [[0.9, -1.8], [0.72, -1.44], [0.486, -0.972]])
    }

    @Test func nesterovFollowsTheLecturesLookAheadPoints() {
        let ours = Self.threeSteps(SGD(learningRate: 0.1, momentum: 0.9, nesterov: true))
        Self.expectTrajectory(ours, [[0.81, -1.62], [0.5751, -1.1502], [0.327321, -0.654642]])
        // Lecture 001's NAG, literally: x̃ = x − α·η·p, g = ∇J(x̃) = x̃, p ← g + η·p, x ← x − α·p.
        // Our stored parameter is that look-ahead point x̃ after each step.
        var x = 1.0, p = 0.0
        var lookAhead: [Double] = []
        for _ in 0..<3 {
            let g = x - 0.1 * 0.9 * p
            p = g + 0.9 * p
            x -= 0.1 * p
            lookAhead.append(x - 0.1 * 0.9 * p)
        }
        for (a, b) in zip(ours.map { $0[0] }, lookAhead) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func adagrad() {
        // s = g², x ← x − 0.1·g/(ε + √s)
        Self.expectTrajectory(Self.threeSteps(Adagrad(learningRate: 0.1)),
                              [[0.900000009999999, -1.9000000049999997], [0.8331035413994696, -1.8311250612099759],
                               [0.7804561987608938, -1.7758215239730544]])
    }

    @Test func rmsprop() {
        // s = 0.9·s + 0.1·g², x ← x − 0.01·g/(ε + √s)
        Self.expectTrajectory(Self.threeSteps(RMSProp(learningRate: 0.01)),
                              [[0.968377233398313, -1.9683772283983154], [0.9457880398854536, -1.9456096442774002],
                               [0.9270531165204581, -1.9266336913218631]])
    }

    @Test func adam() {
        // v, s with β = 0.9, 0.999, bias-corrected; x ← x − 0.1·v̂/(ε + √ŝ)
        Self.expectTrajectory(Self.threeSteps(Adam(learningRate: 0.1)),
                              [[0.900000009999999, -1.9000000049999997], [0.8004122480821506, -1.800166495718143],
                               [0.7015863025553359, -1.70062340659379]])
    }

    @Test func adamInFloat32UsesTheVectorPathAndAgrees() {
        // 19 elements: two SIMD8 blocks and a scalar tail.
        let values = (0..<19).map { Double($0) / 4 - 2 }
        let x32 = Variable(Tensor(values, shape: [19], dtype: .float32), requiresGrad: true)
        let x64 = Variable(Tensor(values, shape: [19], dtype: .float64), requiresGrad: true)
        let (a, b) = (Adam(learningRate: 0.05), Adam(learningRate: 0.05))
        for _ in 0..<5 {
            for (x, opt) in [(x32, a), (x64, b)] {
                x.grad = nil
                try! (x.squared().sum() * 0.5).backward()
                opt.step([NamedParameter("x", x)])
            }
        }
        #expect(maxAbsoluteDifference(x32.value.converted(to: .float64), x64.value) < 1e-5)
    }

    @Test func adadelta() {
        Self.expectTrajectory(Self.threeSteps(Adadelta(learningRate: 1)),
                              [[0.9985857878518384, -1.9985857867911803], [0.9971545473993738, -1.9971540510599448],
                               [0.9957124679717688, -1.9957108020315082]])
    }

    @Test func adamW() {
        // x ← x − 0.1·0.01·x, then Adam.
        Self.expectTrajectory(Self.threeSteps(AdamW(learningRate: 0.1, weightDecay: 0.01)),
                              [[0.899000009999999, -1.8980000049999997], [0.798519046553405, -1.796272598244644],
                               [0.6989112127499877, -1.6949445289242644]])
    }

    @Test func clippingByValueNormAndGlobalNorm() {
        var settings = OptimizerSettings(learningRate: 1, clipValue: 0.5)
        var grads: [Tensor?] = [Tensor([3, -0.25], dtype: .float64), nil]
        settings.clip(&grads)
        #expect(grads[0]!.doubles == [0.5, -0.25] && grads[1] == nil)
        settings = OptimizerSettings(learningRate: 1, clipNorm: 1)
        grads = [Tensor([3, 4], dtype: .float64), Tensor([0.3, 0.4], dtype: .float64)]
        settings.clip(&grads)
        #expect(isClose(grads[0]!, Tensor([0.6, 0.8], dtype: .float64)) && grads[1]!.doubles == [0.3, 0.4])
        settings = OptimizerSettings(learningRate: 1, globalClipNorm: 2.5)
        grads = [Tensor([3, 4], dtype: .float64), Tensor([0], dtype: .float64)]
        settings.clip(&grads)
        #expect(isClose(grads[0]!, Tensor([1.5, 2], dtype: .float64)))
    }

    @Test func schedules() {
        expectEqual(LearningRateSchedule.step(initial: 1, factor: 0.5, every: 10)(step: 25), 0.25)
        #expect(abs(LearningRateSchedule.exponential(initial: 0.1, decaySteps: 100, decayRate: 0.5, staircase: false)(step: 50) - 0.1 * 0.5.squareRoot()) < 1e-15)
        expectEqual(LearningRateSchedule.exponential(initial: 0.1, decaySteps: 100, decayRate: 0.5, staircase: true)(step: 150), 0.05)
        let cosine = LearningRateSchedule.cosine(initial: 1, decaySteps: 100, alpha: 0.1)
        #expect(cosine(step: 0) == 1 && abs(cosine(step: 50) - 0.55) < 1e-12 && abs(cosine(step: 200) - 0.1) < 1e-12)
        // The optimizer reads it at each step.
        let sgd = SGD(learningRate: 1)
        sgd.settings.schedule = .step(initial: 0.1, factor: 0.5, every: 1)
        Self.expectTrajectory(Self.threeSteps(sgd), [[0.9, -1.8], [0.855, -1.71], [0.83362500000000001, -1.6672500000000001]])
    }

    @Test func stateRoundTripsAndResumesExactly() throws {
        let a = Adam(learningRate: 0.1)
        _ = Self.threeSteps(a)
        let saved = a.stateTensors()
        expectEqual(Set(saved.keys), ["iterations", "x.m", "x.v"])
        let b = Adam(learningRate: 0.1)
        let x = Variable(Tensor([0.5, 0.25], dtype: .float64), requiresGrad: true)
        try b.loadStateTensors(saved, for: [NamedParameter("x", x)])
        #expect(b.iterations == 3 && b.state == a.state)
        #expect(throws: OptimizerError.stateMismatch(missing: ["x.v"], unexpected: ["y.m"])) {
            var broken = saved
            broken["x.v"] = nil
            broken["y.m"] = Tensor([1])
            try b.loadStateTensors(broken, for: [NamedParameter("x", x)])
        }
    }

    @Test func registryUsesKerasNames() throws {
        expectEqual(OptimizerRegistry.default.names, ["adadelta", "adagrad", "adam", "adamw", "rmsprop", "sgd"])
        let sgd = try OptimizerRegistry.default.make(fromJSON: #"{"type": "sgd", "learning_rate": 0.5, "momentum": 0.9, "nesterov": true, "clipnorm": 1}"#)
        #expect((sgd as? SGD)?.config.nesterov == true && sgd.learningRate == 0.5 && sgd.settings.clipNorm == 1)
        let adam = try OptimizerRegistry.default.make("adam")
        expectEqual(adam.learningRate, 0.001)
        let json = try optimizerJSON(sgd, sortedKeys: false)
        #expect(json.contains("\"momentum\":0.9") && json.contains("\"learning_rate\":0.5"))
        #expect(throws: RegistryError.unknownName(kind: "optimizer", name: "adamm", closest: ["adam", "adamw"])) {
            try OptimizerRegistry.default.make("adamm")
        }
    }
}
