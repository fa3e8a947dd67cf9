import ActivityExercises
import ActivityKit
import ActivitySolutions
import NeuronaLayers
import NeuronaLosses
import Testing

/// Activity 12: the checker accepts the reference, names each typical mistake, and reports an
/// untouched file as not done yet.
struct DiabetesActivityTests {
    @Test func acceptsTheReferenceAndExplainsAboutHalfTheVariance() {
        let report = DiabetesActivity.check(DiabetesSolution.self, options: .init(quick: true))
        expectPassed(report)
        #expect(report.figureInEnglish.contains("test R²"))
    }

    @Test(.enabled(if: untouched(DiabetesActivity.info)))
    func untouchedExerciseIsNotDoneYet() {
        expectNotDoneYet(DiabetesActivity.check(Diabetes.self))
    }

    final class SigmoidOutput: DiabetesSolution {
        override func layers() -> [any Layer] { [Dense(units: 16, activation: .relu), Dense(units: 1, activation: .sigmoid)] }
    }
    final class ClassificationLoss: DiabetesSolution {
        override func loss() -> any Loss { BinaryCrossentropy() }
    }
    final class NoHiddenLayer: DiabetesSolution {
        override func layers() -> [any Layer] { [Dense(units: 1)] }
    }
    final class TenOutputs: DiabetesSolution {
        override func layers() -> [any Layer] { [Dense(units: 16, activation: .relu), Dense(units: 10)] }
    }

    @Test func namesEachTypicalMistake() {
        expectMistake(DiabetesActivity.check(SigmoidOutput.self), .wrongActivation)
        expectMistake(DiabetesActivity.check(ClassificationLoss.self), .wrongLoss)
        expectMistake(DiabetesActivity.check(NoHiddenLayer.self), .hiddenLayerMissing)
        expectMistake(DiabetesActivity.check(TenOutputs.self), .wrongUnits)
    }

    /// A right model that trains badly: every function passes, and the figure says why it is
    /// not done (R² below 0.3) instead of printing it.
    final class LearningRateTooHigh: DiabetesSolution {
        override var learningRate: Double { 5 }
    }

    @Test func aModelThatTrainsBadlyIsToldSo() {
        let report = DiabetesActivity.check(LearningRateTooHigh.self, options: .init(quick: true))
        #expect(report.findings.allSatisfy { $0.verdict == .right })
        #expect(report.status == .wrong && report.figure == nil)
        #expect(report.rendered(.en).contains("below 0.3"), "\(report.rendered(.en))")
    }
}
