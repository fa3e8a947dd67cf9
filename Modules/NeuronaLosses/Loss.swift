import Foundation
import NeuronaAutograd
import NeuronaCore

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
public protocol Loss: AnyObject {
    /// The name this type is registered under (`mse`, `binary_crossentropy`).
    static var typeName: String { get }
    /// How per-sample losses become the result: their mean (Keras's default), their sum, or none.
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
}

extension Loss {
    /// The loss of `predictions` against `targets`, reduced.
    public func callAsFunction(_ predictions: Variable, _ targets: Tensor) -> Variable {
        let losses = perSample(predictions, targets)
        switch reduction {
        case .mean: return losses.mean()
        case .sum: return losses.sum()
        case .none: return losses
        }
    }

    /// The registered name of this loss's type.
    public var typeName: String { Self.typeName }

    public func validateTargets(_ targets: Tensor, predictionShape: [Int]) throws {
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

/// A loss made from a `Codable` config (what ``LossRegistry`` decodes).
public protocol ConfigurableLoss: Loss {
    /// The loss's settings: a `Codable` value whose JSON form is the loss's JSON description.
    associatedtype Config: Codable & Equatable
    /// A loss with `config`'s settings.
    /// - Parameter config: The settings; invalid ones throw ``LossError/invalidConfig(loss:message:)``.
    init(config: Config) throws
    /// The loss's settings, as written to JSON.
    var config: Config { get }
}

extension ConfigurableLoss {
    public func encodeConfig(to encoder: Encoder) throws { try config.encode(to: encoder) }
}

/// A stop with the loss's name and both shapes when predictions and targets do not fit.
func requireShapes(_ condition: Bool, _ loss: String, _ predictions: Variable, _ targets: Tensor, _ detail: String) {
    checkPrecondition(condition, "\(loss): predictions \(predictions.shape) and targets \(targets.shape) \(detail)")
}

/// The mean over every axis but the first: per-sample values of an elementwise loss.
func meanPerSample(_ x: Variable) -> Variable {
    x.rank <= 1 ? x : x.mean(axes: Array(1..<x.rank))
}

/// The common settings of most losses, `{"reduction": "mean"}` by default.
public struct ReductionConfig: Codable, Equatable {
    /// How per-sample losses become the result.
    public var reduction: Reduction
    /// Settings with `reduction`.
    /// - Parameter reduction: How per-sample losses become the result (the mean by default).
    public init(reduction: Reduction = .mean) { self.reduction = reduction }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        reduction = try c.decodeIfPresent(Reduction.self, forKey: .reduction) ?? .mean
    }
    enum CodingKeys: String, CodingKey { case reduction }
}

/// The settings of the cross-entropies: whether predictions are logits, and the reduction.
public struct CrossEntropyConfig: Codable, Equatable {
    /// Whether predictions are raw scores (logits) rather than probabilities.
    public var fromLogits: Bool
    /// How per-sample losses become the result.
    public var reduction: Reduction
    /// Settings for a cross-entropy.
    /// - Parameters:
    ///   - fromLogits: Whether predictions are raw scores (logits) rather than probabilities.
    ///   - reduction: How per-sample losses become the result (the mean by default).
    public init(fromLogits: Bool = false, reduction: Reduction = .mean) {
        self.fromLogits = fromLogits
        self.reduction = reduction
    }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fromLogits = try c.decodeIfPresent(Bool.self, forKey: .fromLogits) ?? false
        reduction = try c.decodeIfPresent(Reduction.self, forKey: .reduction) ?? .mean
    }
    enum CodingKeys: String, CodingKey { case fromLogits = "from_logits", reduction }
}

/// Probabilities are kept in `[ε, 1 − ε]` before a logarithm, as Keras does (ε = 1e-7), so that
/// probabilities of exactly 0 and 1 give finite losses and gradients.
let probabilityEpsilon = 1e-7
