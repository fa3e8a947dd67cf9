import Foundation
import NeuronaData

/// libFuzzer's entry point: the input as CSV text through `CSVTable.parse`, once with a header
/// and a label column by name, once without a header, one skipped row, the last column as the
/// label and missing cells dropped. The first byte picks the delimiter.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let delimiters: [UnicodeScalar] = [",", ";", "\t", " "]
    let delimiter = delimiters[Int(bytes[0]) % delimiters.count]
    let text = String(decoding: UnsafeBufferPointer(start: bytes + 1, count: count - 1), as: UTF8.self)
    if let table = try? CSVTable.parse(text, file: "fuzz.csv", delimiter: delimiter, labelColumn: "label") {
        precondition(table.features.shape[0] == table.labels?.shape[0], "CSV: features and labels disagree")
    }
    _ = try? CSVTable.parse(text, file: "fuzz.csv", delimiter: delimiter, header: .none, skipRows: 1,
                            labelColumn: -1, missing: .skipRow)
    _ = try? CSVTable.parse(text, file: "fuzz.csv", delimiter: delimiter, missing: .fill(0))
    return 0
}
