/// The running means of the values the steps of an epoch (or of an evaluation) logged, each
/// batch's value weighted by its examples: the epoch's `loss` is the mean over its examples,
/// whatever the size of its last batch. `"loss"` comes first, other names in sorted order (a
/// step's dictionary has none), so printed lines read the same every run.
struct StepLogAverages {
    private var sums: [String: Double] = [:]
    private var counts: [String: Int] = [:]
    private var names: [String] = []

    /// Adds one batch's `logs`, for `examples` examples.
    mutating func add(_ logs: [String: Double], examples: Int) {
        for (name, value) in logs {
            if sums[name] == nil {
                names.append(name)
                names.sort { ($0 == "loss" ? 0 : 1, $0) < ($1 == "loss" ? 0 : 1, $1) }
            }
            sums[name, default: 0] += value * Double(examples)
            counts[name, default: 0] += examples
        }
    }

    /// Each name's mean so far, in order; `loss: NaN` when no batch was added (training stopped
    /// at its first batch).
    var means: [(String, Double)] {
        guard !names.isEmpty else { return [("loss", .nan)] }
        return names.map { ($0, sums[$0]! / Double(counts[$0]!)) }
    }
}
