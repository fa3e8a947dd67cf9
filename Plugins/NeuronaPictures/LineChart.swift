import Foundation

/// A line chart drawn as SVG or PNG: nice ticks (1, 2, 5 × 10ⁿ), gridlines, zero lines, axis labels and
/// a legend. One chart is one panel; ``ChartGrid`` lays several out as small multiples.
///
/// Every element carries a `class` (`curve`, `tick-x`, `tick-y`, `gridline`, `zero-line`,
/// `legend-entry`, `axis-label`, `title`) so tests and stylesheets can find them.
public struct LineChart: Sendable {
    /// One curve.
    public struct Series: Sendable {
        /// The legend's name for it.
        public var name: String
        /// The x values.
        public var x: [Double]
        /// The y values (non-finite ones, and non-positive ones on a log axis, break the line).
        public var y: [Double]
        /// Its colour (nil: the next colour of the palette).
        public var color: RGB?
        /// Drawn dashed (for example a derivative, or validation next to training).
        public var dashed: Bool

        /// A curve through the points (x[i], y[i]).
        /// - Parameters:
        ///   - name: the legend's name for it.
        ///   - x: the x values.
        ///   - y: the y values, as many as x.
        ///   - color: its colour (nil: the palette's next).
        ///   - dashed: drawn dashed.
        public init(name: String, x: [Double], y: [Double], color: RGB? = nil, dashed: Bool = false) {
            (self.name, self.x, self.y, self.color, self.dashed) = (name, x, y, color, dashed)
        }
    }

    /// A vertical mark at one x value, labelled (the epoch whose weights early stopping put back).
    public struct Marker: Sendable {
        /// Where the mark stands, in x's units.
        public var x: Double
        /// The words written beside it.
        public var label: String

        /// A mark at `x` labelled `label`.
        /// - Parameters:
        ///   - x: where it stands, in x's units.
        ///   - label: the words written beside it.
        public init(x: Double, label: String) { (self.x, self.label) = (x, label) }
    }

    /// The title above the plot.
    public var title: String
    /// The x axis's label.
    public var xLabel: String
    /// The y axis's label.
    public var yLabel: String
    /// The curves.
    public var series: [Series]
    /// A logarithmic y axis (ticks at powers of ten).
    public var logY: Bool
    /// Fixed y limits (nil: from the data, rounded out to nice ticks).
    public var yLimits: ClosedRange<Double>?
    /// Whether to draw the legend (a chart with one curve usually does not need it).
    public var showsLegend: Bool
    /// Vertical marks at chosen x values.
    public var markers: [Marker]
    /// The words the chart adds itself (the log axis's note).
    public var labels: PictureLabels

    /// A chart.
    /// - Parameters:
    ///   - title: the title above the plot.
    ///   - xLabel: the x axis's label.
    ///   - yLabel: the y axis's label.
    ///   - series: the curves.
    ///   - logY: a logarithmic y axis.
    ///   - yLimits: fixed y limits (nil: from the data).
    ///   - showsLegend: whether to draw the legend.
    ///   - markers: vertical marks at chosen x values.
    ///   - labels: the words the chart adds itself, in the picture's language.
    public init(title: String, xLabel: String, yLabel: String, series: [Series] = [], logY: Bool = false,
                yLimits: ClosedRange<Double>? = nil, showsLegend: Bool = true, markers: [Marker] = [],
                labels: PictureLabels = .english) {
        (self.title, self.xLabel, self.yLabel, self.series) = (title, xLabel, yLabel, series)
        (self.logY, self.yLimits, self.showsLegend) = (logY, yLimits, showsLegend)
        (self.markers, self.labels) = (markers, labels)
    }

    /// The default size of a stand-alone chart, in pixels.
    public static let defaultSize = (width: 720.0, height: 460.0)

    /// The y axis's label with the log axis's note.
    var yAxisLabel: String { yLabel + (logY ? " " + labels.logScale : "") }

    /// The chart as a complete SVG document.
    public func svg(width: Double = LineChart.defaultSize.width, height: Double = LineChart.defaultSize.height) -> String {
        SVG.document(width: width, height: height, body: elements(x: 0, y: 0, width: width, height: height))
    }

    /// Writes the chart to `url` (atomically, creating folders): PNG when its extension is
    /// `png`, SVG otherwise.
    public func write(to url: URL, width: Double = LineChart.defaultSize.width,
                      height: Double = LineChart.defaultSize.height) throws {
        if url.pathExtension.lowercased() == "png" {
            try PNGFile.write(image(width: Int(width), height: Int(height)), to: url)
        } else {
            try PNGFile.writeAtomically(Data(svg(width: width, height: height).utf8), to: url)
        }
    }

