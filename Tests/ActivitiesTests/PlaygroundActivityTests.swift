import ActivityExercises
import ActivityKit
import ActivitySolutions
import Lessons
import Testing

/// Activity 7: the checker accepts the reference answers, names each typical mistake, and
/// reports an untouched file as not done yet.
struct PlaygroundActivityTests {
    @Test func acceptsTheReferenceAnswers() {
        let report = PlaygroundActivity.check(PlaygroundSolution.self)
        expectPassed(report)
        #expect(report.figureInEnglish.contains("spirals"))
    }

    @Test(.enabled(if: untouched(PlaygroundActivity.info)))
    func untouchedExerciseIsNotDoneYet() {
        expectNotDoneYet(PlaygroundActivity.check(Playground.self))
    }

    // The spirals wait for the first two answers, so these train them once at most.
    final class LineForXOR: PlaygroundSolution {
        override func xorFeatures() throws -> [PlaygroundLesson.Feature] { [.x1, .x2] }
    }
    final class LineForCircles: PlaygroundSolution {
        override func circleFeatures() throws -> [PlaygroundLesson.Feature] { [.x1, .x2, .x1x2] }
    }
    final class NoHiddenLayerForSpirals: PlaygroundSolution {
        override func spiralNetwork() throws -> (features: [PlaygroundLesson.Feature], hiddenLayers: [Int]) { ([.x1, .x2], []) }
    }

    @Test func namesEachTypicalMistake() {
        expectMistake(PlaygroundActivity.check(LineForXOR.self), .featuresNotSeparating, in: "xorFeatures()")
        expectMistake(PlaygroundActivity.check(LineForCircles.self), .featuresNotSeparating, in: "circleFeatures()")
        expectMistake(PlaygroundActivity.check(NoHiddenLayerForSpirals.self), .hiddenLayerMissing)
    }
}
