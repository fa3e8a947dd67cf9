import NeuronaTraining

/// Keras-style training curves from a ``History``: one panel per quantity (loss, then each metric),
/// training solid and validation (`val_…`) dashed in the same colour, epochs on the x axis.
public enum TrainingCurves {
    /// The panels for `history`.
    /// - Parameters:
    ///   - history: what `fit` returned.
    ///   - title: the title over the panels.
    ///   - columns: panels per row (nil: all in one row, at most 3).
    ///   - excluding: logged values that are not curves to draw (`fit` logs each epoch's `seconds`).
    public static func chart(_ history: History, title: String = "Training curves", columns: Int? = nil,
                             excluding: Set<String> = ["seconds"]) -> ChartGrid {
        let names = history.values.keys.filter { !$0.hasPrefix("val_") && !excluding.contains($0) }
            .sorted { ($0 == "loss" ? 0 : 1, $0) < ($1 == "loss" ? 0 : 1, $1) }
        let epochs = history.epochs.map(Double.init)
        let charts = names.map { name -> LineChart in
            var chart = LineChart(title: name.replacingOccurrences(of: "_", with: " "), xLabel: "epoch", yLabel: name)
            chart.series.append(.init(name: "training", x: epochs, y: history[name], color: RGB.palette[0]))
            if !history["val_" + name].isEmpty {
                chart.series.append(.init(name: "validation", x: epochs, y: history["val_" + name], color: RGB.palette[1], dashed: true))
            }
            return chart
        }
        return ChartGrid(title: title, charts: charts, columns: columns ?? Swift.min(3, Swift.max(1, charts.count)),
                         panelWidth: 420, panelHeight: 320)
    }
}

/// Functions as small multiples: one panel per function, the function solid and its derivative
/// dashed, with zero lines (the activations lesson's picture).
public enum FunctionPlots {
    /// One function to plot.
    public struct Function: Sendable {
        /// The panel's title.
        public var name: String
        /// The x values.
        public var x: [Double]
        /// f(x).
        public var y: [Double]
        /// f′(x) (nil: not drawn).
        public var derivative: [Double]?

        /// A function sampled at `x`.
        /// - Parameters:
        ///   - name: the panel's title.
        ///   - x: the x values.
        ///   - y: f(x) at each.
        ///   - derivative: f′(x) at each, or nil.
        public init(name: String, x: [Double], y: [Double], derivative: [Double]? = nil) {
            (self.name, self.x, self.y, self.derivative) = (name, x, y, derivative)
        }
    }

    /// The small multiples.
    /// - Parameters:
    ///   - functions: one panel each.
    ///   - title: the title over the panels.
    ///   - columns: panels per row.
    public static func chart(_ functions: [Function], title: String, columns: Int = 4) -> ChartGrid {
        let charts = functions.map { f -> LineChart in
            var chart = LineChart(title: f.name, xLabel: "x", yLabel: "")
            chart.series.append(.init(name: "f(x)", x: f.x, y: f.y, color: RGB.palette[0]))
            if let d = f.derivative { chart.series.append(.init(name: "f'(x)", x: f.x, y: d, color: RGB.palette[3], dashed: true)) }
            return chart
        }
        return ChartGrid(title: title, charts: charts, columns: columns, panelWidth: 300, panelHeight: 250)
    }
}
