import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import NeuronaPictures
import NeuronaTraining

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
        #expect(census.classes["curve"] == 2)
        #expect(census.classes["legend-entry"] == 2)
        // x from −3.99 to 4.01: ticks every 2 (6 intervals wanted → step 2 since 8/6 = 1.33 → 2).
        #expect(census.texts["tick-x"] == ["-2", "0", "2", "4"])
        // y from −1 to 1: step 0.5.
        #expect(census.texts["tick-y"] == ["-1.0", "-0.5", "0.0", "0.5", "1.0"])
        #expect(census.classes["gridline"] == 4 + 5)
        #expect(census.classes["zero-line"] == 2)
        #expect(census.texts["axis-label"] == ["x", "f(x)"])
        #expect(census.texts["title"] == ["tanh & its derivative"])
    }

    @Test func trainingCurvesHaveOnePanelPerQuantity() throws {
        var history = History()
        history.epochs = [1, 2, 3, 4, 5]
        history.values = ["loss": [0.5003, 0.3782, 0.3362, 0.3141, 0.2934], "accuracy": [0.8238, 0.8643, 0.8784, 0.8844, 0.8922],
                          "val_loss": [0.41, 0.38, 0.36, 0.35, 0.34], "val_accuracy": [0.85, 0.86, 0.87, 0.87, 0.88]]
        let grid = TrainingCurves.chart(history)
        #expect(grid.charts.map(\.title) == ["loss", "accuracy"])
        let path = temporaryFolder("curves") + "/curves.svg"
        try grid.write(to: path)
        let census = try SVGCensus.parse(try String(contentsOfFile: path, encoding: .utf8))
        #expect(census.classes["panel"] == 2)
        #expect(census.classes["curve"] == 4)          // training and validation, two panels
        #expect(census.classes["legend-entry"] == 4)
        #expect(census.texts["tick-x"] == ["1", "2", "3", "4", "5"] + ["1", "2", "3", "4", "5"])
        // Loss 0.2934…0.5003 over 5 intervals: 0.041 → step 0.05, rounded out to 0.25…0.50;
        // accuracy 0.8238…0.8922: 0.0137 → step 0.02, 0.82…0.90.
        let yTicks = census.texts["tick-y"]!
        #expect(yTicks == ["0.25", "0.30", "0.35", "0.40", "0.45", "0.50", "0.82", "0.84", "0.86", "0.88", "0.90"])
        #expect(census.texts["axis-label"]!.contains("epoch"))
    }

    @Test func logAxisTicksArePowersOfTen() throws {
        let chart = LineChart(title: "loss", xLabel: "step", yLabel: "loss", series: [
            .init(name: "a", x: [0, 1, 2, 3], y: [2, 0.5, 0.05, 0.004]),
        ], logY: true)
        let census = try SVGCensus.parse(chart.svg())
        #expect(census.texts["tick-y"] == ["0.001", "0.01", "0.1", "1", "10"])
        #expect(census.classes["zero-line"] == nil)
    }
}
