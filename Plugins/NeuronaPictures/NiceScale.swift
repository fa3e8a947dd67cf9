import Foundation

/// An axis's "nice" ticks: multiples of 1, 2 or 5 × 10ⁿ (… 0.1, 0.2, 0.5, 1, 2, 5, 10 …), as a
/// person would draw them by hand and as matplotlib's and ggplot's default locators choose.
///
///     NiceScale(lower: 0, upper: 18).ticks          // [0, 5, 10, 15, 20]
///     NiceScale(lower: -3.99, upper: 4.01).ticks    // [-4, -2, 0, 2, 4]
public struct NiceScale: Equatable, Sendable {
    /// The distance between ticks: 1, 2 or 5 × 10ⁿ.
    public let step: Double
    /// The axis's lower end: the data's lower end rounded down to a tick (unless that is less than
    /// 1% of a step away from the data).
    public let lower: Double
    /// The axis's upper end, rounded up the same way.
    public let upper: Double
    /// The tick values from `lower` to `upper`, with values within a millionth of a step of a
    /// multiple of the step snapped to it (so the tick near 0 is exactly 0, not 0.012 or 1e-17).
    public let ticks: [Double]

    /// The default number of intervals an axis aims for.
    public static let defaultIntervals = 5

    /// The scale for data from `lower` to `upper`.
    /// - Parameters:
    ///   - lower: the smallest value to show.
    ///   - upper: the largest value to show (an empty range is widened by a tenth of the value either side).
    ///   - intervals: how many intervals between ticks to aim for; the result has at most this many.
    public init(lower: Double, upper: Double, intervals: Int = NiceScale.defaultIntervals) {
        var (lo, hi) = (Swift.min(lower, upper), Swift.max(lower, upper))
        if !lo.isFinite || !hi.isFinite { (lo, hi) = (0, 1) }
        if hi - lo < 1e-12 * Swift.max(1, Swift.abs(hi)) {
            // One value: a tenth of it either side (one unit around 0).
            let pad = Swift.abs(lo) > 1e-12 ? Swift.abs(lo) * 0.1 : 1
            (lo, hi) = (lo - pad, hi + pad)
        }
        let step = NiceScale.niceStep(for: (hi - lo) / Double(Swift.max(1, intervals)))
        // Round outwards to a tick, but not when the data overshoots a tick by under 1% of a step.
        let first = (lo / step + 0.01).rounded(.down), last = (hi / step - 0.01).rounded(.up)
        self.step = step
        self.lower = Swift.min(first * step, lo)
        self.upper = Swift.max(last * step, hi)
        self.ticks = stride(from: first, through: last, by: 1).map { ($0 * step).snapped(to: step) }
    }

    /// The smallest step of the form 1, 2 or 5 × 10ⁿ that is at least `raw`.
    public static func niceStep(for raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = Foundation.pow(10, (Foundation.log10(raw)).rounded(.down))
        for multiple in [1.0, 2, 5, 10] where multiple * magnitude >= raw * (1 - 1e-9) {
            return multiple * magnitude
        }
        return 10 * magnitude
    }

    /// `value` written with as many decimals as the step needs (`0.2` → "0.2", step 5 → "15",
    /// a value within a millionth of a step of 0 → "0").
    public func label(_ value: Double) -> String { NiceScale.label(value, step: step) }

    /// `value` written with as many decimals as `step` needs.
    public static func label(_ value: Double, step: Double) -> String {
        let v = value.snapped(to: step)
        let magnitude = Swift.max(Swift.abs(v), step)
        if magnitude >= 1e6 || magnitude < 1e-4 { return String(format: "%.0e", v) }
        let decimals = Swift.max(0, Int((-Foundation.log10(step) - 1e-9).rounded(.up)))
        let text = String(format: "%.\(decimals)f", v)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}

/// The ticks of a logarithmic axis: each power of ten in the range, with 2× and 5× between them
/// when the range spans fewer than two decades.
public struct LogScale: Equatable, Sendable {
    /// The axis's lower end (a power of ten at or below the data).
    public let lower: Double
    /// The axis's upper end (a power of ten at or above the data).
    public let upper: Double
    /// The tick values.
    public let ticks: [Double]

    /// The scale for positive data from `lower` to `upper` (values ≤ 0 are ignored by the caller).
    /// - Parameters:
    ///   - lower: the smallest positive value to show.
    ///   - upper: the largest value to show.
    public init(lower: Double, upper: Double) {
        let lo = Swift.max(Swift.min(lower, upper), 1e-300), hi = Swift.max(Swift.max(lower, upper), lo)
        var a = Foundation.log10(lo).rounded(.down), b = Foundation.log10(hi).rounded(.up)
        if a == b { a -= 1; b += 1 }
        var ticks: [Double] = []
        let multiples: [Double] = b - a < 2 ? [1, 2, 5] : [1]
        // Over many decades, every second (third, …) power of ten, at most about 8 ticks.
        let every = Swift.max(1, ((b - a) / 7).rounded(.up))
        a = (a / every).rounded(.down) * every
        b = (b / every).rounded(.up) * every
        self.lower = Foundation.pow(10, a)
        self.upper = Foundation.pow(10, b)
        for exponent in stride(from: a, through: b, by: every) {
            for m in multiples where exponent < b || m == 1 { ticks.append(m * Foundation.pow(10, exponent)) }
        }
        self.ticks = ticks
    }

    /// A tick's label: `0.001`, `0.5`, `100` or `1e-06`.
    public func label(_ value: Double) -> String {
        if value >= 1e5 || value < 1e-4 { return String(format: "%.0e", value) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

extension Double {
    /// The nearest multiple of `step` when within a millionth of a step of it; otherwise itself.
    func snapped(to step: Double) -> Double {
        let multiple = (self / step).rounded()
        return Swift.abs(self / step - multiple) < 1e-6 ? (multiple == 0 ? 0 : multiple * step) : self
    }
}
