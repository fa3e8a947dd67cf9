import Foundation
@testable import Lessons
import NeuronaCore
import NeuronaData
import Testing
import _NeuronaTestSupport

/// `--lang es`: every lesson's Spanish explanation, from a short run of the lesson.
///
/// Each case runs its lesson once in a cheap configuration (few epochs, a few training images,
/// small playground data; the image lessons read a folder of 64 + 32 random 28×28 images written
/// in Fashion-MNIST's file format, not the real 70,000) and checks the Spanish text built from that run's report: it cites
/// "Lección" and the lesson's lectures, shows the key figures formatted exactly as the English
/// text formats them (each is checked in the English text of the same run too), and has none of
/// the English words a forgotten translation would leave.
struct SpanishTextTests {
    /// A lesson, the options of its short run, and the key figures as both texts must show them.
    struct Case: CustomTestStringConvertible, Sendable {
        let lesson: any Lesson.Type
        let epochs: Int?
        let trainLimit: Int?
        let arguments: [String]
        /// Reads the small image folder (`--data-dir`).
        let smallImages: Bool
        let figures: @Sendable (LessonReport) -> [String]

        init(_ lesson: any Lesson.Type, epochs: Int? = nil, trainLimit: Int? = nil, arguments: [String] = [], smallImages: Bool = false,
             figures: @escaping @Sendable (LessonReport) -> [String]) {
            (self.lesson, self.epochs, self.trainLimit, self.arguments, self.smallImages, self.figures) =
                (lesson, epochs, trainLimit, arguments, smallImages, figures)
        }

        var testDescription: String { lesson.name }

        var options: LessonOptions {
            var options = LessonOptions(epochs: epochs, dataDirectory: smallImages ? SpanishTextTests.smallImageFolder : nil,
                                        outputDirectory: temporaryFolder("spanish-\(lesson.name)").path,
                                        trainLimit: trainLimit, quiet: true)
            options.arguments = arguments
            options.language = .es
            return options
        }
    }

    /// A folder holding Fashion-MNIST's four files (the names MNIST uses too) with 64 training
    /// and 32 test images of seeded random pixels (the pictures show the first 25 of each), labels 0…9 in turn: enough for the image
    /// lessons to run end to end in well under a second each.
    static let smallImageFolder: String = {
        let folder = temporaryPath("spanish-images")
        var generator = RandomGenerator(seed: 15)
        func write(_ data: Data, _ name: String) {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? Gzip.compress(data).write(to: folder.appendingPathComponent(name))
        }
        for (prefix, count) in [("train", 64), ("t10k", 32)] {
            let pixels = (0..<(count * 28 * 28)).map { _ in UInt8(generator.nextInt(below: 256)) }
            write(IDXReader.encode(bytes: pixels, shape: [count, 28, 28]), "\(prefix)-images-idx3-ubyte.gz")
            write(IDXReader.encode(bytes: (0..<count).map { UInt8($0 % 10) }, shape: [count]), "\(prefix)-labels-idx1-ubyte.gz")
        }
        return folder.path
    }()

    /// The number figure `key` of `r`'s object figure `object`.
    static func inner(_ r: LessonReport, _ object: String, _ key: String) -> Double {
        guard case .object(let o)? = r.figures[object], case .number(let v)? = o[key] else { return .nan }
        return v
    }

