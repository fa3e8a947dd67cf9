import Foundation
import NeuronaAutograd
import NeuronaCore
@_exported import NeuronaRegistry

/// How per-sample losses become the value returned.
public enum Reduction: String, Codable, Sendable {
    /// The mean over samples (Keras's `sum_over_batch_size`, PyTorch's `mean`).
    case mean
    /// The sum over samples.
    case sum
    /// One loss per sample, shape `[batch]`.
    case none
}

/// A loss: a differentiable measure of how far predictions are from targets.
///
/// `callAsFunction(predictions, targets)` returns a scalar (or per-sample losses with
/// reduction `none`). Targets are plain tensors: values for regression, probabilities or
/// one-hot rows for categorical losses, int64 class indices for sparse ones.
public protocol Loss: AnyObject, LossConvertible {
    /// The name this type is registered under (`mse`, `binary_crossentropy`).
    static var typeName: String { get }
    /// How the per-example losses become one number (their mean by default).
    var reduction: Reduction { get }
    /// Per-sample losses, shape `[batch]`.
    func perSample(_ predictions: Variable, _ targets: Tensor) -> Variable
    /// Throws ``LossError/invalidTargets(loss:shape:example:message:)`` unless `targets` fit
    /// predictions of `predictionShape` (batch first). Training calls it on every batch before
    /// the forward pass; the default asks for targets of the predictions' shape with a numeric
    /// dtype (what elementwise losses take).
    func validateTargets(_ targets: Tensor, predictionShape: [Int]) throws
    /// Writes the settings to `encoder`.
    func encodeConfig(to encoder: Encoder) throws
    /// Throws ``LossError/invalidConfig(loss:message:)`` naming the first setting out of its
    /// range (`delta` of ``Huber``). The registry calls it on JSON; ``validateTargets(_:predictionShape:)``
    /// (which training calls on every batch) and a direct call of the loss check it too, so that
    /// `Huber(delta: 0)` in Swift gets the error `"delta": 0` in JSON gets.
    func validate() throws
}

extension Loss {
    /// The loss of `predictions` against `targets`, reduced.
    ///
    /// Stops (in release builds too) when a setting is out of range (see ``validate()``).
    public func callAsFunction(_ predictions: Variable, _ targets: Tensor) -> Variable {
        do { try validate() } catch { preconditionFailed("\(error)") }
        let losses = perSample(predictions, targets)
        switch reduction {
        case .mean: return losses.mean()
        case .sum: return losses.sum()
        case .none: return losses
        }
    }

    /// The loss of `predictions` against `targets` with each example's loss multiplied by its
    /// weight (Keras's `loss(y_true, y_pred, sample_weight=...)`): with reduction `mean`, the
    /// weighted sum divided by the number of examples (Keras's `sum_over_batch_size`, not by
    /// the sum of the weights); with `sum`, the weighted sum; with `none`, the weighted losses.
    ///
    /// Stops (in release builds too) when a setting is out of range (see ``validate()``) or
    /// `sampleWeight` does not hold one weight per example.
    ///
    /// - Parameters:
    ///   - predictions: The model's outputs, examples along the first axis.
    ///   - targets: The targets.
    ///   - sampleWeight: One weight per example (shape `[batch]`).
    public func callAsFunction(_ predictions: Variable, _ targets: Tensor, sampleWeight: Tensor) -> Variable {
        do { try validate() } catch { preconditionFailed("\(error)") }
        let losses = perSample(predictions, targets)
        checkPrecondition(sampleWeight.count == losses.shape.reduce(1, *),
                          "\(Self.typeName): \(sampleWeight.count) sample weights for \(losses.shape.reduce(1, *)) examples")
        let weighted = losses * sampleWeight.reshaped(losses.shape).converted(to: losses.value.dtype)
        switch reduction {
        case .mean: return weighted.sum() / Double(Swift.max(weighted.shape.reduce(1, *), 1))
        case .sum: return weighted.sum()
        case .none: return weighted
        }
    }

    /// The registered name of this loss's type.
    public var typeName: String { Self.typeName }

    /// Settings to check: none.
    public func validate() throws {}

    public func validateTargets(_ targets: Tensor, predictionShape: [Int]) throws {
        try validate()
        guard targets.shape == predictionShape else {
            throw LossError.invalidTargets(loss: Self.typeName, shape: targets.shape, example: nil,
                                           message: "expected the predictions' shape \(predictionShape)")
        }
        guard targets.dtype != .bool else {
            throw LossError.invalidTargets(loss: Self.typeName, shape: targets.shape, example: nil,
                                           message: "expected numbers (float32, float64 or int64), got bool")
        }
    }
}

/// A loss that stores its settings in a ``/NeuronaRegistry/DefaultedConfiguration`` and reads them through it
/// (the config pattern layers and optimizers follow): what ``LossRegistry`` makes from JSON.
///
/// Its Swift initializer's default arguments are the only place each default is written;
/// `Config.defaults` calls it, and JSON that leaves a setting out gets its value from there. One
/// `Config.validate()` serves JSON (checked when read) and Swift (checked before use).
public protocol ConfigurableLoss: Loss, Registrable where Product == any Loss, Settings == Config {
    /// The loss's settings, as in JSON.
    associatedtype Config: DefaultedConfiguration
    /// A loss with `config`'s settings (checked by ``Loss/validate()``).
    /// - Parameters:
    ///   - config: The settings, as in JSON.
    init(config: Config)
    /// The settings, as in JSON.
    var config: Config { get }
}

extension ConfigurableLoss {
    public func encodeConfig(to encoder: Encoder) throws { try config.encodeSettings(to: encoder) }

    /// The loss's ``Loss/typeName``: what JSON names it by and saves.
    public static var registeredName: String { typeName }

    /// The config's defaults (``/NeuronaRegistry/DefaultedConfiguration/defaults``).
    public static var defaultSettings: Config { Config.defaults }

    /// The loss with `settings` (``init(config:)``).
    public static func make(_ settings: Config) throws -> any Loss { Self(config: settings) }

    /// Checks the settings: ``LossError/invalidConfig(loss:message:)`` naming this loss and the
    /// first setting out of its range.
    public func validate() throws {
        do { try config.validate() } catch let error as InvalidSetting {
            throw LossError.invalidConfig(loss: Self.typeName, message: error.message)
        }
    }
}

/// A stop with the loss's name and both shapes when predictions and targets do not fit.
func requireShapes(_ condition: Bool, _ loss: String, _ predictions: Variable, _ targets: Tensor, _ detail: String) {
    checkPrecondition(condition, "\(loss): predictions \(predictions.shape) and targets \(targets.shape) \(detail)")
}

/// The mean over every axis but the first: per-sample values of an elementwise loss.
func meanPerSample(_ x: Variable) -> Variable {
    x.rank <= 1 ? x : x.mean(axes: Array(1..<x.rank))
}

/// Probabilities are kept in `[ε, 1 − ε]` before a logarithm, as Keras does (ε = 1e-7), so that
/// probabilities of exactly 0 and 1 give finite losses and gradients.
let probabilityEpsilon = 1e-7
