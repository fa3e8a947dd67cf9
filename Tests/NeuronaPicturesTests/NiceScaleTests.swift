import Testing
@testable import NeuronaPictures

@Suite struct NiceScaleTests {
    @Test func rangeZeroToEighteenHasTicksEveryFive() {
        // 18 / 5 intervals = 3.6 → the next nice step is 5; the axis rounds up to 20.
        let scale = NiceScale(lower: 0, upper: 18)
        #expect(scale.step == 5)
        #expect(scale.ticks == [0, 5, 10, 15, 20])
        #expect(scale.ticks.map(scale.label) == ["0", "5", "10", "15", "20"])
    }

    @Test func tickNearZeroIsExactlyZero() {
        // The activations lesson's grid runs from −4 + 0.0123 to 4 + 0.0123: the middle tick was
        // printed as 0.012; a nice scale puts ticks at −4, −2, 0, 2, 4.
        let scale = NiceScale(lower: -3.9877, upper: 4.0123)
        #expect(scale.step == 2)
        #expect(scale.ticks == [-4, -2, 0, 2, 4])
        #expect(scale.ticks.map(scale.label) == ["-4", "-2", "0", "2", "4"])
        // Rounding noise near 0 prints as 0, never as 1e-17 or -0.0.
        #expect(NiceScale.label(1e-17, step: 1) == "0")
        #expect(NiceScale.label(-1e-17, step: 0.5) == "0.0")
        #expect(NiceScale.label(0.1 + 0.2, step: 0.1) == "0.3")
    }

    @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(NiceScale.niceStep(for: 0.012) == 0.02)
        #expect(NiceScale.niceStep(for: 0.1) == 0.1)
        #expect(NiceScale.niceStep(for: 0.11) == 0.2)
        #expect(NiceScale.niceStep(for: 0.3) == 0.5)
        #expect(NiceScale.niceStep(for: 7) == 10)
        let loss = NiceScale(lower: 0.29, upper: 0.50)
        #expect(loss.step == 0.05)
        #expect(loss.ticks.map(loss.label) == ["0.25", "0.30", "0.35", "0.40", "0.45", "0.50"])
        let accuracy = NiceScale(lower: 0.82, upper: 0.89, intervals: 4)
        #expect(accuracy.step == 0.02)
        #expect(accuracy.ticks.map(accuracy.label) == ["0.82", "0.84", "0.86", "0.88", "0.90"])
    }

    @Test func logScaleTicksArePowersOfTen() {
        let scale = LogScale(lower: 0.003, upper: 2.5)
        #expect(scale.lower == 0.001)
        #expect(scale.upper == 10)
        #expect(scale.ticks.map(scale.label) == ["0.001", "0.01", "0.1", "1", "10"])
        let narrow = LogScale(lower: 0.2, upper: 0.9)
        #expect(narrow.ticks.map(narrow.label) == ["0.1", "0.2", "0.5", "1"])
        // 1e-14 … 1: fifteen decades, every second one labelled.
        let wide = LogScale(lower: 1.3e-14, upper: 0.9)
        #expect(wide.ticks.map(wide.label) == ["1e-14", "1e-12", "1e-10", "1e-08", "1e-06", "0.0001", "0.01", "1"])
    }
}