    /// The chart's SVG elements inside the box (x, y, width, height).
    public func elements(x boxX: Double, y boxY: Double, width: Double, height: Double) -> String {
        var out = SVG.text(title, x: boxX + width / 2, y: boxY + 20, anchor: "middle", size: 15, weight: "bold", cssClass: "title")
        let legend = ChartAxes.legend(self, x: boxX, y: boxY, width: width) { SVG.textWidth($0, size: 12) }
        for (k, (line, entry)) in zip(series, legend.entries).enumerated() {
            let color = (line.color ?? RGB.palette[k % RGB.palette.count]).hexString
            out += "<g class=\"legend-entry\">"
            out += "<line x1=\"\(SVG.n(entry.x))\" y1=\"\(SVG.n(entry.y - 4))\" x2=\"\(SVG.n(entry.x + 24))\" y2=\"\(SVG.n(entry.y - 4))\" stroke=\"\(color)\" stroke-width=\"2.5\"\(line.dashed ? " stroke-dasharray=\"6 3\"" : "")/>"
            out += SVG.text(line.name, x: entry.x + 30, y: entry.y, anchor: "start", size: 12, cssClass: nil)
            out += "</g>\n"
        }
        guard let axes = ChartAxes(self, x: boxX, y: boxY, width: width, height: height, legendRows: legend.rows) else { return out }
        let (left, right, top, bottom) = (axes.left, axes.right, axes.top, axes.bottom)

        // Gridlines and ticks.
        out += "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(right - left))\" height=\"\(SVG.n(bottom - top))\" fill=\"#fafafa\" stroke=\"none\"/>\n"
        for t in axes.xTicks {
            out += "<line class=\"gridline\" x1=\"\(SVG.n(axes.px(t.value)))\" y1=\"\(SVG.n(top))\" x2=\"\(SVG.n(axes.px(t.value)))\" y2=\"\(SVG.n(bottom))\" stroke=\"#dddddd\"/>\n"
            out += SVG.text(t.label, x: axes.px(t.value), y: bottom + 16, anchor: "middle", size: 11, cssClass: "tick-x")
        }
        for t in axes.yTicks {
            out += "<line class=\"gridline\" x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(axes.py(t.value)))\" x2=\"\(SVG.n(right))\" y2=\"\(SVG.n(axes.py(t.value)))\" stroke=\"#dddddd\"/>\n"
            out += SVG.text(t.label, x: left - 6, y: axes.py(t.value) + 4, anchor: "end", size: 11, cssClass: "tick-y")
        }
        // Zero lines where 0 is inside the range.
        if axes.showsYZero {
            out += "<line class=\"zero-line\" x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(axes.py(0)))\" x2=\"\(SVG.n(right))\" y2=\"\(SVG.n(axes.py(0)))\" stroke=\"#555555\" stroke-width=\"1.2\"/>\n"
        }
        if axes.showsXZero {
            out += "<line class=\"zero-line\" x1=\"\(SVG.n(axes.px(0)))\" y1=\"\(SVG.n(top))\" x2=\"\(SVG.n(axes.px(0)))\" y2=\"\(SVG.n(bottom))\" stroke=\"#555555\" stroke-width=\"1.2\"/>\n"
        }
        out += "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(right - left))\" height=\"\(SVG.n(bottom - top))\" fill=\"none\" stroke=\"#888888\"/>\n"
        out += SVG.text(xLabel, x: (left + right) / 2, y: boxY + height - 12, anchor: "middle", size: 12, cssClass: "axis-label")
        let ly = (top + bottom) / 2, lx = boxX + 16
        out += "<text class=\"axis-label\" x=\"\(SVG.n(lx))\" y=\"\(SVG.n(ly))\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 \(SVG.n(lx)) \(SVG.n(ly)))\">\(SVG.escape(yAxisLabel))</text>\n"
        for marker in markers where marker.x.isFinite {
            let x = axes.px(marker.x)
            out += "<g class=\"marker\"><line x1=\"\(SVG.n(x))\" y1=\"\(SVG.n(top))\" x2=\"\(SVG.n(x))\" y2=\"\(SVG.n(bottom))\" stroke=\"#555555\" stroke-width=\"1.2\" stroke-dasharray=\"2 3\"/>"
            out += SVG.text(marker.label, x: x - 4, y: top + 14, anchor: "end", size: 11, cssClass: nil) + "</g>\n"
        }

