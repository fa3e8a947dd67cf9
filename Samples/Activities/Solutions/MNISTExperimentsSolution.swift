import ActivityKit

/// Activity 9's reference answers (never shown by the checker; the tests check the checker with
/// them, and subclass them to make each typical mistake).
open class MNISTExperimentsSolution: MNISTExperimentsExercise {
    public required init() {}

    open func parameterCount(hiddenLayers: [Int]) throws -> Int {
        let widths = [784] + hiddenLayers + [10]
        return zip(widths, widths.dropFirst()).map { $0 * $1 + $1 }.reduce(0, +)
    }

    /// 784·96 + 96 + 96·64 + 64 + 64·10 + 10 = 82,218 parameters.
    open func deeperNetwork() throws -> [Int] { [96, 64] }
}
