import Foundation
import NeuronaCore

/// A learning rate that changes with the step count (stored in optimizer configs).
///
/// - `step(initial, factor, every)`: `initial · factor^⌊step / every⌋`
/// - `exponential(initial, decaySteps, decayRate, staircase)`: `initial · decayRate^(step / decaySteps)`
///   (the exponent floored when `staircase`), as Keras's `ExponentialDecay`
/// - `cosine(initial, decaySteps, alpha)`: from `initial` down to `alpha·initial` along half a
///   cosine over `decaySteps`, then constant, as Keras's `CosineDecay`
public enum LearningRateSchedule: Codable, Equatable, Sendable {
    /// `initial · factor^⌊step / every⌋`.
    case step(initial: Double, factor: Double, every: Int)
    /// `initial · decayRate^(step / decaySteps)`, the exponent floored when `staircase` (Keras's `ExponentialDecay`).
    case exponential(initial: Double, decaySteps: Int, decayRate: Double, staircase: Bool)
    /// From `initial` down to `alpha·initial` along half a cosine over `decaySteps`, then constant (Keras's `CosineDecay`).
    case cosine(initial: Double, decaySteps: Int, alpha: Double)

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
        }
    }

    /// Throws ``InvalidSetting`` for an initial rate or factor that is negative or not finite,
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
        }
    }
}
