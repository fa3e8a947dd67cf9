import Foundation

/// Writes each epoch's logs as a CSV row (Keras's `CSVLogger`): `epoch,loss,accuracy,...`.
/// The file is rewritten atomically after every epoch, so it is never half-written.
public final class CSVLogger: Callback {
    /// The CSV file it writes.
    public let url: URL
    private var rows: [[String: Double]] = []

    /// A logger writing to `url`.
    /// - Parameter url: The CSV file to write (replaced if it exists).
    public init(_ url: URL) { self.url = url }

    override public func onTrainBegin(logs: [String: Double]) throws { rows = [] }

    override public func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws {
        var row = logs
        row["epoch"] = Double(epoch)
        rows.append(row)
        let keys = ["epoch"] + Set(rows.flatMap(\.keys)).subtracting(["epoch"]).sorted()
        var text = keys.joined(separator: ",") + "\n"
        for r in rows {
            text += keys.map { key in
                guard let v = r[key] else { return "" }
                return key == "epoch" ? String(Int(v)) : String(v)
            }.joined(separator: ",") + "\n"
        }
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
