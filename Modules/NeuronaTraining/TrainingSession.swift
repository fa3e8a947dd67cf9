import NeuronaAutograd
import NeuronaCore

/// What `fit` knows while it runs that the step's helpers need (``Model/applyGradients(of:to:optimizer:)``,
/// ``Model/updateMetrics(predictions:targets:)``): where training is, whether to check for
/// NaN, the strategy, and this epoch's outputs for the metrics over every replica. Keras keeps
/// the same in its distribution context; here it lives on the model for the length of one `fit`.
final class TrainingSession {
    /// The epoch (from 1) and batch (from 1 within the epoch) being trained, for errors.
    var epoch = 0
    var batch = 0
    /// Whether each update checks the loss and gradients for NaN or infinity first.
    let checksFiniteness: Bool
    let strategy: (any TrainingStrategy)?
    /// The model's parameters, read once after the network is built (walking the layers each
    /// batch would cost names and arrays).
    var parameters: [NamedParameter]?
    /// This process's part and the whole of the batch being trained.
    var localExamples = 0
    var globalExamples = 0
    /// Under a strategy, this process's predictions and targets of the epoch, gathered over
    /// the replicas at its end so that the metrics cover all the data.
    var epochOutputs: [(predictions: Tensor, targets: Tensor)] = []
    /// A global batch's targets with no rows (their dtype and shape), for a process whose
    /// parts of the epoch were all empty.
    var noTargets = Tensor.zeros([0])

    init(checksFiniteness: Bool, strategy: (any TrainingStrategy)?) {
        self.checksFiniteness = checksFiniteness
        self.strategy = strategy
    }
}
