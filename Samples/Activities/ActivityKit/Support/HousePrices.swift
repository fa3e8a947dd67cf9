import Lessons
import NeuronaCore

/// Lecture 004's seven houses (the `tensors` and `linear-regression` samples' data), standardized
/// as the lecture's gradient descent uses them, with the least-squares line to compare against.
struct HousePrices {
    /// Sizes `[7, 1]` and prices `[7, 1]`, standardized (mean 0, standard deviation 1).
    let inputs: Tensor, targets: Tensor
    let sizeMean: Double, sizeDeviation: Double, priceMean: Double, priceDeviation: Double
    /// price ≈ slope·m² + intercept by LAPACK least squares (1095.44, 43013.02).
    let leastSquares: (slope: Double, intercept: Double)

    init() throws {
        let sizes = Tensor.column(TensorsLesson.houseSizes), prices = Tensor.column(TensorsLesson.housePrices)
        (sizeMean, sizeDeviation) = (sizes.mean().item, sizes.standardDeviation().item)
        (priceMean, priceDeviation) = (prices.mean().item, prices.standardDeviation().item)
        inputs = (sizes - sizeMean) / sizeDeviation
        targets = (prices - priceMean) / priceDeviation
        let design = Tensor.concatenate([sizes, Tensor.ones([7, 1], dtype: .float64)], axis: 1)
        let line = try Tensor.leastSquares(design, prices.reshaped([7])).solution.doubles
        leastSquares = (line[0], line[1])
    }

    /// A line fitted on the standardized data, in euros and square metres.
    func line(weight: Double, bias: Double) -> (slope: Double, intercept: Double) {
        let slope = weight * priceDeviation / sizeDeviation
        return (slope, priceMean + priceDeviation * bias - slope * sizeMean)
    }

    /// How close a fitted line must come to the least-squares one, relative to each coefficient.
    enum Tolerance: Double {
        /// Gradient descent and momentum from zero on the standardized data contract the error by
        /// a constant factor per step (1 − α for plain descent), far below 1e-6 after the
        /// checkers' hundreds of steps; 1e-6 is far above float64 rounding of seven rows.
        case contracting = 1e-6
        /// Adam's steps stay about α_t long near the minimum (v̂/√ŝ ≈ ±1), so with α_t = α/√t it
        /// ends within about α/√T ≈ 0.1/√3000 ≈ 2e-3 of it in standardized units; 5e-3 leaves a margin.
        case adam = 5e-3
    }

    /// Whether a fitted line is the least-squares one, within `tolerance`.
    func matchesLeastSquares(_ line: (slope: Double, intercept: Double), tolerance: Tolerance = .contracting) -> Bool {
        Swift.abs(line.slope - leastSquares.slope) <= tolerance.rawValue * leastSquares.slope
            && Swift.abs(line.intercept - leastSquares.intercept) <= tolerance.rawValue * leastSquares.intercept
    }

    /// "price = 1095.44·m² + 43013.02".
    static func describe(_ line: (slope: Double, intercept: Double)) -> String {
        String(format: "%.2f·m² + %.2f", line.slope, line.intercept)
    }
}
