import ActivityExercises
import ActivityKit
import ActivitySolutions
import NeuronaCore
import NeuronaData
import NeuronaLayers
import Testing

/// Activity 10: the checker accepts the reference, names each typical mistake, and reports an
/// untouched file as not done yet. The figure trains on 2,000 images (Debian's
/// dataset-fashion-mnist, which `make setup` installs).
struct FashionMNISTActivityTests {
    static let dataPresent = (try? MNISTFamily.fashionMNIST.load()) != nil

    @Test(.enabled(if: dataPresent))
    func acceptsTheReferenceAndTrainsIt() {
        let report = FashionMNISTActivity.check(FashionMNISTSolution.self, options: .init(quick: true))
        expectPassed(report)
        #expect(report.figureInEnglish.contains("0.8792"))
    }

    @Test(.enabled(if: untouched(FashionMNISTActivity.info)))
    func untouchedExerciseIsNotDoneYet() {
        expectNotDoneYet(FashionMNISTActivity.check(FashionMNIST.self))
    }

    final class PixelsLeftAlone: FashionMNISTSolution {
        override func prepare(_ images: Tensor) throws -> Tensor { images }
    }
    final class NoFlatten: FashionMNISTSolution {
        override func layers() -> [any Layer] { [Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)] }
    }
    final class OneHotLoss: FashionMNISTSolution {
        override var lossName: String { "categorical_crossentropy" }
    }
    final class SigmoidOutput: FashionMNISTSolution {
        override func layers() -> [any Layer] { [Flatten(), Dense(units: 128, activation: .relu), Dense(units: 10, activation: .sigmoid)] }
    }

    @Test func namesEachTypicalMistake() {
        expectMistake(FashionMNISTActivity.check(PixelsLeftAlone.self), .pixelsNotScaled, in: "prepare(_:)")
        expectMistake(FashionMNISTActivity.check(NoFlatten.self), .flattenMissing)
        expectMistake(FashionMNISTActivity.check(OneHotLoss.self), .wrongLoss)
        expectMistake(FashionMNISTActivity.check(SigmoidOutput.self), .wrongActivation)
    }
}
