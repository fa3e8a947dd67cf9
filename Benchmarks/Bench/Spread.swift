import Foundation

/// The median of several measurements, with their smallest and largest: how a figure is printed
/// on a noisy machine ("0.35 (0.33–0.37)").
struct Spread {
    var median: Double
    var min: Double
    var max: Double
    var count: Int

    /// The spread of `values` (at least one).
    init(_ values: [Double]) {
        let sorted = values.sorted()
        count = sorted.count
        min = sorted.first ?? .nan
        max = sorted.last ?? .nan
        if sorted.isEmpty {
            median = .nan
        } else if sorted.count % 2 == 1 {
            median = sorted[sorted.count / 2]
        } else {
            median = (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
    }

    /// `median (min–max)`, each number written with `format` (3 significant digits by default).
    func formatted(_ format: String = "%.3g") -> String {
        guard count > 0 else { return "n/a" }
        let m = String(format: format, median)
        return count == 1 ? m : "\(m) (\(String(format: format, min))–\(String(format: format, max)))"
    }
}
