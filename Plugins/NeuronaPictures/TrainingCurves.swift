import NeuronaTraining

/// Keras-style training curves from a ``/NeuronaTraining/History``: one panel per quantity (loss, then each metric),
/// training solid and validation (`val_…`) dashed in the same colour, epochs on the x axis.
/// Write them with `write(to:)`: `.png` or `.svg`.
public enum TrainingCurves {
    /// The panels for `history`.
    /// - Parameters:
    ///   - history: what `fit` returned.
    ///   - title: the title over the panels (nil: `labels.trainingCurves`).
    ///   - columns: panels per row (nil: all in one row, at most 3).
    ///   - excluding: logged values that are not curves to draw (`fit` logs each epoch's `seconds`).
    ///   - logLoss: the loss panels (`loss` and any `…_loss`) on a logarithmic axis.
    ///   - restoredEpoch: the epoch whose weights early stopping put back (``/NeuronaTraining/EarlyStopping/restoredEpoch``),
    ///     marked on every panel; nil: no mark.
    ///   - labels: the words the picture adds, in its language (``PictureLabels/spanish`` for `--lang es`).
    public static func chart(_ history: History, title: String? = nil, columns: Int? = nil,
                             excluding: Set<String> = ["seconds"], logLoss: Bool = false, restoredEpoch: Int? = nil,
                             labels: PictureLabels = .english) -> ChartGrid {
        let names = history.values.keys.filter { !$0.hasPrefix("val_") && !excluding.contains($0) }
            .sorted { ($0 == "loss" ? 0 : 1, $0) < ($1 == "loss" ? 0 : 1, $1) }
        let epochs = history.epochs.map(Double.init)
        let markers = restoredEpoch.map { [LineChart.Marker(x: Double($0), label: labels.restoredEpoch)] } ?? []
        let charts = names.map { name -> LineChart in
            var chart = LineChart(title: name.replacingOccurrences(of: "_", with: " "), xLabel: labels.epoch, yLabel: name,
                                  logY: logLoss && (name == "loss" || name.hasSuffix("_loss")), markers: markers, labels: labels)
            chart.series.append(.init(name: labels.training, x: epochs, y: history[name], color: RGB.palette[0]))
            if !history["val_" + name].isEmpty {
                chart.series.append(.init(name: labels.validation, x: epochs, y: history["val_" + name], color: RGB.palette[1], dashed: true))
            }
            return chart
        }
        return ChartGrid(title: title ?? labels.trainingCurves, charts: charts,
                         columns: columns ?? Swift.min(3, Swift.max(1, charts.count)), panelWidth: 420, panelHeight: 320)
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
