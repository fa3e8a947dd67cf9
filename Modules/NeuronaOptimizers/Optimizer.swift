import NeuronaAutograd
import NeuronaCore

/// An optimizer: updates parameters from their gradients, one step at a time.
///
/// Each optimizer is a per-parameter update, `(parameter, gradient, state) → (parameter, state)`,
/// with state tensors shaped like the parameter (Adam's `m` and `v`). The state is kept aligned
/// with the parameter list (see ``OptimizerState``) and written to a checkpoint under the
/// parameter's name, by the same keys as the weights (`layers.0.weight.m`). ``step(_:)`` clips the gradients, picks the learning rate (from the
/// schedule, if any) and updates every parameter that has a gradient, in place.
///
/// ```swift
/// let adam = Adam(learningRate: 1e-3)
/// try loss.backward()
/// adam.step(model.namedParameters())
/// ```
public protocol Optimizer: AnyObject, OptimizerConvertible {
    /// The name this type is registered under (`adam`).
    static var typeName: String { get }
    /// Learning rate, clipping and schedule.
    var settings: OptimizerSettings { get set }
    /// Step count and per-parameter state.
    var state: OptimizerState { get set }
    /// The names of the per-parameter state tensors (`["m", "v"]`).
    var slotNames: [String] { get }
    /// Updates `parameter` in place from `gradient` and `slots` (one tensor per slot name,
    /// zeros at the first step). `step` counts from 1.
    func update(_ parameter: inout Tensor, gradient: Tensor, slots: inout [Tensor], step: Int, learningRate: Double)
    /// Writes the config (hyperparameters and settings) to `encoder`.
    func encodeConfig(to encoder: Encoder) throws
    /// Throws ``OptimizerError/invalidConfig(optimizer:message:)`` naming the first setting out
    /// of its range: a negative or non-finite learning rate, betas outside [0, 1), a negative
    /// epsilon or weight decay… Call it before the first step (the training loop does); ``step(_:)`` stops
    /// with its message when a setting is out of range.
    func validate() throws
}

/// The settings every optimizer has (Keras's `learning_rate`, `clipnorm`, `global_clipnorm`,
/// `clipvalue`, and a learning-rate schedule).
public struct OptimizerSettings: Codable, Equatable, Sendable {
    /// The step size α.
    public var learningRate: Double
    /// Each gradient is scaled down to at most this L2 norm.
    public var clipNorm: Double?
    /// All gradients together are scaled down to at most this L2 norm.
    public var globalClipNorm: Double?
    /// Each gradient element is limited to `[-clipValue, clipValue]`.
    public var clipValue: Double?
    /// When set, the learning rate at each step comes from here.
    public var schedule: LearningRateSchedule?

    /// Settings with a learning rate and, optionally, gradient clipping and a schedule.
    /// - Parameters:
    ///   - learningRate: The step size α (positive).
    ///   - clipNorm: Scale each gradient down to at most this L2 norm.
    ///   - globalClipNorm: Scale all gradients together down to at most this L2 norm.
    ///   - clipValue: Limit each gradient element to `[-clipValue, clipValue]`.
    ///   - schedule: Take the learning rate of each step from this schedule instead.
    public init(learningRate: Double, clipNorm: Double? = nil, globalClipNorm: Double? = nil,
                clipValue: Double? = nil, schedule: LearningRateSchedule? = nil) {
        self.learningRate = learningRate
        self.clipNorm = clipNorm
        self.globalClipNorm = globalClipNorm
        self.clipValue = clipValue
        self.schedule = schedule
    }

    /// Keras's keys (`clipnorm`, not a snake_case form of `clipNorm`).
    enum CodingKeys: String, CodingKey, CaseIterable {
        case learningRate = "learning_rate", clipNorm = "clipnorm", globalClipNorm = "global_clipnorm"
        case clipValue = "clipvalue", schedule
    }

    /// The JSON keys of these settings.
    static let keys = Set(CodingKeys.allCases.map(\.rawValue))

    /// Throws ``/NeuronaRegistry/InvalidSetting`` for a learning rate that is negative or not finite, or a
    /// clipping bound that is not a positive finite number.
    public func validate() throws {
        try requireNonNegative("learning_rate", learningRate)
        func positive(_ key: String, _ bound: Double?) throws {
            if let bound { try requireSetting(bound.isFinite && bound > 0, "\(key) must be a finite number > 0, got \(bound)") }
        }
        try positive("clipnorm", clipNorm)
        try positive("global_clipnorm", globalClipNorm)
        try positive("clipvalue", clipValue)
        if let schedule { try schedule.validate() }
    }

