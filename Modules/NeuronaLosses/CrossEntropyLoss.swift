/// The settings every cross-entropy loss has, as in JSON (`from_logits`, `reduction`).
public struct CrossEntropyConfig: DefaultedConfiguration {
    /// Whether predictions are logits (the loss applies the sigmoid or softmax itself) rather than probabilities.
    public var fromLogits: Bool
    /// How the per-example losses become one number (their mean by default).
    public var reduction: Reduction
    public static let defaults = CrossEntropyConfig(fromLogits: false, reduction: .mean)
}

/// A cross-entropy loss (binary, categorical, sparse categorical): configured by
/// ``CrossEntropyConfig``, made from probabilities or, with `fromLogits`, from logits.
public protocol CrossEntropyLoss: ConfigurableLoss where Config == CrossEntropyConfig {}

extension CrossEntropyLoss {
    /// Whether predictions are logits rather than probabilities.
    public var fromLogits: Bool { config.fromLogits }
    /// How per-sample losses are reduced.
    public var reduction: Reduction { config.reduction }

    /// - Parameters:
    ///   - fromLogits: Whether predictions are logits rather than probabilities.
    ///   - reduction: How per-sample losses become the value returned.
    public init(fromLogits: Bool = false, reduction: Reduction = .mean) {
        self.init(config: CrossEntropyConfig(fromLogits: fromLogits, reduction: reduction))
    }
}
