import Foundation

/// The best (smallest) wall time in seconds of `body` over `repeats` runs after one warm-up run.
/// The minimum is the figure least disturbed by other work on a shared machine.
func bestTime(repeats: Int, _ body: () -> Void) -> Double {
    body()
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, elapsed)
    }
    return best
}

/// Rows of `name: value` pairs printed as a table, and optionally one JSON object.
struct Report {
    var title: String
    var rows: [(String, String)] = []
    var figures: [String: Double] = [:]
    var notes: [String] = []

    mutating func add(_ key: String, _ label: String, _ value: Double, unit: String) {
        figures[key] = value
        rows.append((label, String(format: "%.3f %@", value, unit)))
    }

    /// A figure measured several times: its median kept, printed with the smallest and largest.
    mutating func add(_ key: String, _ label: String, _ spread: Spread, unit: String) {
        figures[key] = spread.median
        rows.append((label, spread.formatted() + " " + unit))
    }

    func print(json: Bool) {
        Swift.print("== \(title)")
        let width = rows.map(\.0.count).max() ?? 0
        for (label, value) in rows {
            Swift.print("  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
        }
        for note in notes { Swift.print("  " + note) }
        if json {
            let data = try! JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
            Swift.print(String(decoding: data, as: UTF8.self))
        }
    }
}
