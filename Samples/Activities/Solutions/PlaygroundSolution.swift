import ActivityKit
import Lessons

/// Activity 7's reference answers (never shown by the checker; the tests check the checker with
/// them, and subclass them to make each typical mistake).
open class PlaygroundSolution: PlaygroundExercise {
    public required init() {}

    /// x1·x2 alone decides XOR: class 1 where it is negative.
    open func xorFeatures() throws -> [PlaygroundLesson.Feature] { [.x1, .x2, .x1x2] }

    /// x1² + x2² is the squared radius: a line in (x1², x2²) is a circle in (x1, x2).
    open func circleFeatures() throws -> [PlaygroundLesson.Feature] { [.x1Squared, .x2Squared] }

    open func spiralNetwork() throws -> (features: [PlaygroundLesson.Feature], hiddenLayers: [Int]) {
        ([.x1, .x2, .sinX1, .sinX2], [8, 8])
    }
}
