import Foundation

/// A small SVG line chart: enough for a sample to show loss curves or activation functions to a
/// person without a plotting dependency.
struct LinePlot {
    struct Series {
        var name: String
        var x: [Double]
        var y: [Double]
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series] = []
    var logY = false

    private static let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                                 "#7f7f7f", "#bcbd22", "#17becf", "#000000"]

    /// The chart as SVG text.
    func svg(width: Double = 720, height: Double = 440) -> String {
        let (left, right, top, bottom) = (70.0, 170.0, 40.0, 50.0)
        let points = series.flatMap { s in zip(s.x, s.y).map { ($0, logY ? Foundation.log10(Swift.max($1, 1e-12)) : $1) } }
            .filter { $0.1.isFinite }
        let xs = points.map(\.0), ys = points.map(\.1)
        let (x0, x1) = (xs.min() ?? 0, Swift.max(xs.max() ?? 1, (xs.min() ?? 0) + 1e-9))
        let (y0, y1) = (ys.min() ?? 0, Swift.max(ys.max() ?? 1, (ys.min() ?? 0) + 1e-9))
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * (width - left - right) }
        func py(_ y: Double) -> Double { height - bottom - (y - y0) / (y1 - y0) * (height - top - bottom) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        s += "<text x=\"\(width / 2)\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">\(title)</text>\n"
        s += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\" stroke=\"black\"/>\n"
        s += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(height - bottom)\" stroke=\"black\"/>\n"
        for i in 0...4 {
            let xv = x0 + (x1 - x0) * Double(i) / 4, yv = y0 + (y1 - y0) * Double(i) / 4
            s += "<text x=\"\(px(xv))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\">\(tick(xv))</text>\n"
            s += "<text x=\"\(left - 6)\" y=\"\(py(yv) + 4)\" text-anchor=\"end\">\(tick(logY ? Foundation.pow(10, yv) : yv))</text>\n"
        }
        s += "<text x=\"\((left + width - right) / 2)\" y=\"\(height - 12)\" text-anchor=\"middle\">\(xLabel)</text>\n"
        s += "<text x=\"16\" y=\"\(height / 2)\" transform=\"rotate(-90 16 \(height / 2))\" text-anchor=\"middle\">\(yLabel)\(logY ? " (log)" : "")</text>\n"
        for (k, line) in series.enumerated() {
            let color = LinePlot.colors[k % LinePlot.colors.count]
            let path = zip(line.x, line.y).compactMap { (x, y) -> String? in
                let v = logY ? Foundation.log10(Swift.max(y, 1e-12)) : y
                return v.isFinite ? String(format: "%.1f,%.1f", px(x), py(v)) : nil
            }.joined(separator: " ")
            s += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"\(path)\"/>\n"
            let ly = top + 16 * Double(k)
            s += "<line x1=\"\(width - right + 10)\" y1=\"\(ly)\" x2=\"\(width - right + 30)\" y2=\"\(ly)\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            s += "<text x=\"\(width - right + 35)\" y=\"\(ly + 4)\">\(line.name)</text>\n"
        }
        return s + "</svg>\n"
    }

    private func tick(_ v: Double) -> String { String(format: Swift.abs(v) >= 100 ? "%.0f" : "%.2g", v) }

    /// Writes the chart to `folder/name`, creating the folder; returns the path.
    @discardableResult
    func write(to folder: String, name: String) throws -> String {
        try writeOutput(svg(), to: folder, name: name)
    }
}

/// Writes `text` to `folder/name` atomically, creating the folder; returns the path.
@discardableResult
func writeOutput(_ text: String, to folder: String, name: String) throws -> String {
    let url = URL(fileURLWithPath: folder)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    let file = url.appendingPathComponent(name)
    try Data(text.utf8).write(to: file, options: .atomic)
    return file.path
}