    /// Decodes the settings, with `defaultRate` when `learning_rate` is absent (or null).
    /// - Parameters:
    ///   - decoder: The decoder of the optimizer's JSON object.
    ///   - defaultRate: The learning rate to use when the JSON gives none (the optimizer's default).
    public init(from decoder: Decoder, defaultRate: Double) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? defaultRate
        clipNorm = try c.decodeIfPresent(Double.self, forKey: .clipNorm)
        globalClipNorm = try c.decodeIfPresent(Double.self, forKey: .globalClipNorm)
        clipValue = try c.decodeIfPresent(Double.self, forKey: .clipValue)
        schedule = try c.decodeIfPresent(LearningRateSchedule.self, forKey: .schedule)
    }

    public init(from decoder: Decoder) throws {
        try self.init(from: decoder, defaultRate: 0.001)
    }

    /// Whether any clipping setting is set.
    var clipsGradients: Bool { clipValue != nil || clipNorm != nil || globalClipNorm != nil }

    /// Applies the clipping settings to `gradients` (nil entries are skipped).
    public func clip(_ gradients: inout [Tensor?]) {
        if let clipValue {
            gradients = gradients.map { $0?.clipped(min: -clipValue, max: clipValue) }
        }
        if let clipNorm {
            gradients = gradients.map { g in
                guard let g else { return nil }
                let norm = g.squared().sum().item.squareRoot()
                return norm > clipNorm ? g * (clipNorm / norm) : g
            }
        }
        if let globalClipNorm {
            let total = gradients.reduce(0.0) { $0 + ($1?.squared().sum().item ?? 0) }.squareRoot()
            if total > globalClipNorm {
                gradients = gradients.map { $0.map { $0 * (globalClipNorm / total) } }
            }
        }
    }
}

extension Optimizer {
    /// The learning rate (the base one when a schedule is set).
    public var learningRate: Double {
        get { settings.learningRate }
        set { settings.learningRate = newValue }
    }

    /// The number of steps taken.
    public var iterations: Int { state.iterations }

    /// The learning rate the next step will use.
    public var currentLearningRate: Double {
        settings.schedule?(step: state.iterations) ?? settings.learningRate
    }

    /// The registered name of this optimizer's type.
    public var typeName: String { Self.typeName }

    /// Checks the shared settings (``OptimizerSettings/validate()``).
    public func validate() throws {
        do { try settings.validate() } catch let error as InvalidSetting {
            throw OptimizerError.invalidConfig(optimizer: Self.typeName, message: error.message)
        }
    }

    /// One update of every parameter that has a gradient.
    ///
    /// Stops (in release builds too) when a setting is out of range (see ``validate()``) or a
    /// gradient's shape differs from its parameter's.
    public func step(_ parameters: [NamedParameter]) {
        do { try validate() } catch { preconditionFailed("\(Self.typeName).step: \(error)") }
        let rate = currentLearningRate
        checkPrecondition(rate.isFinite && rate >= 0,
                          "\(Self.typeName).step: the schedule's learning rate at step \(state.iterations) is \(rate), not a finite number ≥ 0")
        state.iterations += 1
        let iteration = state.iterations
        state.bind(parameters)
        let slotCount = slotNames.count
        // Clipping needs every gradient at once; without it, each is read where it is used.
        var clipped: [Tensor?] = []
        let clips = settings.clipsGradients
        if clips {
            clipped = parameters.map { $0.variable.grad }
            settings.clip(&clipped)
        }
        for i in parameters.indices {
            let p = parameters[i]
            guard let gradient = clips ? clipped[i] : p.variable.grad else { continue }
            checkPrecondition(gradient.shape == p.variable.shape,
                         "\(Self.typeName): gradient of shape \(gradient.shape) for parameter \(p.name) of shape \(p.variable.shape)")
            state.allocateSlots(at: i, count: slotCount, like: p.variable.value)
            update(&p.variable.value, gradient: gradient.converted(to: p.variable.dtype), slots: &state.entries[i].slots,
                   step: iteration, learningRate: rate)
        }
    }

    /// Forgets every parameter's gradient.
    public func zeroGrad(_ parameters: [NamedParameter]) {
        for p in parameters { p.variable.grad = nil }
    }

    /// The state as named tensors for a checkpoint: `<parameter>.<slot>` and `iterations`.
    public func stateTensors() -> [String: Tensor] {
        var result: [String: Tensor] = ["iterations": Tensor(scalar: Int64(state.iterations))]
        for (name, slots) in state.slots {
            for (slot, tensor) in zip(slotNames, slots) { result["\(name).\(slot)"] = tensor }
        }
        return result
    }

