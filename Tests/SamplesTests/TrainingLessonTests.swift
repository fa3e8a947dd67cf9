import Foundation
import Lessons
import NeuronaPictures
import Testing

/// Every figure the issue-5 samples print, with short runs where the full ones take long.
struct TrainingLessonTests {
    static func options(epochs: Int? = nil, trainLimit: Int? = nil) -> LessonOptions {
        LessonOptions(epochs: epochs, outputDirectory: FileManager.default.temporaryDirectory.path + "/neurona-lessons",
                      trainLimit: trainLimit, quiet: true)
    }

    @Test func linearRegressionGradientDescentReachesLeastSquares() throws {
        let r = try LinearRegressionLesson.run(Self.options())
        // numpy.polyfit(sizes, prices, 1) → [1095.44102353, 43013.02157038]
        #expect(abs(r.number("lstsq_slope")! - 1095.44102353) < 1e-6)
        #expect(abs(r.number("lstsq_intercept")! - 43013.02157038) < 1e-5)
        #expect(abs(r.number("slope")! / r.number("lstsq_slope")! - 1) < 1e-3)
        #expect(abs(r.number("intercept")! / r.number("lstsq_intercept")! - 1) < 1e-3)
        #expect(r.number("multi_gd_r2")! > 0.999)
        // numpy.linalg.lstsq on the five multivariable rows (an exact fit):
        let multi = r.numbers("multi_lstsq")!
        #expect(multi.count == 5 && abs(multi[4] - 42613.66) < 0.01)
    }

    @Test func logisticRegressionOnBreastCancer() throws {
        let r = try LogisticRegressionLesson.run(Self.options())
        #expect(r.number("test_accuracy")! >= 0.95)
        #expect(r.number("precision")! > 0.9 && r.number("recall")! > 0.9)
        guard case .array(let rows)? = r.figures["confusion_matrix"] else { Issue.record("no matrix"); return }
        #expect(rows.count == 2)
    }

    @Test func irisSoftmaxClassifier() throws {
        let r = try IrisLesson.run(Self.options())
        #expect(r.number("test_accuracy")! >= 0.9)
        #expect(r.numbers("precision")!.count == 3 && r.numbers("recall")!.count == 3)
        #expect(r.numbers("precision")![0] == 1)   // setosa is linearly separable from the rest
    }

    @Test func diabetesNetworkAndLinearBaseline() throws {
        let r = try DiabetesLesson.run(Self.options())
        // Published results on this data set: R² about 0.4–0.6 on held-out patients.
        #expect(r.number("test_r2")! > 0.4 && r.number("linear_test_r2")! > 0.4)
        #expect(r.number("test_mse")! < 3500 && r.number("linear_test_mse")! < 3500)
    }

    @Test func fashionMNISTShortRun() throws {
        // 6,000 images, one epoch: the full run (`make demo`) reaches about 0.87.
        let r = try FashionMNISTLesson.run(Self.options(epochs: 1, trainLimit: 6000))
        #expect(r.numbers("epoch_losses")!.count == 1)
        #expect(r.numbers("epoch_losses")![0] < 1.0)
        #expect(r.number("test_accuracy")! > 0.75)
        #expect(r.number("seconds_per_epoch")! > 0)
    }

    @Test func shallowMNISTShortRun() throws {
        let r = try ShallowMNISTLesson.run(Self.options(epochs: 1, trainLimit: 6000))
        #expect(r.figures["dataset"] == .string("fashion-mnist") || r.figures["dataset"] == .string("mnist"))
        #expect(r.number("test_accuracy")! > 0.65)
    }
}

/// The convolution lessons (issue 6).
struct ConvolutionLessonTests {
    @Test func edgeFilterAndPoolingShapes() throws {
        let r = try ConvolutionLesson.run(TrainingLessonTests.options())
        #expect(r.numbers("input_shape") == [1, 28, 28, 1])
        #expect(r.numbers("output_shape") == [1, 26, 26, 1])
        #expect(r.numbers("pooled_shape") == [1, 13, 13, 1])
        // The Laplacian on a 12×12 square lights up the ring just inside its border: 44 pixels
        // (12·4 − 4); outside the square the response is negative and ReLU removes it.
        #expect(r.number("square_edge_pixels") == 44)
        guard case .array(let files)? = r.figures["files"] else { Issue.record("no files"); return }
        #expect(files.count == 10)   // per image: input, edges, max pooling, average pooling, and the comparison
        if case .string(let path) = files[1] {
            let edges = try PNGFile.read(path)   // 26×26 shown 8× (224 / 26 = 8)
            #expect(edges.width == 26 * 8 && edges.height == 26 * 8)
        }
    }

    @Test func cnnShortRunBeatsChance() throws {
        let r = try CNNLesson.run(TrainingLessonTests.options(epochs: 1, trainLimit: 1024))
        #expect(r.number("test_accuracy")! > 0.55)
        #expect(r.number("mlp_test_accuracy")! > 0.5)
        // Standardized with the statistics of pixels in [0, 1] (the full training set's are
        // 0.2860 and 0.3530; these are the first 1,024 images').
        #expect(abs(r.number("input_mean")! - 0.286) < 0.02)
        #expect(abs(r.number("input_std")! - 0.353) < 0.02)
    }
}
