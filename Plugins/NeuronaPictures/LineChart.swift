import Foundation

/// A line chart drawn as SVG: nice ticks (1, 2, 5 × 10ⁿ), gridlines, zero lines, axis labels and
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

    /// A chart.
    /// - Parameters:
    ///   - title: the title above the plot.
    ///   - xLabel: the x axis's label.
    ///   - yLabel: the y axis's label.
    ///   - series: the curves.
    ///   - logY: a logarithmic y axis.
    ///   - yLimits: fixed y limits (nil: from the data).
    ///   - showsLegend: whether to draw the legend.
    public init(title: String, xLabel: String, yLabel: String, series: [Series] = [], logY: Bool = false,
                yLimits: ClosedRange<Double>? = nil, showsLegend: Bool = true) {
        (self.title, self.xLabel, self.yLabel, self.series) = (title, xLabel, yLabel, series)
        (self.logY, self.yLimits, self.showsLegend) = (logY, yLimits, showsLegend)
    }

    /// The default size of a stand-alone chart, in pixels.
    public static let defaultSize = (width: 720.0, height: 460.0)

    /// The chart as a complete SVG document.
    public func svg(width: Double = LineChart.defaultSize.width, height: Double = LineChart.defaultSize.height) -> String {
        SVG.document(width: width, height: height, body: elements(x: 0, y: 0, width: width, height: height))
    }

    /// Writes the chart as SVG to `path` (atomically, creating folders).
    public func write(to path: String, width: Double = LineChart.defaultSize.width,
                      height: Double = LineChart.defaultSize.height) throws {
        try SVG.write(svg(width: width, height: height), to: path)
    }

    /// The chart's SVG elements inside the box (x, y, width, height).
    public func elements(x boxX: Double, y boxY: Double, width: Double, height: Double) -> String {
        var out = ""
        out += SVG.text(title, x: boxX + width / 2, y: boxY + 20, anchor: "middle", size: 15, weight: "bold", cssClass: "title")
        // Legend rows under the title.
        var legend = ""
        var rows = 0
        if showsLegend && !series.isEmpty {
            var lx = boxX + 60, ly = boxY + 40
            rows = 1
            for (k, line) in series.enumerated() {
                let entryWidth = 30 + SVG.textWidth(line.name, size: 12) + 16
                if lx + entryWidth > boxX + width - 10 && lx > boxX + 60 {
                    lx = boxX + 60; ly += 18; rows += 1
                }
                let color = (line.color ?? RGB.palette[k % RGB.palette.count]).hexString
                legend += "<g class=\"legend-entry\">"
                legend += "<line x1=\"\(SVG.n(lx))\" y1=\"\(SVG.n(ly - 4))\" x2=\"\(SVG.n(lx + 24))\" y2=\"\(SVG.n(ly - 4))\" stroke=\"\(color)\" stroke-width=\"2.5\"\(line.dashed ? " stroke-dasharray=\"6 3\"" : "")/>"
                legend += SVG.text(line.name, x: lx + 30, y: ly, anchor: "start", size: 12, cssClass: nil)
                legend += "</g>\n"
                lx += entryWidth
            }
        }
        out += legend
        let top = boxY + 34 + Double(rows) * 18, bottom = boxY + height - 46
        let left = boxX + 64, right = boxX + width - 20
        guard bottom > top + 10, right > left + 10 else { return out }

        // Scales.
        let points = series.flatMap { s in zip(s.x, s.y).filter { $0.0.isFinite && $0.1.isFinite && (!logY || $0.1 > 0) } }
        let xs = points.map(\.0), ys = points.map(\.1)
        let xScale = NiceScale(lower: xs.min() ?? 0, upper: xs.max() ?? 1, intervals: width < 500 ? 4 : 6)
        let (xLow, xHigh) = (xs.min() ?? 0, xs.max() ?? 1)
        let xLower = xHigh > xLow ? xLow : xScale.lower, xUpper = xHigh > xLow ? xHigh : xScale.upper
        let xTicks = xScale.ticks.filter { $0 >= xLower - 1e-9 * (xUpper - xLower) && $0 <= xUpper + 1e-9 * (xUpper - xLower) }
        let yLower: Double, yUpper: Double, yTicks: [Double], yLabelOf: (Double) -> String
        if logY {
            let scale = LogScale(lower: yLimits?.lowerBound ?? ys.min() ?? 1e-3, upper: yLimits?.upperBound ?? ys.max() ?? 1)
            (yLower, yUpper, yTicks, yLabelOf) = (scale.lower, scale.upper, scale.ticks, scale.label)
        } else {
            let scale = NiceScale(lower: yLimits?.lowerBound ?? ys.min() ?? 0, upper: yLimits?.upperBound ?? ys.max() ?? 1,
                                  intervals: height < 320 ? 4 : 5)
            let lo = yLimits?.lowerBound ?? scale.lower, hi = yLimits?.upperBound ?? scale.upper
            (yLower, yUpper, yTicks, yLabelOf) = (lo, hi, scale.ticks.filter { $0 >= lo - 1e-9 && $0 <= hi + 1e-9 }, scale.label)
        }
        func px(_ v: Double) -> Double { left + (v - xLower) / Swift.max(xUpper - xLower, 1e-300) * (right - left) }
        func py(_ v: Double) -> Double {
            let t = logY ? (Foundation.log10(v) - Foundation.log10(yLower)) / (Foundation.log10(yUpper) - Foundation.log10(yLower))
                         : (v - yLower) / Swift.max(yUpper - yLower, 1e-300)
            return bottom - t * (bottom - top)
        }

        // Gridlines and ticks.
        out += "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(right - left))\" height=\"\(SVG.n(bottom - top))\" fill=\"#fafafa\" stroke=\"none\"/>\n"
        for t in xTicks {
            out += "<line class=\"gridline\" x1=\"\(SVG.n(px(t)))\" y1=\"\(SVG.n(top))\" x2=\"\(SVG.n(px(t)))\" y2=\"\(SVG.n(bottom))\" stroke=\"#dddddd\"/>\n"
            out += SVG.text(xScale.label(t), x: px(t), y: bottom + 16, anchor: "middle", size: 11, cssClass: "tick-x")
        }
        for t in yTicks {
            out += "<line class=\"gridline\" x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(py(t)))\" x2=\"\(SVG.n(right))\" y2=\"\(SVG.n(py(t)))\" stroke=\"#dddddd\"/>\n"
            out += SVG.text(yLabelOf(t), x: left - 6, y: py(t) + 4, anchor: "end", size: 11, cssClass: "tick-y")
        }
        // Zero lines where 0 is inside the range.
        if !logY && yLower < 0 && yUpper > 0 {
            out += "<line class=\"zero-line\" x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(py(0)))\" x2=\"\(SVG.n(right))\" y2=\"\(SVG.n(py(0)))\" stroke=\"#555555\" stroke-width=\"1.2\"/>\n"
        }
        if xLower < 0 && xUpper > 0 {
            out += "<line class=\"zero-line\" x1=\"\(SVG.n(px(0)))\" y1=\"\(SVG.n(top))\" x2=\"\(SVG.n(px(0)))\" y2=\"\(SVG.n(bottom))\" stroke=\"#555555\" stroke-width=\"1.2\"/>\n"
        }
        out += "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(right - left))\" height=\"\(SVG.n(bottom - top))\" fill=\"none\" stroke=\"#888888\"/>\n"
        out += SVG.text(xLabel, x: (left + right) / 2, y: boxY + height - 12, anchor: "middle", size: 12, cssClass: "axis-label")
        let ly = (top + bottom) / 2, lx = boxX + 16
        out += "<text class=\"axis-label\" x=\"\(SVG.n(lx))\" y=\"\(SVG.n(ly))\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 \(SVG.n(lx)) \(SVG.n(ly)))\">\(SVG.escape(yLabel + (logY ? " (log scale)" : "")))</text>\n"

        // Curves, clipped to the plot area.
        let clip = "clip\(Int(boxX))_\(Int(boxY))"
        out += "<clipPath id=\"\(clip)\"><rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(right - left))\" height=\"\(SVG.n(bottom - top))\"/></clipPath>\n"
        for (k, line) in series.enumerated() {
            let color = (line.color ?? RGB.palette[k % RGB.palette.count]).hexString
            // Break the line at missing values.
            var segments: [[String]] = [[]]
            for (x, y) in zip(line.x, line.y) {
                if x.isFinite && y.isFinite && (!logY || y > 0) {
                    segments[segments.count - 1].append("\(SVG.n(px(x))),\(SVG.n(py(y)))")
                } else if !(segments.last?.isEmpty ?? true) {
                    segments.append([])
                }
            }
            let path = segments.filter { !$0.isEmpty }.map { "M" + $0.joined(separator: " L") }.joined(separator: " ")
            out += "<path class=\"curve\" clip-path=\"url(#\(clip))\" d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(line.dashed ? " stroke-dasharray=\"6 3\"" : "")><title>\(SVG.escape(line.name))</title></path>\n"
            if line.x.count == 1, let x = line.x.first, let y = line.y.first, y.isFinite {
                out += "<circle cx=\"\(SVG.n(px(x)))\" cy=\"\(SVG.n(py(y)))\" r=\"3\" fill=\"\(color)\"/>\n"
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
        let header = title == nil ? 0.0 : 36
        let rows = (charts.count + columns - 1) / columns
        let width = panelWidth * Double(Swift.min(columns, Swift.max(charts.count, 1)))
        let height = header + panelHeight * Double(rows)
        var body = ""
        if let title {
            body += SVG.text(title, x: width / 2, y: 24, anchor: "middle", size: 18, weight: "bold", cssClass: "title")
        }
        for (k, chart) in charts.enumerated() {
            let x = Double(k % columns) * panelWidth, y = header + Double(k / columns) * panelHeight
            body += "<g class=\"panel\">\n" + chart.elements(x: x, y: y, width: panelWidth, height: panelHeight) + "</g>\n"
        }
        return SVG.document(width: width, height: height, body: body)
    }

    /// Writes the grid as SVG to `path` (atomically, creating folders).
    public func write(to path: String) throws {
        try SVG.write(svg(), to: path)
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

    /// Writes `text` to `path` atomically, creating its folder.
    static func write(_ text: String, to path: String) throws {
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PictureError.writeFailed(path: path, reason: "\(error)")
        }
    }
}
