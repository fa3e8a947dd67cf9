import Foundation
import NeuronaCore

/// A learning rate that changes with the step count (stored in optimizer configs).
///
/// - `step(initial, factor, every)`: `initial · factor^⌊step / every⌋`
/// - `exponential(initial, decaySteps, decayRate, staircase)`: `initial · decayRate^(step / decaySteps)`
///   (the exponent floored when `staircase`), as Keras's `ExponentialDecay`
/// - `cosine(initial, decaySteps, alpha)`: from `initial` down to `alpha·initial` along half a
///   cosine over `decaySteps`, then constant, as Keras's `CosineDecay`
/// - `polynomial(initial, decaySteps, end, power, cycle)`: Keras's `PolynomialDecay`;
///   ``linear(initial:decaySteps:end:)`` is its `power` 1
/// - `oneCycle(maxRate, totalSteps, warmupFraction, divFactor, finalDivFactor)`: PyTorch's
///   `OneCycleLR` (cosine annealing) for the learning rate
/// - `warmup(steps, initial, then)`: a linear warmup joined to any schedule, as Keras's
///   `CosineDecay(warmup_steps:, warmup_target:)` does for the cosine
///
/// ```swift
/// // 100 steps from 0 up to 1e-3, then a cosine down to 1e-5 over 900 steps
/// let schedule = LearningRateSchedule.warmup(steps: 100, initial: 0,
///                                            then: .cosine(initial: 1e-3, decaySteps: 900, alpha: 0.01))
/// let adam = Adam(learningRate: 1e-3, schedule: schedule)
/// ```
public indirect enum LearningRateSchedule: Codable, Equatable, Sendable {
    /// `initial · factor^⌊step / every⌋`.
    case step(initial: Double, factor: Double, every: Int)
    /// `initial · decayRate^(step / decaySteps)`, the exponent floored when `staircase` (Keras's `ExponentialDecay`).
    case exponential(initial: Double, decaySteps: Int, decayRate: Double, staircase: Bool)
    /// From `initial` down to `alpha·initial` along half a cosine over `decaySteps`, then constant (Keras's `CosineDecay`).
    case cosine(initial: Double, decaySteps: Int, alpha: Double)
    /// `(initial − end)·(1 − step/decaySteps)^power + end`, `step` held at `decaySteps` (or, when
    /// `cycle`, `decaySteps` stretched to the next multiple above `step`): Keras's `PolynomialDecay`.
    case polynomial(initial: Double, decaySteps: Int, end: Double, power: Double, cycle: Bool)
    /// PyTorch's `OneCycleLR` with cosine annealing: from `maxRate / divFactor` up to `maxRate`
    /// over the first `warmupFraction` of `totalSteps`, then down to
    /// `maxRate / divFactor / finalDivFactor` at step `totalSteps − 1`, constant after.
    case oneCycle(maxRate: Double, totalSteps: Int, warmupFraction: Double, divFactor: Double, finalDivFactor: Double)
    /// A straight line from `initial` at step 0 to `then`'s first rate at step `steps`, then
    /// `then` counted from there (`then(step: step − steps)`): Keras's warmup of `CosineDecay`.
    case warmup(steps: Int, initial: Double, then: LearningRateSchedule)

    /// Keras's `PolynomialDecay` with `power` 1: a straight line from `initial` to `end` over
    /// `decaySteps`, then `end`.
    ///
    /// - Parameters:
    ///   - initial: The rate at step 0.
    ///   - decaySteps: The step from which the rate stays `end` (positive).
    ///   - end: The last rate.
    /// - Returns: `.polynomial(initial:decaySteps:end:power: 1, cycle: false)`.
    public static func linear(initial: Double, decaySteps: Int, end: Double = 0) -> LearningRateSchedule {
        .polynomial(initial: initial, decaySteps: decaySteps, end: end, power: 1, cycle: false)
    }

    /// PyTorch's `OneCycleLR` defaults: 30% of the steps up from `maxRate / 25`, then down to
    /// `maxRate / 25 / 10⁴`.
    ///
    /// - Parameters:
    ///   - maxRate: The peak rate.
    ///   - totalSteps: The steps of the whole cycle (positive).
    /// - Returns: `.oneCycle(maxRate:totalSteps:warmupFraction: 0.3, divFactor: 25, finalDivFactor: 1e4)`.
    public static func oneCycle(maxRate: Double, totalSteps: Int) -> LearningRateSchedule {
        .oneCycle(maxRate: maxRate, totalSteps: totalSteps, warmupFraction: 0.3, divFactor: 25, finalDivFactor: 1e4)
    }

    /// The learning rate at `step` (counting from 0).
    public func callAsFunction(step: Int) -> Double {
        switch self {
        case .step(let initial, let factor, let every):
            return initial * Foundation.pow(factor, Double(step / Swift.max(every, 1)))
        case .exponential(let initial, let decaySteps, let decayRate, let staircase):
            var p = Double(step) / Double(Swift.max(decaySteps, 1))
            if staircase { p = p.rounded(.down) }
            return initial * Foundation.pow(decayRate, p)
        case .cosine(let initial, let decaySteps, let alpha):
            let t = Swift.min(Double(step), Double(decaySteps)) / Double(Swift.max(decaySteps, 1))
            let cosine = 0.5 * (1 + Foundation.cos(Double.pi * t))
            return initial * ((1 - alpha) * cosine + alpha)
        case .polynomial(let initial, let decaySteps, let end, let power, let cycle):
            var steps = Double(Swift.max(decaySteps, 1)), p = Double(step)
            if cycle {
                steps *= Swift.max(1, (p / steps).rounded(.up))
            } else {
                p = Swift.min(p, steps)
            }
            return (initial - end) * Foundation.pow(1 - p / steps, power) + end
        case .oneCycle(let maxRate, let totalSteps, let warmupFraction, let divFactor, let finalDivFactor):
            // PyTorch's phases: steps 0 ... warmupFraction·total − 1 up, then down to total − 1.
            let first = maxRate / divFactor, last = first / finalDivFactor
            let peak = warmupFraction * Double(totalSteps) - 1, end = Double(totalSteps - 1)
            let s = Swift.min(Double(step), end)
            func anneal(_ from: Double, _ to: Double, _ fraction: Double) -> Double {
                to + (from - to) / 2 * (Foundation.cos(Double.pi * fraction) + 1)
            }
            return s <= peak ? anneal(first, maxRate, s / peak) : anneal(maxRate, last, (s - peak) / (end - peak))
        case .warmup(let steps, let initial, let then):
            guard step < steps else { return then(step: step - steps) }
            return initial + (then(step: 0) - initial) * (Double(step) / Double(steps))
        }
    }

    /// Throws ``/NeuronaRegistry/InvalidSetting`` for an initial rate or factor that is negative or not finite,
    /// a step count that is not positive, or a cosine `alpha` outside [0, 1].
    public func validate() throws {
        func rate(_ key: String, _ value: Double) throws { try requireNonNegative("schedule \(key)", value) }
        func steps(_ key: String, _ value: Int) throws { try requirePositive("schedule \(key)", value) }
        switch self {
        case .step(let initial, let factor, let every):
            try rate("initial", initial); try rate("factor", factor); try steps("every", every)
        case .exponential(let initial, let decaySteps, let decayRate, _):
            try rate("initial", initial); try steps("decaySteps", decaySteps); try rate("decayRate", decayRate)
        case .cosine(let initial, let decaySteps, let alpha):
            try rate("initial", initial); try steps("decaySteps", decaySteps)
            try requireSetting(alpha >= 0 && alpha <= 1, "schedule alpha must be in [0, 1], got \(alpha)")
        case .polynomial(let initial, let decaySteps, let end, let power, _):
            try rate("initial", initial); try steps("decaySteps", decaySteps); try rate("end", end)
            try requireSetting(power.isFinite && power > 0, "schedule power must be a finite number > 0, got \(power)")
        case .oneCycle(let maxRate, let totalSteps, let warmupFraction, let divFactor, let finalDivFactor):
            try rate("maxRate", maxRate); try steps("totalSteps", totalSteps)
            // The way up ends at step warmupFraction·totalSteps − 1, which must lie after step 0 and before the last.
            try requireSetting(warmupFraction < 1 && warmupFraction * Double(totalSteps) > 1,
                               "schedule warmupFraction must leave at least one step up and one down: \(warmupFraction) of \(totalSteps) steps")
            try requireSetting(divFactor.isFinite && divFactor > 0, "schedule divFactor must be a finite number > 0, got \(divFactor)")
            try requireSetting(finalDivFactor.isFinite && finalDivFactor > 0,
                               "schedule finalDivFactor must be a finite number > 0, got \(finalDivFactor)")
        case .warmup(let steps, let initial, let then):
            try requirePositive("schedule warmup steps", steps); try rate("warmup initial", initial)
            try then.validate()
        }
    }
}
