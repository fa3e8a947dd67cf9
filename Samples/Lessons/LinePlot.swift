import Foundation
import NeuronaPictures

/// A line chart of a lesson (loss curves of the optimizers, for example), drawn by
/// NeuronaPictures' ``LineChart``: nice ticks, gridlines, zero lines, legend, optional log axis.
struct LinePlot {
    /// One curve.
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
    var labels = PictureLabels.english

    /// The chart as SVG text.
    func svg(width: Double = LineChart.defaultSize.width, height: Double = LineChart.defaultSize.height) -> String {
        LineChart(title: title, xLabel: xLabel, yLabel: yLabel,
                  series: series.map { .init(name: $0.name, x: $0.x, y: $0.y) }, logY: logY, labels: labels).svg(width: width, height: height)
    }

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
