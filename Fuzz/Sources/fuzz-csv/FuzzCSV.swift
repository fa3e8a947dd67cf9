import Foundation
import FuzzSupport
import NeuronaData

/// The input as CSV text through `CSVTable.parse`: with a header and a label column by name;
/// without a header, one skipped row, the last column as the label and missing cells dropped;
/// and with missing cells filled. The first byte picks the delimiter.
@_cdecl("fuzz_csv_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv) { data in
        guard let first = data.first else { return }
        let delimiters: [UnicodeScalar] = [",", ";", "\t", " "]
        let delimiter = delimiters[Int(first) % delimiters.count]
        let text = String(decoding: data.dropFirst(), as: UTF8.self)
        if let table = try? CSVTable.parse(text, file: "fuzz.csv", delimiter: delimiter, labelColumn: "label") {
            precondition(table.features.shape[0] == table.labels?.shape[0], "CSV: features and labels disagree")
        }
        _ = try? CSVTable.parse(text, file: "fuzz.csv", delimiter: delimiter, header: .none, skipRows: 1,
                                labelColumn: -1, missing: .skipRow)
        _ = try? CSVTable.parse(text, file: "fuzz.csv", delimiter: delimiter, missing: .fill(0))
    }
}
