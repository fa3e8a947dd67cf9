import CSV
import Foundation
import NeuronaCore

/// A CSV file of numeric columns and, optionally, one categorical label column, parsed by
/// CSV.swift.
///
/// ```swift
/// let table = try CSVTable.read(url, labelColumn: "species")
/// let x = table.features          // [rows, columns] float32
/// let y = table.labels!           // [rows] int64 codes; table.labelNames maps them back
/// ```
///
/// Ragged rows and non-numeric cells throw a ``DataError`` naming the file, line and column.
public struct CSVTable {
    /// The header's names of the feature columns.
    public var columnNames: [String]
    /// The numeric columns, `[rows, columns]`.
    public var features: Tensor
    /// The label column as int64 codes, when one was named.
    public var labels: Tensor?
    /// The label text for each code (codes are given in order of first appearance, or by
    /// ``labelOrder`` when it was passed).
    public var labelNames: [String]

    /// Reads a CSV file (gzip allowed) with a header row.
    public static func read(_ url: URL, delimiter: UnicodeScalar = ",", labelColumn: String? = nil,
                            labelOrder: [String]? = nil, dtype: DType = .float32) throws -> CSVTable {
        let data = try Gzip.readFile(url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError(.badCSV, file: url.path, "the file is not UTF-8 text")
        }
        return try parse(text, file: url.path, delimiter: delimiter, labelColumn: labelColumn, labelOrder: labelOrder, dtype: dtype)
    }

    /// Parses CSV text with a header row (`file` names it in errors).
    public static func parse(_ text: String, file: String = "<csv>", delimiter: UnicodeScalar = ",",
                             labelColumn: String? = nil, labelOrder: [String]? = nil,
                             dtype: DType = .float32) throws -> CSVTable {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true, delimiter: delimiter)
        } catch {
            throw DataError(.badCSV, file: file, position: "line 1", "cannot read the header row")
        }
        guard let header = reader.headerRow, !header.isEmpty else {
            throw DataError(.badCSV, file: file, position: "line 1", "no header row")
        }
        var labelIndex: Int?
        if let labelColumn {
            guard let i = header.firstIndex(of: labelColumn) else {
                throw DataError(.badCSV, file: file, position: "line 1",
                                "no column named \"\(labelColumn)\" (columns: \(header.joined(separator: ", ")))")
            }
            labelIndex = i
        }
        var values: [Double] = []
        var codes: [Int64] = []
        var names = labelOrder ?? []
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.count == 1 && row[0].isEmpty { continue }   // blank line
            guard row.count == header.count else {
                throw DataError(.badCSV, file: file, position: "line \(line)",
                                "\(row.count) fields, but the header has \(header.count)")
            }
            for (column, cell) in row.enumerated() {
                if column == labelIndex {
                    if let code = names.firstIndex(of: cell) {
                        codes.append(Int64(code))
                    } else if labelOrder == nil {
                        names.append(cell)
                        codes.append(Int64(names.count - 1))
                    } else {
                        throw DataError(.badCSV, file: file, position: "line \(line), column \(column + 1)",
                                        "label \"\(cell)\" is not one of \(labelOrder!.joined(separator: ", "))")
                    }
                } else {
                    guard let v = Double(cell) else {
                        throw DataError(.badCSV, file: file, position: "line \(line), column \(column + 1)",
                                        "\"\(cell)\" in column \"\(header[column])\" is not a number")
                    }
                    values.append(v)
                }
            }
        }
        if let error = reader.error {
            throw DataError(.badCSV, file: file, position: "line \(line)", "the CSV is malformed: \(error)")
        }
        let featureNames = header.enumerated().filter { $0.offset != labelIndex }.map(\.element)
        return CSVTable(columnNames: featureNames,
                        features: Tensor(values, shape: [values.count / Swift.max(featureNames.count, 1), featureNames.count], dtype: dtype),
                        labels: labelIndex == nil ? nil : Tensor(codes, shape: [codes.count]),
                        labelNames: names)

    }

}