    static let cases: [Case] = [
        Case(TensorsLesson.self) { r in [format(r.number("lstsq_slope")!, 2), format(r.number("lstsq_intercept")!, 2), format(r.number("rmse")!, 1)] },
        Case(NeuronLesson.self) { r in [format(r.number("output")!, 5)] },
        Case(FeedforwardLesson.self) { r in [format(r.number("h1")!, 5), format(r.number("o1")!, 5)] },
        Case(BackpropLesson.self) { r in [format(r.number("dL_dw1")!, 7), format(r.number("h1")!), format(r.number("dh1_dw1")!)] },
        Case(GenderLesson.self, epochs: 20) { r in [format(r.number("initial_loss")!, 4), format(r.number("final_loss")!, 6)] },
        Case(ComputationGraphLesson.self) { r in ["= \(format(r.number("f")!))", "= \(format(r.number("dE_dx2")!))"] },
        Case(XORLesson.self, epochs: 50) { r in
            [format(r.number("linear_alpha")!, 6), format(r.number("final_loss")!, 5), "(" + r.numbers("hand_predictions")!.map { format($0, 3) }.joined(separator: ", ") + ")"]
        },
        Case(ActivationsLesson.self) { r in ["\(r.number("max_derivative_error")!)"] },
        Case(OptimizersLesson.self, epochs: 5) { r in [format(inner(r, "final_loss", "adam"), 5), format(inner(r, "final_loss", "sgd"), 5)] },
        Case(LinearRegressionLesson.self, epochs: 10) { r in [format(r.number("lstsq_slope")!, 4), format(r.number("multi_gd_r2")!, 6)] },
        Case(LogisticRegressionLesson.self, epochs: 2) { r in [format(r.number("test_accuracy")!, 4), format(r.number("precision")!, 4), format(r.number("recall")!, 4)] },
        Case(IrisLesson.self, epochs: 2) { r in [format(r.number("test_accuracy")!, 4), format(r.numbers("precision")![1], 3)] },
        Case(DiabetesLesson.self, epochs: 2) { r in [format(r.number("test_mse")!, 1), format(r.number("test_r2")!, 4)] },
        Case(ShallowMNISTLesson.self, epochs: 1, smallImages: true) { r in [format(r.number("test_accuracy")!, 4), format(r.number("seconds_per_epoch")!, 2)] },
        Case(FashionMNISTLesson.self, epochs: 1, smallImages: true) { r in
            [String(format: "%.4f", r.number("test_accuracy")!), String(format: "%.4f", r.numbers("epoch_losses")![0]), "0.8792"]
        },
        Case(ConvolutionLesson.self, smallImages: true) { r in ["(\(Int(r.number("square_edge_pixels")!)) ", "\(r.numbers("output_shape")!.map { Int($0) })"] },
        Case(CNNLesson.self, epochs: 1, smallImages: true) { r in
            [format(r.number("test_accuracy")!, 4), format(r.number("mlp_test_accuracy")!, 4), format(r.number("input_mean")!, 3)]
        },
        Case(AutoencoderLesson.self, epochs: 1, smallImages: true) { r in [format(r.number("test_mse")!, 5), format(r.number("average_image_mse")!, 5)] },
        Case(AugmentationLesson.self, epochs: 1, trainLimit: 40) { r in
            [format(r.number("plain_test_accuracy")!, 4), format(r.number("augmented_test_accuracy")!, 4)]
        },
        Case(ResidualLesson.self, epochs: 1, trainLimit: 64) { r in
            [format(r.number("plain_accuracy")!, 4), format(r.number("residual_accuracy")!, 4), String(format: "%.1e", r.numbers("plain_grad_norms")![0])]
        },
        Case(ArchitecturesLesson.self, epochs: 1, trainLimit: 60) { r in [format(inner(r, "sequential", "test_accuracy"), 4), format(inner(r, "recurrent", "test_accuracy"), 4)] },
        Case(SequenceLesson.self, epochs: 1, trainLimit: 50) { r in [format(inner(r, "lstm", "final_metric"), 4), format(inner(r, "transformer", "final_metric"), 4)] },
        Case(TextClassifierLesson.self, epochs: 1, trainLimit: 80) { r in
            [format(r.number("test_accuracy")!, 4), format(r.number("plain_test_accuracy")!, 4), format(r.numbers("example_spanish_probabilities")![1], 3)]
        },
        Case(DistributedLesson.self, epochs: 1, smallImages: true) { r in
            [String(format: "%.4f", r.number("test_accuracy")!), String(format: "%.4f", r.numbers("epoch_losses")![0])]
        },
        Case(PlaygroundLesson.self, epochs: 1, arguments: ["--dataset", "xor,spirals", "--points", "24", "--hidden", "2"]) { r in
            [format(r.number("xor_test_accuracy")!, 3), format(r.number("spirals_train_loss")!, 4)]
        },
        Case(InteropLesson.self, smallImages: true) { r in
            [format(r.number("keras_test_accuracy")!, 4), format(r.number("pytorch_test_accuracy")!, 4)]
        },
    ]

