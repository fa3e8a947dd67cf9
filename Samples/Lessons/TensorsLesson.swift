import Foundation
import NeuronaCore

/// A tour of NeuronaCore on lecture 004's house prices: tensors, broadcasting, a matrix
/// product, LAPACK least squares, and a safetensors round trip.
///
/// The seven rows of lecture 004 (size in m², price in €) give, by least squares,
/// price ≈ 1095.44·m² + 43013.02 (the slide's 0.8233x + 52.096 does not come from those rows).
public enum TensorsLesson: Lesson {
    public static let name = "tensors"
    public static let lectures = ["004"]
    public static let summary = "NeuronaCore tour: house prices by LAPACK least squares, broadcasting, safetensors"

    /// Lecture 004's one-variable house prices: size (m²), price (€).
    public static let houseSizes: [Double] = [42.45, 54.25, 32.5, 62.3, 28.4, 45.69, 58.2]
    public static let housePrices: [Double] = [91241, 101251, 83051, 110341, 67124, 98525, 104251]

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let sizes = Tensor(houseSizes, shape: [7], dtype: .float64)
        let prices = Tensor(housePrices, shape: [7], dtype: .float64)
        // Design matrix [size, 1]: the column of ones carries the intercept.
        let design = Tensor.stack([sizes, Tensor.ones([7], dtype: .float64)], axis: 1)
        let fit = try Tensor.leastSquares(design, prices)
        let (slope, intercept) = (fit.solution.doubles[0], fit.solution.doubles[1])
        let predicted = design.matmul(fit.solution)
        let residuals = prices - predicted
        let rmse = residuals.squared().mean().sqrt().item
        // Broadcasting: standardize the sizes (one mean and one deviation for all rows).
        let standardized = (sizes - sizes.mean()) / sizes.standardDeviation()

        // Save and load the fit as safetensors.
        let folder = URL(fileURLWithPath: options.outputDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("house-prices-fit.safetensors")
        try Safetensors.write(["coefficients": fit.solution], metadata: ["columns": "size,intercept"], to: file)
        let reloaded = try Safetensors.read(from: file)["coefficients"]!

        let figures: [String: JSONValue] = [
            "lstsq_slope": .number(slope), "lstsq_intercept": .number(intercept),
            "rmse": .number(rmse), "rank": .number(Double(fit.rank)),
            "standardized_mean": .number(standardized.mean().item),
            "reloaded_equal": .bool(reloaded == fit.solution),
            "predictions": .numbers(predicted.doubles), "standardized": .numbers(standardized.doubles),
            "file": .string(file.path),
        ]
        let text = """
        NeuronaCore tour: lecture 004's house prices

        sizes (m²):
        \(sizes.valuesDescription)
        prices (€):
        \(prices.valuesDescription)

        Least squares through LAPACK (gelsd) on the design matrix [size, 1]:
          price ≈ \(format(slope, 2)) · m² + \(format(intercept, 2))     (rank \(fit.rank), RMSE \(format(rmse, 1)) €)
        predictions (€):
        \(predicted.valuesDescription)

        Broadcasting: (sizes − mean) / std →
        \(standardized.valuesDescription)

        Saved to \(file.path) and read back: \(reloaded == fit.solution ? "identical" : "DIFFERENT")
        """
        return LessonReport(text: text, figures: figures)
    }
}
