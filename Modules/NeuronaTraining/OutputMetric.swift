import NeuronaMetrics

/// A metric of one output of a model of several outputs (Keras's `compile(metrics={"out_a":
/// ["accuracy"]})`), logged as `<output>_<metric>` (`out_a_accuracy`), as Keras names it.
public struct OutputMetric {
    /// The output node's name in the ``/NeuronaLayers/Graph``.
    public let output: String
    /// The metric, fed this output's predictions and targets.
    public let metric: any Metric

    /// The name in logs and history: `out_a_accuracy`.
    public var logName: String { output + "_" + metric.name }
}