    /// Words an untranslated sentence leaves behind (checked in lower case, outside the «…» that
    /// quote the lectures' own headings, some of which are English).
    static let englishWords = ["the ", "accuracy", "epoch", " of ", "pictures"]

    /// The text without the quoted section headings.
    static func withoutQuotes(_ text: String) -> String {
        var result = "", quoted = false
        for c in text {
            if c == "«" { quoted = true } else if c == "»" { quoted = false } else if !quoted { result.append(c) }
        }
        return result
    }

    @Test func everyLessonHasACase() {
        expectEqual(Set(Self.cases.map { $0.lesson.name }), Set(Lessons.all.map { $0.name }))
    }

    @Test(arguments: cases) func spanishTextCitesTheLectureAndShowsTheFigures(_ c: Case) throws {
        let options = c.options
        let report = try c.lesson.run(options)
        let spanish = c.lesson.spanishText(report, options: options)
        let text = spanish + report.picturesSection(.es)
        let body = spanish.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(body.hasPrefix("Lección "), "\(c.lesson.name): \(body.prefix(80))")
        for lecture in c.lesson.lectures {
            #expect(body.contains("ección \(lecture)"), "\(c.lesson.name) does not cite lecture \(lecture)")
        }
        #expect(body.contains("«") && body.contains("»"), "\(c.lesson.name) names no section")
        for figure in c.figures(report) {
            #expect(!figure.contains("nan"), "\(c.lesson.name): figure \(figure)")
            #expect(report.text.contains(figure), "\(c.lesson.name): the English text lacks \(figure)")
            #expect(spanish.contains(figure), "\(c.lesson.name): the Spanish text lacks \(figure)")
        }
        let unquoted = Self.withoutQuotes(text).lowercased()
        for word in Self.englishWords {
            #expect(!unquoted.contains(word), "\(c.lesson.name): English '\(word)' in the Spanish text:\n\(text)")
        }
        #expect(!unquoted.contains("nan"), "\(c.lesson.name): a missing figure shows as nan:\n\(text)")
        #expect(!c.lesson.spanishSummary.isEmpty && c.lesson.spanishSummary != c.lesson.summary)
    }

    /// `report(_:)` puts it together: the Spanish text, then the pictures' lines in Spanish; the
    /// figures (the JSON) are the same in both languages.
    @Test func reportInSpanishKeepsTheFiguresAndListsThePictures() throws {
        var options = LessonOptions(epochs: 30, outputDirectory: temporaryFolder("spanish-xor-report").path, quiet: true)
        let english = try XORLesson.report(options)
        options.language = .es
        let spanish = try XORLesson.report(options)
        expectEqual(english.json, spanish.json)
        #expect(english.text.hasPrefix("XOR (lecture 002)") && english.text.contains("\n\nPictures:\n"))
        #expect(spanish.text.hasPrefix("Lección 002, «Worked Example: The \"Exclusive OR (XOR)\" Function»"))
        #expect(spanish.text.hasSuffix("\n\nImágenes:\n  \(options.outputDirectory)/xor-decision-boundary.png\n      P(clase 1) sobre el plano (naranja 0, azul 1, línea negra en 1/2) y los cuatro puntos"),
                "\(spanish.text)")
        #expect(!spanish.text.contains("Pictures:"))
    }
}