    /// Restores the state written by ``stateTensors()`` for `parameters`, strictly: unexpected
    /// keys, a missing `iterations`, and parameters with only some of their slots are named. A
    /// parameter with none of its slots had no gradient yet and starts from zeros.
    public func loadStateTensors(_ tensors: [String: Tensor], for parameters: [NamedParameter]) throws {
        var expected: Set<String> = ["iterations"]
        var missing: [String] = tensors["iterations"] == nil ? ["iterations"] : []
        var entries: [OptimizerState.Entry] = []
        for p in parameters {
            let keys = slotNames.map { "\(p.name).\($0)" }
            expected.formUnion(keys)
            let found = keys.compactMap { tensors[$0] }
            if found.count == keys.count && !keys.isEmpty {
                entries.append(.init(name: p.name, variable: p.variable, slots: found))
            } else {
                if !found.isEmpty { missing += keys.filter { tensors[$0] == nil } }
                entries.append(.init(name: p.name, variable: p.variable, slots: []))
            }
        }
        let unexpected = tensors.keys.filter { !expected.contains($0) }.sorted()
        guard missing.isEmpty, unexpected.isEmpty else {
            throw OptimizerError.stateMismatch(missing: missing, unexpected: unexpected)
        }
        state.iterations = Int(tensors["iterations"]!.item)
        state.entries = entries
        state.detached = [:]
    }
}

/// What went wrong making an optimizer or restoring its state.
public enum OptimizerError: Error, Equatable, CustomStringConvertible {
    /// A setting is out of range or unknown; the message says which.
    case invalidConfig(optimizer: String, message: String)
    /// A restored state lacks slots for some parameters or has slots for parameters the model does not have.
    case stateMismatch(missing: [String], unexpected: [String])

    public var description: String {
        switch self {
        case .invalidConfig(let optimizer, let message): return "\(optimizer): \(message)"
        case .stateMismatch(let missing, let unexpected):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing keys: \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { parts.append("unexpected keys: \(unexpected.joined(separator: ", "))") }
            return "loading optimizer state: " + parts.joined(separator: "; ")
        }
    }
}

/// A `Codable` optimizer (what ``OptimizerRegistry`` makes from a name or JSON): the shared
/// ``OptimizerSettings`` and its own hyperparameters in a ``/NeuronaRegistry/Configuration``, both stored and
/// read from there, written to JSON side by side (`{"learning_rate": 0.001, "beta_1": 0.9, …}`).
///
/// Its Swift initializer's default arguments are the only place each default is written;
/// ``defaults`` calls it, and JSON that leaves a setting out gets its value from there.
public protocol ConfigurableOptimizer: Optimizer, Registrable where Product == any Optimizer,
    Settings == OptimizerDescription<Config> {
    /// The optimizer's own hyperparameters (beside ``Optimizer/settings``), as in JSON.
    associatedtype Config: Configuration
    /// The optimizer with every setting at its default (`Adam()`).
    static var defaults: Self { get }
    /// An optimizer with `settings` and `config`, checked by ``Optimizer/validate()``.
    /// - Parameters:
    ///   - settings: The learning rate, clipping and schedule.
    ///   - config: The optimizer's own hyperparameters.
    init(settings: OptimizerSettings, config: Config)
    /// The hyperparameters of this optimizer (beside ``Optimizer/settings``).
    var config: Config { get }
}

extension ConfigurableOptimizer {
    /// The optimizer's ``Optimizer/typeName``: what JSON names it by and saves.
    public static var registeredName: String { typeName }

    /// The settings and hyperparameters of ``defaults``.
    public static var defaultSettings: OptimizerDescription<Config> {
        let optimizer = defaults
        return OptimizerDescription(settings: optimizer.settings, config: optimizer.config)
    }

    /// The optimizer with `settings` (``/NeuronaOptimizers/ConfigurableOptimizer/init(settings:config:)``).
    public static func make(_ settings: OptimizerDescription<Config>) throws -> any Optimizer {
        Self(settings: settings.settings, config: settings.config)
    }

    public func encodeConfig(to encoder: Encoder) throws {
        try settings.encode(to: encoder)
        try config.encodeSettings(to: encoder)
    }

    /// Checks the shared settings and the hyperparameters.
    public func validate() throws {
        do {
            try settings.validate()
            try config.validate()
        } catch let error as InvalidSetting {
            throw OptimizerError.invalidConfig(optimizer: Self.typeName, message: error.message)
        }
    }
}
