import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import NeuronaPictures
import NeuronaTraining
import _NeuronaTestSupport

/// Counts an SVG's elements by tag and by `class`, and collects each class's texts, via XMLParser
/// (which fails on malformed XML).
final class SVGCensus: NSObject, XMLParserDelegate {
    var tags: [String: Int] = [:]
    var classes: [String: Int] = [:]
    var texts: [String: [String]] = [:]
    private var currentClass: String?
    private var buffer = ""

    static func parse(_ svg: String) throws -> SVGCensus {
        let census = SVGCensus()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = census
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        return census
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        tags[name, default: 0] += 1
        if let c = attributes["class"] { classes[c, default: 0] += 1 }
        if name == "text" { currentClass = attributes["class"] ?? ""; buffer = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { buffer += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text", let c = currentClass { texts[c, default: []].append(buffer); currentClass = nil }
    }
}

@Suite struct LineChartTests {
    @Test func chartHasCurvesNiceTicksGridlinesAndZeroLine() throws {
        let x = stride(from: -4.0, through: 4, by: 0.5).map { $0 + 0.0123 }
        let chart = LineChart(title: "tanh & its derivative", xLabel: "x", yLabel: "f(x)", series: [
            .init(name: "tanh", x: x, y: x.map { Foundation.tanh($0) }),
            .init(name: "tanh'", x: x, y: x.map { 1 - Foundation.tanh($0) * Foundation.tanh($0) }, dashed: true),
        ])
        let census = try SVGCensus.parse(chart.svg())
        expectEqual(census.classes["curve"], 2)
        expectEqual(census.classes["legend-entry"], 2)
        // x from −3.99 to 4.01: ticks every 2 (6 intervals wanted → step 2 since 8/6 = 1.33 → 2).
        expectEqual(census.texts["tick-x"], ["-2", "0", "2", "4"])
        // y from −1 to 1: step 0.5.
        expectEqual(census.texts["tick-y"], ["-1.0", "-0.5", "0.0", "0.5", "1.0"])
        expectEqual(census.classes["gridline"], 4 + 5)
        expectEqual(census.classes["zero-line"], 2)
        expectEqual(census.texts["axis-label"], ["x", "f(x)"])
        expectEqual(census.texts["title"], ["tanh & its derivative"])
    }

    @Test func trainingCurvesHaveOnePanelPerQuantity() throws {
        var history = History()
        history.epochs = [1, 2, 3, 4, 5]
        history.values = ["loss": [0.5003, 0.3782, 0.3362, 0.3141, 0.2934], "accuracy": [0.8238, 0.8643, 0.8784, 0.8844, 0.8922],
                          "val_loss": [0.41, 0.38, 0.36, 0.35, 0.34], "val_accuracy": [0.85, 0.86, 0.87, 0.87, 0.88]]
        let grid = TrainingCurves.chart(history)
        expectEqual(grid.charts.map(\.title), ["loss", "accuracy"])
        let path = temporaryFolder("curves").appendingPathComponent("curves.svg")
        try grid.write(to: path)
        let census = try SVGCensus.parse(try String(contentsOf: path, encoding: .utf8))
        expectEqual(census.classes["panel"], 2)
        expectEqual(census.classes["curve"], 4)          // training and validation, two panels
        expectEqual(census.classes["legend-entry"], 4)
        expectEqual(census.texts["tick-x"], ["1", "2", "3", "4", "5"] + ["1", "2", "3", "4", "5"])
        // Loss 0.2934…0.5003 over 5 intervals: 0.041 → step 0.05, rounded out to 0.25…0.50;
        // accuracy 0.8238…0.8922: 0.0137 → step 0.02, 0.82…0.90.
        let yTicks = census.texts["tick-y"]!
        expectEqual(yTicks, ["0.25", "0.30", "0.35", "0.40", "0.45", "0.50", "0.82", "0.84", "0.86", "0.88", "0.90"])
        #expect(census.texts["axis-label"]!.contains("epoch"))
    }

    @Test func logAxisTicksArePowersOfTen() throws {
        let chart = LineChart(title: "loss", xLabel: "step", yLabel: "loss", series: [
            .init(name: "a", x: [0, 1, 2, 3], y: [2, 0.5, 0.05, 0.004]),
        ], logY: true)
        let census = try SVGCensus.parse(chart.svg())
        expectEqual(census.texts["tick-y"], ["0.001", "0.01", "0.1", "1", "10"])
        #expect(census.classes["zero-line"] == nil)
    }
}

/// Training curves in the lectures' language, on a log axis, with early stopping's epoch marked,
/// as SVG and as PNG.
@Suite struct TrainingCurvesOptionsTests {
    static let history: History = {
        var history = History()
        history.epochs = [1, 2, 3, 4, 5]
        history.values = ["loss": [0.9, 0.3, 0.1, 0.12, 0.15], "val_loss": [1.0, 0.5, 0.2, 0.25, 0.3],
                          "accuracy": [0.6, 0.8, 0.9, 0.88, 0.87]]
        return history
    }()

    @Test func spanishLabelsLogLossAndTheRestoredEpoch() throws {
        let grid = TrainingCurves.chart(Self.history, logLoss: true, restoredEpoch: 3, labels: .spanish)
        let census = try SVGCensus.parse(grid.svg())
        expectEqual(census.texts["title"]?.first, "Curvas de entrenamiento")
        expectEqual(census.texts["axis-label"], ["época", "loss (escala log.)", "época", "accuracy"])
        expectEqual(census.classes["marker"], 2)                       // one per panel
        expectEqual(grid.charts.map(\.logY), [true, false])           // only the loss panel is logarithmic
        expectEqual(grid.charts[0].series.map(\.name), ["entrenamiento", "validación"])
        #expect(grid.charts[0].markers.map(\.x) == [3] && grid.charts[0].markers[0].label == "pesos restaurados")
    }

    /// The PNG is the SVG's drawing: every point of the SVG's training curve is the curve's colour
    /// in the PNG (within the 2-pixel line's half width and one pixel of rounding).
    @Test func pngDrawsWhatTheSVGDraws() throws {
        let chart = TrainingCurves.chart(Self.history, restoredEpoch: 3).charts[0]
        let path = temporaryFolder("curves-png").appendingPathComponent("loss.png")
        try chart.write(to: path, width: 600, height: 400)
        let image = try PNGFile.read(path)
        #expect(image.width == 600 && image.height == 400)
        let svg = chart.svg(width: 600, height: 400)
        let d = try #require(Self.attribute("d", ofFirst: "class=\"curve\"", in: svg)).dropFirst()   // "M…"
        let points = d.split(separator: "L").map { $0.trimmingCharacters(in: .whitespaces).split(separator: ",").map { Double($0)! } }
        expectEqual(points.count, 5)
        let blue = RGB.palette[0]
        for point in points {
            let (x, y) = (Int(point[0].rounded()), Int(point[1].rounded()))
            let near = (-1...1).flatMap { dx in (-1...1).map { dy in image[x + dx, y + dy] } }
            #expect(near.contains(blue), "no curve pixel near (\(x), \(y))")
        }
        // The dashed validation curve and the marker's dotted line are drawn too.
        expectEqual(image.bytes.count, 600 * 400 * 3)
        var colours = Set<[UInt8]>()
        for i in stride(from: 0, to: image.bytes.count, by: 3) { colours.insert(Array(image.bytes[i..<i + 3])) }
        #expect(colours.contains([RGB.palette[1].red, RGB.palette[1].green, RGB.palette[1].blue]))
        let markerX = try #require(Self.attribute("x1", ofFirst: "class=\"marker\"", in: svg))
        let column = Int(Double(markerX)!.rounded())
        #expect((0..<400).filter { image[column, $0] == RGB(hex: 0x555555) }.count > 20)
    }

    /// The value of the first `name="…"` attribute after the first occurrence of `marker` in `svg`.
    static func attribute(_ name: String, ofFirst marker: String, in svg: String) -> String? {
        guard let element = svg.range(of: marker),
              let start = svg.range(of: " \(name)=\"", range: element.upperBound..<svg.endIndex),
              let end = svg[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(svg[start.upperBound..<end])
    }
}
