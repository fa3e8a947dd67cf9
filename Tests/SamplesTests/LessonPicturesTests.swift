import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Lessons
import NeuronaPictures
import Testing
import _NeuronaTestSupport

/// The pictures the lessons write, read back: PNG through libpng, SVG through XMLParser.
struct LessonPicturesTests {
    static func options(_ topic: String) -> LessonOptions {
        LessonOptions(outputDirectory: temporaryPath("pictures-\(topic)").path,
                      quiet: true)
    }

    @Test func xorDecisionBoundaryShowsTheFourPointsOnTheirSides() throws {
        let options = Self.options("xor")
        let report = try XORLesson.run(options)
        let path = options.outputDirectory + "/xor-decision-boundary.png"
        #expect(report.text.contains(path))
        let image = try PNGFile.read(URL(fileURLWithPath: path))
        // 400-pixel plot, 84 px of labels on the left, the title's 40 above.
        #expect(image.width == 516 && image.height == 500)
        // The plot spans [−0.5, 1.5]², 200 px per unit: (0, 1) is at (84 + 100, 40 + 100), (1, 1) at (384, 140).
        expectEqual(image[184, 140], RGB(hex: 0x0877BD))   // class 1, blue
        expectEqual(image[384, 140], RGB(hex: 0xF59322))   // class 0, orange
        expectEqual(image[184, 340], RGB(hex: 0xF59322))   // (0, 0)
        expectEqual(image[384, 340], RGB(hex: 0x0877BD))   // (1, 0)
        // The background under (1, 1) is the trained network's: mostly orange (P(class 1) < ½).
        let background = image[384 + 15, 140]
        #expect(background.red > background.blue)
    }

    @Test func activationsAreSmallMultiplesWithSoftmax() throws {
        let options = Self.options("activations")
        _ = try ActivationsLesson.run(options)
        let svg = try String(contentsOfFile: options.outputDirectory + "/activations.svg", encoding: .utf8)
        final class Census: NSObject, XMLParserDelegate {
            var classes: [String: Int] = [:]
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if let c = attributes["class"] { classes[c, default: 0] += 1 }
            }
        }
        let census = Census()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = census
        #expect(parser.parse())
        // Eleven activations and softmax: one panel each, f and f' in each, a zero line in each
        // (x from −4 to 4; y crosses 0 in most).
        expectEqual(census.classes["panel"], 12)
        expectEqual(census.classes["curve"], 24)
        #expect((census.classes["zero-line"] ?? 0) >= 12)
        #expect(svg.contains(">softmax s1 of (x, 1, -1)<"))
        #expect(!svg.contains(">0.012<"))
    }

    @Test func irisConfusionMatrixPicture() throws {
        let options = Self.options("iris")
        _ = try IrisLesson.run(options)
        let image = try PNGFile.read(URL(fileURLWithPath: options.outputDirectory + "/iris-confusion.png"))
        #expect(image.width > 3 * 48 && image.height > 3 * 48)
        // The darkest blue is the largest count, on the diagonal.
        let pixels = (0..<image.height).flatMap { y in (0..<image.width).map { image[$0, y] } }
        #expect(pixels.contains(ColorMap.blues.color(1)))
    }

    /// With `--lang es` the pictures speak Spanish too: titles, axes, legends and the log axis's
    /// note, with the letters the bitmap font draws (á, ñ) for PNG.
    @Test func picturesSpeakTheChosenLanguage() throws {
        var options = Self.options("activations-es")
        options.language = .es
        _ = try ActivationsLesson.report(options)
        let svg = try String(contentsOfFile: options.outputDirectory + "/activations.svg", encoding: .utf8)
        #expect(svg.contains(">Funciones de activación f (continua) y sus derivadas f' (discontinua, autograd)<"))
        #expect(svg.contains(">softmax s1 de (x, 1, -1)<") && !svg.contains(" of (x"))
        var iris = Self.options("iris-es")
        iris.language = .es
        let english = try PNGFile.read(Self.irisPicture(Self.options("iris-en")))
        let spanish = try PNGFile.read(Self.irisPicture(iris))
        // The same matrix (same seed, same counts) under other words: the title band differs, the
        // cells in the lower right quadrant are the same pixels.
        #expect(spanish.width == english.width && spanish.height == english.height)
        let titleBand = (0..<30).flatMap { y in (0..<english.width).map { (x: $0, y: y) } }
        #expect(titleBand.contains { english[$0.x, $0.y] != spanish[$0.x, $0.y] })
        let cells = (english.height / 2..<english.height).flatMap { y in (english.width / 2..<english.width).map { (x: $0, y: y) } }
        #expect(cells.allSatisfy { english[$0.x, $0.y] == spanish[$0.x, $0.y] })
    }

    /// Runs the iris lesson with `options` and returns its confusion matrix's path.
    static func irisPicture(_ options: LessonOptions) throws -> URL {
        _ = try IrisLesson.report(options)
        return URL(fileURLWithPath: options.outputDirectory).appendingPathComponent("iris-confusion.png")
    }
}