        // Curves, clipped to the plot area.
        let clip = "clip\(Int(boxX))_\(Int(boxY))"
        out += "<clipPath id=\"\(clip)\"><rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(right - left))\" height=\"\(SVG.n(bottom - top))\"/></clipPath>\n"
        for (k, line) in series.enumerated() {
            let color = (line.color ?? RGB.palette[k % RGB.palette.count]).hexString
            let segments = ChartAxes.segments(of: line, on: axes)
            let path = segments.map { "M" + $0.map { "\(SVG.n($0.x)),\(SVG.n($0.y))" }.joined(separator: " L") }.joined(separator: " ")
            out += "<path class=\"curve\" clip-path=\"url(#\(clip))\" d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(line.dashed ? " stroke-dasharray=\"6 3\"" : "")><title>\(SVG.escape(line.name))</title></path>\n"
            if line.x.count == 1, let x = line.x.first, let y = line.y.first, y.isFinite {
                out += "<circle cx=\"\(SVG.n(axes.px(x)))\" cy=\"\(SVG.n(axes.py(y)))\" r=\"3\" fill=\"\(color)\"/>\n"
            }
        }
        return out
    }
}

/// Several charts side by side in rows: small multiples, one function or one metric per panel.
public struct ChartGrid: Sendable {
    /// The title over all the panels (nil: none).
    public var title: String?
    /// The panels, row by row.
    public var charts: [LineChart]
    /// Panels per row.
    public var columns: Int
    /// Each panel's width in pixels.
    public var panelWidth: Double
    /// Each panel's height in pixels.
    public var panelHeight: Double

    /// A grid of charts.
    /// - Parameters:
    ///   - title: the title over all the panels.
    ///   - charts: the panels, row by row.
    ///   - columns: panels per row (at least 1).
    ///   - panelWidth: each panel's width in pixels.
    ///   - panelHeight: each panel's height in pixels.
    public init(title: String? = nil, charts: [LineChart], columns: Int, panelWidth: Double = 360, panelHeight: Double = 280) {
        (self.title, self.charts, self.columns) = (title, charts, Swift.max(1, columns))
        (self.panelWidth, self.panelHeight) = (panelWidth, panelHeight)
    }

    /// The grid as a complete SVG document.
    public func svg() -> String {
        let layout = layout
        var body = ""
        if let title {
            body += SVG.text(title, x: layout.width / 2, y: 24, anchor: "middle", size: 18, weight: "bold", cssClass: "title")
        }
        for (chart, panel) in zip(charts, layout.panels) {
            body += "<g class=\"panel\">\n" + chart.elements(x: panel.x, y: panel.y, width: panelWidth, height: panelHeight) + "</g>\n"
        }
        return SVG.document(width: layout.width, height: layout.height, body: body)
    }

    /// Writes the grid to `url` (atomically, creating folders): PNG when its extension is `png`,
    /// SVG otherwise.
    public func write(to url: URL) throws {
        if url.pathExtension.lowercased() == "png" {
            try PNGFile.write(image(), to: url)
        } else {
            try PNGFile.writeAtomically(Data(svg().utf8), to: url)
        }
    }

    /// The grid's size in pixels and each panel's top-left corner; the SVG and the PNG share it.
    var layout: (width: Double, height: Double, header: Double, panels: [(x: Double, y: Double)]) {
        let header = title == nil ? 0.0 : 36
        let rows = (charts.count + columns - 1) / columns
        let width = panelWidth * Double(Swift.min(columns, Swift.max(charts.count, 1)))
        let panels = charts.indices.map { k in (Double(k % columns) * panelWidth, header + Double(k / columns) * panelHeight) }
        return (width, header + panelHeight * Double(rows), header, panels)
    }
}

/// SVG text helpers.
enum SVG {
    /// A number with at most two decimals.
    static func n(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// `text` with XML's special characters escaped.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// An estimate of a sans-serif text's width in pixels.
    static func textWidth(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.64 }

    /// A `<text>` element.
    static func text(_ text: String, x: Double, y: Double, anchor: String, size: Double, weight: String? = nil, cssClass: String?) -> String {
        "<text\(cssClass.map { " class=\"\($0)\"" } ?? "") x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(n(size))\"\(weight.map { " font-weight=\"\($0)\"" } ?? "")>\(escape(text))</text>\n"
    }

    /// A whole document with a white background.
    static func document(width: Double, height: Double, body: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" fill=\"#333333\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + body + "</svg>\n"
    }

}
