import Foundation

/// Where a ``LineChart``'s data land in its box: the plot area, both scales with their ticks, and
/// the map from data to pixels. The SVG and the PNG drawing share it, so both draw one chart.
struct ChartAxes {
    /// The plot area, in pixels.
    let left: Double, right: Double, top: Double, bottom: Double
    /// The data range shown.
    let xLower: Double, xUpper: Double, yLower: Double, yUpper: Double
    /// The ticks, in data units, with their labels.
    let xTicks: [(value: Double, label: String)], yTicks: [(value: Double, label: String)]
    let logY: Bool

    /// The axes of `chart` drawn in the box (x, y, width, height) under a title and `legendRows`
    /// rows of legend; nil when the box is too small for a plot.
    init?(_ chart: LineChart, x boxX: Double, y boxY: Double, width: Double, height: Double, legendRows: Int) {
        (top, bottom) = (boxY + 34 + Double(legendRows) * 18, boxY + height - 46)
        (left, right) = (boxX + 64, boxX + width - 20)
        guard bottom > top + 10, right > left + 10 else { return nil }
        logY = chart.logY
        let points = chart.series.flatMap { s in zip(s.x, s.y).filter { ChartAxes.isDrawable($0.0, $0.1, logY: chart.logY) } }
        let xs = points.map(\.0) + chart.markers.map(\.x), ys = points.map(\.1)
        let xScale = NiceScale(lower: xs.min() ?? 0, upper: xs.max() ?? 1, intervals: width < 500 ? 4 : 6)
        let (xLow, xHigh) = (xs.min() ?? 0, xs.max() ?? 1)
        (xLower, xUpper) = xHigh > xLow ? (xLow, xHigh) : (xScale.lower, xScale.upper)
        let (xl, xu) = (xLower, xUpper)
        xTicks = xScale.ticks.filter { $0 >= xl - 1e-9 * (xu - xl) && $0 <= xu + 1e-9 * (xu - xl) }.map { ($0, xScale.label($0)) }
        let limits = chart.yLimits
        if logY {
            let scale = LogScale(lower: limits?.lowerBound ?? ys.min() ?? 1e-3, upper: limits?.upperBound ?? ys.max() ?? 1)
            (yLower, yUpper) = (scale.lower, scale.upper)
            yTicks = scale.ticks.map { ($0, scale.label($0)) }
        } else {
            let scale = NiceScale(lower: limits?.lowerBound ?? ys.min() ?? 0, upper: limits?.upperBound ?? ys.max() ?? 1,
                                  intervals: height < 320 ? 4 : 5)
            let (lo, hi) = (limits?.lowerBound ?? scale.lower, limits?.upperBound ?? scale.upper)
            (yLower, yUpper) = (lo, hi)
            yTicks = scale.ticks.filter { $0 >= lo - 1e-9 && $0 <= hi + 1e-9 }.map { ($0, scale.label($0)) }
        }
    }

    /// Whether the point can be drawn: finite, and positive on a log axis.
    static func isDrawable(_ x: Double, _ y: Double, logY: Bool) -> Bool { x.isFinite && y.isFinite && (!logY || y > 0) }

    /// The pixel column of `v`.
    func px(_ v: Double) -> Double { left + (v - xLower) / Swift.max(xUpper - xLower, 1e-300) * (right - left) }

    /// The pixel row of `v`.
    func py(_ v: Double) -> Double {
        let t = logY ? (Foundation.log10(v) - Foundation.log10(yLower)) / (Foundation.log10(yUpper) - Foundation.log10(yLower))
                     : (v - yLower) / Swift.max(yUpper - yLower, 1e-300)
        return bottom - t * (bottom - top)
    }

    /// Whether the horizontal zero line is inside the plot.
    var showsYZero: Bool { !logY && yLower < 0 && yUpper > 0 }
    /// Whether the vertical zero line is inside the plot.
    var showsXZero: Bool { xLower < 0 && xUpper > 0 }

    /// Each series' drawable runs of points in pixels: a line breaks at a missing value.
    static func segments(of line: LineChart.Series, on axes: ChartAxes) -> [[(x: Double, y: Double)]] {
        var segments: [[(x: Double, y: Double)]] = [[]]
        for (x, y) in zip(line.x, line.y) {
            if isDrawable(x, y, logY: axes.logY) {
                segments[segments.count - 1].append((axes.px(x), axes.py(y)))
            } else if !(segments.last?.isEmpty ?? true) {
                segments.append([])
            }
        }
        return segments.filter { !$0.isEmpty }
    }

    /// The legend's entries laid out in rows from (x + 60, y + 40), wrapping at the box's right
    /// edge; `textWidth` measures a name in the drawing's font.
    static func legend(_ chart: LineChart, x boxX: Double, y boxY: Double, width: Double,
                       textWidth: (String) -> Double) -> (entries: [(x: Double, y: Double)], rows: Int) {
        guard chart.showsLegend && !chart.series.isEmpty else { return ([], 0) }
        var (lx, ly, rows) = (boxX + 60, boxY + 40, 1)
        var entries: [(x: Double, y: Double)] = []
        for line in chart.series {
            let entryWidth = 30 + textWidth(line.name) + 16
            if lx + entryWidth > boxX + width - 10 && lx > boxX + 60 { (lx, ly, rows) = (boxX + 60, ly + 18, rows + 1) }
            entries.append((lx, ly))
            lx += entryWidth
        }
        return (entries, rows)
    }
}
