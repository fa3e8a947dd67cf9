/// A callback made of closures, for a hook or two without a class (Keras's `LambdaCallback`).
///
/// ```swift
/// var losses: [Double] = []
/// let record = LambdaCallback(onEpochEnd: { epoch, logs in losses.append(logs["loss"]!) })
/// try model.fit(x: x, y: y, epochs: 5, callbacks: [record])
/// ```
///
/// Each closure takes the arguments of the ``Callback`` hook of the same name.
public final class LambdaCallback: Callback {
    private let trainBegin: (([String: Double]) throws -> Void)?
    private let epochBegin: ((Int, [String: Double]) throws -> Void)?
    private let batchBegin: ((Int, [String: Double]) throws -> Void)?
    private let batchEnd: ((Int, [String: Double]) throws -> Void)?
    private let epochEnd: ((Int, [String: Double]) throws -> Void)?
    private let trainEnd: (([String: Double]) throws -> Void)?

    /// A callback calling the closures given, at the hooks of their names.
    ///
    /// - Parameters:
    ///   - onTrainBegin: Called with ``Callback/onTrainBegin(logs:)``'s logs.
    ///   - onEpochBegin: Called with the epoch (from 1) and logs.
    ///   - onBatchBegin: Called with the batch (from 1) and logs.
    ///   - onBatchEnd: Called with the batch (from 1) and the step's logs.
    ///   - onEpochEnd: Called with the epoch (from 1) and the epoch's logs.
    ///   - onTrainEnd: Called with the last epoch's logs.
    public init(onTrainBegin: (([String: Double]) throws -> Void)? = nil,
                onEpochBegin: ((Int, [String: Double]) throws -> Void)? = nil,
                onBatchBegin: ((Int, [String: Double]) throws -> Void)? = nil,
                onBatchEnd: ((Int, [String: Double]) throws -> Void)? = nil,
                onEpochEnd: ((Int, [String: Double]) throws -> Void)? = nil,
                onTrainEnd: (([String: Double]) throws -> Void)? = nil) {
        trainBegin = onTrainBegin
        epochBegin = onEpochBegin
        batchBegin = onBatchBegin
        batchEnd = onBatchEnd
        epochEnd = onEpochEnd
        trainEnd = onTrainEnd
    }

    override public func onTrainBegin(logs: [String: Double]) throws { try trainBegin?(logs) }
    override public func onEpochBegin(_ epoch: Int, logs: [String: Double]) throws { try epochBegin?(epoch, logs) }
    override public func onBatchBegin(_ batch: Int, logs: [String: Double]) throws { try batchBegin?(batch, logs) }
    override public func onBatchEnd(_ batch: Int, logs: [String: Double]) throws { try batchEnd?(batch, logs) }
    override public func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws { try epochEnd?(epoch, logs) }
    override public func onTrainEnd(logs: [String: Double]) throws { try trainEnd?(logs) }
}
