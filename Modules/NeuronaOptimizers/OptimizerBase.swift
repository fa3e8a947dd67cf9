import NeuronaCore

/// The stored properties every configurable optimizer has (its ``OptimizerSettings``, its
/// `Config` and its ``OptimizerState``) and the initializer that sets them, written once.
///
/// The built-in optimizers subclass it with their own `Config` and conform to
/// ``ConfigurableOptimizer``; they add the update rule and a convenience initializer with the
/// defaults. A third-party optimizer may do the same:
///
/// ```swift
/// public final class Lion: OptimizerBase<Lion.Config>, ConfigurableOptimizer {
///     public struct Config: Configuration { public var beta1: Double; … }
///     public static let typeName = "lion"
///     public static var defaults: Lion { Lion() }
///     public convenience init(learningRate: Double = 1e-4, beta1: Double = 0.9) { … }
///     public var slotNames: [String] { ["m"] }
///     public func update(…) { … }
/// }
/// ```
open class OptimizerBase<Config: Configuration> {
    /// Learning rate, clipping and schedule.
    public var settings: OptimizerSettings
    /// The hyperparameters of this optimizer (beside ``settings``).
    public let config: Config
    /// Step count and per-parameter state.
    public var state = OptimizerState()

    /// An optimizer with `settings` and `config`, checked by ``Optimizer/validate()`` (before the
    /// first step, and by each step).
    ///
    /// - Parameters:
    ///   - settings: The learning rate, clipping and schedule.
    ///   - config: The optimizer's own hyperparameters.
    public required init(settings: OptimizerSettings, config: Config) {
        self.settings = settings
        self.config = config
    }
}
