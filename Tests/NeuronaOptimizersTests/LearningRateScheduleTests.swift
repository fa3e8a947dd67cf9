import Foundation
import NeuronaOptimizers
import Testing
import _NeuronaTestSupport

/// The decays and the warmup, against the formulas Keras and PyTorch document, with numbers
/// worked out by hand (or printed by PyTorch where named).
struct LearningRateScheduleTests {
    /// Keras's `PolynomialDecay(0.1, decay_steps=10, end_learning_rate=0.01, power=0.5)`:
    /// `(0.1 − 0.01)·(1 − step/10)^0.5 + 0.01`, held at 0.01 from step 10; with `cycle`, step 15
    /// decays over 20 steps: `0.09·(1 − 15/20)^0.5 + 0.01 = 0.055`.
    @Test func polynomialDecay() {
        let decay = LearningRateSchedule.polynomial(initial: 0.1, decaySteps: 10, end: 0.01, power: 0.5, cycle: false)
        expectEqual(decay(step: 0), 0.1)
        // pow, a product and a sum: a few roundings, each at most ulp(0.1) ≈ 1.4e-17.
        #expect(abs(decay(step: 5) - (0.09 * 0.5.squareRoot() + 0.01)) < 1e-16)
        #expect(decay(step: 10) == 0.01 && decay(step: 15) == 0.01)
        let cycled = LearningRateSchedule.polynomial(initial: 0.1, decaySteps: 10, end: 0.01, power: 0.5, cycle: true)
        expectEqual(cycled(step: 0), 0.1)
        #expect(abs(cycled(step: 15) - 0.055) < 1e-16)
    }

    /// Linear: `polynomial` with power 1: 0.1 → 0 over 4 steps is 0.1, 0.075, 0.05, 0.025, 0.
    @Test func linearDecay() {
        let line = LearningRateSchedule.linear(initial: 0.1, decaySteps: 4)
        let expected = [0.1, 0.075, 0.05, 0.025, 0, 0]
        // A quotient, a power and a product: a few roundings, each at most ulp(0.1) ≈ 1.4e-17.
        for (step, rate) in expected.enumerated() { #expect(abs(line(step: step) - rate) < 1e-16, "step \(step)") }
    }

    /// Keras's `CosineDecay(initial_learning_rate=0, warmup_target=0.1, warmup_steps=10,
    /// decay_steps=100)`: 0.05 at step 5 (half way up), 0.1 at step 10, and the cosine's half
    /// (0.05) 50 steps later.
    @Test func warmupJoinedToACosine() {
        let schedule = LearningRateSchedule.warmup(steps: 10, initial: 0, then: .cosine(initial: 0.1, decaySteps: 100, alpha: 0))
        expectEqual(schedule(step: 0), 0)
        expectEqual(schedule(step: 5), 0.05)
        expectEqual(schedule(step: 10), 0.1)
        #expect(abs(schedule(step: 60) - 0.05) < 1e-16)   // cos(π/2) is 6e-17, not 0
        // Joined to any schedule: a step decay after 2 warmup steps from 0.02.
        let stepped = LearningRateSchedule.warmup(steps: 2, initial: 0.02, then: .step(initial: 0.1, factor: 0.5, every: 3))
        expectEqual(stepped(step: 1), 0.02 + (0.1 - 0.02) * 0.5)
        expectEqual([2, 4, 5].map { stepped(step: $0) }, [0.1, 0.1, 0.05])
    }

    /// PyTorch's `OneCycleLR(max_lr=0.1, total_steps=10)` (pct_start 0.3, cosine, div_factor 25,
    /// final_div_factor 1e4), as PyTorch 2 prints the rates of steps 0 … 9.
    @Test func oneCycleAsPyTorch() {
        let torch = [0.0040000000000000036, 0.052000000000000005, 0.1, 0.09504846320134738, 0.0811745653949763,
                     0.06112620219362893, 0.03887419780637107, 0.0188258346050237, 0.004951936798652629, 4e-07]
        let cycle = LearningRateSchedule.oneCycle(maxRate: 0.1, totalSteps: 10)
        for (step, rate) in torch.enumerated() {
            // The same operations in the same order; a cosine may differ by an ulp across libms.
            #expect(abs(cycle(step: step) - rate) <= 4 * rate.ulp, "step \(step)")
        }
        expectEqual(cycle(step: 12), cycle(step: 9))   // constant after the cycle
    }

    /// Settings that cannot work throw before training.
    @Test func invalidSettingsThrow() {
        #expect(throws: InvalidSetting.self) { try LearningRateSchedule.polynomial(initial: 0.1, decaySteps: 0, end: 0, power: 1, cycle: false).validate() }
        #expect(throws: InvalidSetting.self) { try LearningRateSchedule.oneCycle(maxRate: 0.1, totalSteps: 3, warmupFraction: 0.3, divFactor: 25, finalDivFactor: 1e4).validate() }
        #expect(throws: InvalidSetting.self) { try LearningRateSchedule.warmup(steps: 5, initial: 0, then: .cosine(initial: -1, decaySteps: 9, alpha: 0)).validate() }
        #expect(throws: Never.self) { try LearningRateSchedule.oneCycle(maxRate: 0.1, totalSteps: 10).validate() }
    }

    /// The new cases are saved with the optimizer: they round-trip through JSON.
    @Test func schedulesRoundTripThroughJSON() throws {
        let schedule = LearningRateSchedule.warmup(steps: 3, initial: 0, then: .oneCycle(maxRate: 0.1, totalSteps: 10))
        let decoded = try JSONDecoder().decode(LearningRateSchedule.self, from: JSONEncoder().encode(schedule))
        expectEqual(decoded, schedule)
    }
}
