import Foundation
import Lessons
import NeuronaPictures
import Testing
import _NeuronaTestSupport

/// The TensorFlow-playground exercise: what features and hidden layers each data set needs.
/// Small data and few epochs: debug builds run these.
struct PlaygroundLessonTests {
    static func run(_ arguments: [String], epochs: Int) throws -> LessonReport {
        var options = LessonOptions(seed: 42, epochs: epochs,
                                    outputDirectory: temporaryFolder("playground").path, quiet: true)
        options.arguments = arguments + ["--no-table"]
        return try PlaygroundLesson.run(options)
    }

    @Test func aLineCannotDoXORButTheProductFeatureCan() throws {
        // A linear model on x1, x2: the best line leaves XOR near chance.
        let line = try Self.run(["--dataset", "xor", "--points", "200", "--features", "x1,x2", "--hidden", "", "--batch", "20"], epochs: 40)
        #expect(abs(line.number("xor_test_accuracy")! - 0.5) <= 0.15)
        // x1·x2 alone decides XOR (class 1 where it is negative): a linear model on it is exact.
        let product = try Self.run(["--dataset", "xor", "--points", "200", "--features", "x1,x2,x1x2", "--hidden", "", "--batch", "20"], epochs: 40)
        #expect(product.number("xor_test_accuracy")! >= 0.95)
        #expect(product.number("xor_test_loss")! < line.number("xor_test_loss")!)
    }

    @Test func spiralsNeedHiddenUnitsOrSineFeatures() throws {
        let r = try Self.run(["--dataset", "spirals", "--points", "300", "--features", "x1,x2,sin(x1),sin(x2)", "--hidden", "16,16",
                              "--batch", "15", "--learning-rate", "0.03"], epochs: 150)
        #expect(r.number("spirals_test_accuracy")! >= 0.9)
    }

    @Test func everyDataSetWritesItsDecisionBoundary() throws {
        let r = try Self.run(["--points", "100", "--hidden", "4", "--batch", "25"], epochs: 20)
        guard case .array(let items)? = r.figures["pictures"] else { Issue.record("no pictures"); return }
        let paths = items.compactMap { if case .string(let path) = $0 { return path } else { return nil } }
        expectEqual(paths.count, 4)
        for (name, path) in zip(["circles", "xor", "gaussians", "spirals"], paths) {
            #expect(path.hasSuffix("playground-\(name).png"))
            let image = try PNGFile.read(URL(fileURLWithPath: path))
            #expect(image.width > DecisionBoundary.plotSize && image.height > DecisionBoundary.plotSize)
            #expect(r.number("\(name)_test_accuracy") != nil && r.number("\(name)_test_loss") != nil)
        }
        // Two gaussians are separable by a line: even 20 epochs of a tiny net get them.
        #expect(r.number("gaussians_test_accuracy")! >= 0.95)
    }

    @Test func unknownFeatureIsRefusedByName() {
        #expect(throws: (any Error).self) { try Self.run(["--features", "x3"], epochs: 1) }
        do { _ = try Self.run(["--features", "x1,x3"], epochs: 1) } catch { #expect("\(error)".contains("x3")) }
    }
}
