import Testing
@testable import NeuronaPictures
import _NeuronaTestSupport

@Suite struct NiceScaleTests {
    @Test func rangeZeroToEighteenHasTicksEveryFive() {
        // 18 / 5 intervals = 3.6 → the next nice step is 5; the axis rounds up to 20.
        let scale = NiceScale(lower: 0, upper: 18)
        expectEqual(scale.step, 5)
        expectEqual(scale.ticks, [0, 5, 10, 15, 20])
        expectEqual(scale.ticks.map(scale.label), ["0", "5", "10", "15", "20"])
    }

    @Test func tickNearZeroIsExactlyZero() {
        // The activations lesson's grid runs from −4 + 0.0123 to 4 + 0.0123: the middle tick was
        // printed as 0.012; a nice scale puts ticks at −4, −2, 0, 2, 4.
        let scale = NiceScale(lower: -3.9877, upper: 4.0123)
        expectEqual(scale.step, 2)
        expectEqual(scale.ticks, [-4, -2, 0, 2, 4])
        expectEqual(scale.ticks.map(scale.label), ["-4", "-2", "0", "2", "4"])
        // Rounding noise near 0 prints as 0, never as 1e-17 or -0.0.
        expectEqual(NiceScale.label(1e-17, step: 1), "0")
        expectEqual(NiceScale.label(-1e-17, step: 0.5), "0.0")
        expectEqual(NiceScale.label(0.1 + 0.2, step: 0.1), "0.3")
    }

    @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        expectEqual(NiceScale.niceStep(for: 0.012), 0.02)
        expectEqual(NiceScale.niceStep(for: 0.1), 0.1)
        expectEqual(NiceScale.niceStep(for: 0.11), 0.2)
        expectEqual(NiceScale.niceStep(for: 0.3), 0.5)
        expectEqual(NiceScale.niceStep(for: 7), 10)
        let loss = NiceScale(lower: 0.29, upper: 0.50)
        expectEqual(loss.step, 0.05)
        expectEqual(loss.ticks.map(loss.label), ["0.25", "0.30", "0.35", "0.40", "0.45", "0.50"])
        let accuracy = NiceScale(lower: 0.82, upper: 0.89, intervals: 4)
        expectEqual(accuracy.step, 0.02)
        expectEqual(accuracy.ticks.map(accuracy.label), ["0.82", "0.84", "0.86", "0.88", "0.90"])
    }

    @Test func logScaleTicksArePowersOfTen() {
        let scale = LogScale(lower: 0.003, upper: 2.5)
        expectEqual(scale.lower, 0.001)
        expectEqual(scale.upper, 10)
        expectEqual(scale.ticks.map(scale.label), ["0.001", "0.01", "0.1", "1", "10"])
        let narrow = LogScale(lower: 0.2, upper: 0.9)
        expectEqual(narrow.ticks.map(narrow.label), ["0.1", "0.2", "0.5", "1"])
        // 1e-14 … 1: fifteen decades, every second one labelled.
        let wide = LogScale(lower: 1.3e-14, upper: 0.9)
        expectEqual(wide.ticks.map(wide.label), ["1e-14", "1e-12", "1e-10", "1e-08", "1e-06", "0.0001", "0.01", "1"])
    }
}
