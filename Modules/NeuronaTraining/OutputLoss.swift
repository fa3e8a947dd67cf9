import NeuronaLosses

/// One output's loss in a model of several outputs (Keras's `compile(loss={"out_a": ...},
/// loss_weights={"out_a": ...})`): the model minimizes the sum of each output's loss times its
/// weight, and logs each output's unweighted loss as `<output>_loss`.
public struct OutputLoss {
    /// The output node's name in the ``/NeuronaLayers/Graph``.
    public let output: String
    /// The loss of this output's predictions against its targets.
    public let loss: any Loss
    /// The factor of this loss in the total (1 unless `lossWeights` says otherwise).
    public let weight: Double

    /// The name of the output's loss in logs and history: `out_a_loss`, as Keras names it.
    public var logName: String { output + "_loss" }
}
