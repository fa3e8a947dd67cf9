import ActivityExercises
import ActivityKit
import ActivitySolutions
import NeuronaData
import Testing

/// Activity 9: the checker accepts the reference answers, names each typical mistake, and
/// reports an untouched file as not done yet.
struct MNISTExperimentsActivityTests {
    static let dataPresent = (try? MNISTFamily.fashionMNIST.load()) != nil || (try? MNISTFamily.mnist.load()) != nil

    @Test(.enabled(if: dataPresent))
    func acceptsTheReferenceAndTrainsBothNetworks() {
        let report = MNISTExperimentsActivity.check(MNISTExperimentsSolution.self, options: .init(quick: true))
        expectPassed(report)
        // 784·128 + 128 + 128·10 + 10 = 101,770; 784·96 + 96 + 96·64 + 64 + 64·10 + 10 = 82,218.
        #expect(report.figureInEnglish.contains("784 → 128 → 10 (101770)") && report.figureInEnglish.contains("784 → 96 → 64 → 10 (82218)"))
    }

    @Test(.enabled(if: untouched(MNISTExperimentsActivity.info)))
    func untouchedExerciseIsNotDoneYet() {
        expectNotDoneYet(MNISTExperimentsActivity.check(MNISTExperiments.self))
    }

    final class WeightsOnly: MNISTExperimentsSolution {
        override func parameterCount(hiddenLayers: [Int]) throws -> Int {
            let widths = [784] + hiddenLayers + [10]
            return zip(widths, widths.dropFirst()).map { $0 * $1 }.reduce(0, +)
        }
    }
    final class HiddenLayersOnly: MNISTExperimentsSolution {
        override func parameterCount(hiddenLayers: [Int]) throws -> Int {
            let widths = [784] + hiddenLayers
            return zip(widths, widths.dropFirst()).map { $0 * $1 + $1 }.reduce(0, +)
        }
    }
    final class Wider: MNISTExperimentsSolution {
        override func deeperNetwork() throws -> [Int] { [64] }
    }
    final class Bigger: MNISTExperimentsSolution {
        override func deeperNetwork() throws -> [Int] { [256, 128] }
    }

    @Test func namesEachTypicalMistake() {
        expectMistake(MNISTExperimentsActivity.check(WeightsOnly.self), .biasForgotten)
        expectMistake(MNISTExperimentsActivity.check(HiddenLayersOnly.self), .outputLayerForgotten)
        expectMistake(MNISTExperimentsActivity.check(Wider.self), .notDeeper)
        expectMistake(MNISTExperimentsActivity.check(Bigger.self), .moreParameters)
    }
}
