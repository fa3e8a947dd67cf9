import NeuronaLosses

/// What stops `fit`, `evaluate`, `predict`, `save` or `load` before it starts: each case says
/// what was wrong and where.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// `compile` was not called.
    case notCompiled(operation: String)
    /// Inputs and targets hold different numbers of examples.
    case countMismatch(inputs: Int, targets: Int, what: String)
    /// Inputs do not have the shape the model was built for.
    case inputShape(expected: [Int], got: [Int], what: String)
    /// Inputs or targets have a dtype the model or loss cannot take.
    case dtype(what: String, expected: String, got: String)
    /// An argument is out of range (a validation split of 1.5).
    case invalidArgument(String)
    /// A saved model folder is missing a file or holds a wrong one.
    case badCheckpoint(file: String, message: String)
    /// `fit` or `evaluate` was given no examples (`what` names the argument, with its shape).
    case noExamples(what: String, shape: [Int])
    /// Targets the loss cannot take: `what` names the argument, `reason` the loss, the shape
    /// and the example.
    case invalidTargets(what: String, reason: LossError)
    /// A loss or a gradient became NaN or infinite; the update of that batch was not applied.
    /// `what` names the loss or the first parameter whose gradient is not finite.
    case nonFinite(epoch: Int, batch: Int, what: String)
    /// The network takes several named inputs (a ``/NeuronaLayers/Graph`` with `names`), and
    /// `what` (`fit`, `evaluate`, `predict`) takes one input tensor.
    case multipleInputs(names: [String], what: String)
    /// The `sampleWeight` or `classWeight` of `fit` or `evaluate` (`what` names which) cannot weigh
    /// the examples.
    case invalidWeights(what: String, problem: WeightProblem)
    /// Inputs or targets by name that do not match the network's: `what` names the argument
    /// (`fit inputs x`), `expected` the network's names, `missing` those not given, `unknown`
    /// those given that it does not have.
    case names(what: String, expected: [String], missing: [String], unknown: [String])
    /// The network is a ``/NeuronaLayers/Graph`` of several outputs (`names`), and `what` was
    /// given one target tensor, or the model was compiled with one loss.
    case multipleOutputs(names: [String], what: String)
    /// `setWeights` was given `got` tensors for a model of `expected` weights (`names`, in order).
    case weightCount(expected: Int, got: Int, names: [String])
    /// `setWeights`'s tensor `index` does not have the shape of the weight `name` of `layer`.
    case weightShape(index: Int, name: String, layer: String, expected: [Int], got: [Int])

    public var description: String {
        switch self {
        case .notCompiled(let operation):
            return "\(operation): the model is not compiled; call compile(optimizer:loss:metrics:) first"
        case .countMismatch(let inputs, let targets, let what):
            return "\(what): \(inputs) inputs but \(targets) targets"
        case .inputShape(let expected, let got, let what):
            return "\(what): the model takes inputs of shape [batch] + \(expected), got \(got)"
        case .dtype(let what, let expected, let got):
            return "\(what): expected \(expected), got \(got)"
        case .invalidArgument(let message):
            return message
        case .badCheckpoint(let file, let message):
            return "\(file): \(message)"
        case .noExamples(let what, let shape):
            return "\(what): no examples (shape \(shape)); training and evaluation need at least one"
        case .invalidTargets(let what, let reason):
            return "\(what): \(reason)"
        case .nonFinite(let epoch, let batch, let what):
            return "epoch \(epoch), batch \(batch): \(what) is NaN or infinite; training stopped before the update, the weights are the last finite ones"
        case .multipleInputs(let names, let what):
            return "\(what): the network is a Graph with \(names.count) inputs (\(names.joined(separator: ", "))), and \(what) takes one input tensor; "
                + "give the inputs by name: \(what)(x: [\(names.map { "\"\($0)\": …" }.joined(separator: ", "))], …)"
        case .multipleOutputs(let names, let what):
            return "\(what): the network is a Graph with \(names.count) outputs (\(names.joined(separator: ", "))); give the targets by name "
                + "(y: [\(names.map { "\"\($0)\": …" }.joined(separator: ", "))]) and compile one loss per output "
                + "(compile(optimizer:loss: [\(names.map { "\"\($0)\": …" }.joined(separator: ", "))]))"
        case .invalidWeights(let what, let problem):
            return "\(what): \(problem)"
        case .names(let what, let expected, let missing, let unknown):
            let quoted = { (names: [String]) in names.map { "\"\($0)\"" }.joined(separator: ", ") }
            return "\(what): " + [missing.isEmpty ? nil : "missing \(quoted(missing))", unknown.isEmpty ? nil : "unknown \(quoted(unknown))"]
                .compactMap { $0 }.joined(separator: "; ") + "; the network's names are \(quoted(expected))"
        case .weightCount(let expected, let got, let names):
            return "setWeights: the model has \(expected) weights (\(names.joined(separator: ", "))), got \(got) tensors"
        case .weightShape(let index, let name, let layer, let expected, let got):
            return "setWeights: tensor \(index) is for \(name) of \(layer), shape \(expected); got shape \(got); no weight was changed"
        }
    }
}
