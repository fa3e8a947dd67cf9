import Foundation
import NeuronaCore
import NeuronaData

extension PlaygroundData {
    /// The most bytes an uploaded CSV may have.
    public static let maximumCSVBytes = 1 << 20

    /// Points read from CSV text with three numeric columns, x1, x2 and the label (a header row
    /// is optional). Labels that are all 0/1 (or −1/1) are classes; any other labels are
    /// regression targets, scaled to −1…1. Points farther than the playground's square are
    /// scaled into it; all are shuffled by `seed` so that both parts get both classes.
    /// - Parameters:
    ///   - text: The CSV text.
    ///   - seed: Seeds the shuffle.
    ///   - maximumPoints: The most rows accepted.
    /// - Throws: ``LabError/badUpload(what:message:)`` naming the line and what is wrong.
    public init(csv text: String, seed: UInt64, maximumPoints: Int = PlaygroundSettings.Limits.page.points) throws {
        func refuse(_ message: String) -> LabError { .badUpload(what: "CSV", message: message) }
        guard text.utf8.count <= Self.maximumCSVBytes else {
            throw refuse("the file has \(text.utf8.count) bytes; the lab reads at most \(Self.maximumCSVBytes)")
        }
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let hasHeader = firstLine.split(separator: ",").contains { Double($0.trimmingCharacters(in: .whitespaces)) == nil }
        let table: CSVTable
        do {
            table = try CSVTable.parse(text, file: "the uploaded CSV", header: hasHeader ? .firstRow : .none)
        } catch {
            throw refuse("\(error)")
        }
        guard table.features.rank == 2, table.features.shape[1] == 3 else {
            throw refuse("wants 3 columns (x1, x2, label), found \(table.features.rank == 2 ? table.features.shape[1] : 0)")
        }
        let count = table.features.shape[0]
        guard count >= 4 && count <= maximumPoints else { throw refuse("wants 4 to \(maximumPoints) rows, found \(count)") }
        let values: [Double] = table.features.doubles
        var xs: [Double] = [], ys: [Double] = [], labels: [Double] = []
        for row in 0..<count {
            xs.append(values[3 * row])
            ys.append(values[3 * row + 1])
            labels.append(values[3 * row + 2])
        }
        let distinct = Set(labels)
        let isRegression = !(distinct.isSubset(of: [0, 1]) || distinct.isSubset(of: [-1, 1]))
        if isRegression {
            let low: Double = labels.min() ?? 0, high: Double = labels.max() ?? 0
            labels = labels.map { (value: Double) -> Double in high > low ? 2 * (value - low) / (high - low) - 1 : 0 }
        } else {
            labels = labels.map { (value: Double) -> Double in value == 1 ? 1 : 0 }
        }
        var reach = 0.0
        for row in 0..<count { reach = Swift.max(reach, Swift.abs(xs[row]), Swift.abs(ys[row])) }
        let shrink = reach > PlaygroundDataset.extent ? PlaygroundDataset.scale / reach : 1
        var points: [PlaygroundPoint] = (0..<count).map { PlaygroundPoint(x1: xs[$0] * shrink, x2: ys[$0] * shrink, label: labels[$0]) }
        var generator = RandomGenerator(seed: seed)
        points.shuffle(using: &generator)
        self.init(points: points, isRegression: isRegression)
    }
}
