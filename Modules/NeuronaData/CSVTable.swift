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
/// // No header row, two lines of notes first, the label in the last column, "?" cells dropped:
/// let raw = try CSVTable.read(url2, header: .names(["a", "b", "class"]), skipRows: 2,
///                             labelColumn: -1, missing: .skipRow)
/// ```
///
/// Ragged rows, non-numeric cells, missing or non-finite cells (unless `missing` says otherwise)
/// and a table without data rows throw a ``DataError`` naming the file, line and column.
public struct CSVTable {
    /// Where the column names come from.
    public enum Header: Equatable, Sendable {
        /// The first row (after the skipped rows) holds them.
        case firstRow
        /// The file has no header row; these are the names, one per column.
        case names([String])
        /// The file has no header row; the columns are named by their index, `"0"`, `"1"`, …
        /// (as pandas' `header=None`).
        case none
    }

    /// A column, by name or by index (negative counts from the end: `-1` is the last column).
    /// A string or integer literal makes one: `labelColumn: "species"`, `labelColumn: -1`.
    public enum Column: Equatable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        /// The column with this header.
        case name(String)
        /// The column at this position, counting from 0.
        case index(Int)

        /// A column by name.
        /// - Parameter value: The column's header.
        public init(stringLiteral value: String) { self = .name(value) }
        /// A column by index.
        /// - Parameter value: The column's position, counting from 0.
        public init(integerLiteral value: Int) { self = .index(value) }
    }

    /// The cells read as missing besides the empty cell (pandas' default markers, and `?` as in
    /// the UCI repository's files).
    public static let defaultMissingMarkers: Set<String> = ["NA", "N/A", "n/a", "NaN", "nan", "-nan", "NULL", "null", "None", "?"]

    /// The names of the feature columns.
    public var columnNames: [String]
    /// The numeric columns, `[rows, columns]`.
    public var features: Tensor
    /// The label column as int64 codes, when one was named.
    public var labels: Tensor?
    /// The label text for each code: `labelOrder` when it was passed, otherwise the labels
    /// sorted as ``LabelEncoder`` sorts them (numbers in numeric order: 2, 9, 10).
    public var labelNames: [String]

    /// Reads a CSV file (gzip allowed).
    ///
    /// Labels are coded over this file's own labels: for a data set in several files (a
    /// training and a test file), read them together, `CSVTable.read([trainURL, testURL], labelColumn: …)`, so
    /// that every file has the same codes, or pass `labelOrder: train.labelNames`.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - delimiter: The field separator.
    ///   - header: Where the column names come from (the first row by default).
    ///   - skipRows: Rows to skip at the top of the file, before the header.
    ///   - labelColumn: The categorical label column, by name or index (`-1`: the last).
    ///   - labelOrder: The label names in code order; a label outside it throws.
    ///   - missing: What to do with empty, missing-marker and non-finite cells.
    ///   - dtype: The features' dtype.
    public static func read(_ url: URL, delimiter: UnicodeScalar = ",", header: Header = .firstRow, skipRows: Int = 0,
                            labelColumn: Column? = nil, labelOrder: [String]? = nil,
                            missing: MissingValuePolicy = .error, dtype: DType = .float32) throws -> CSVTable {
        let data = try Gzip.readFile(url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError(.badCSV, file: url.path, "the file is not UTF-8 text")
        }
        return try parse(text, file: url.path, delimiter: delimiter, header: header, skipRows: skipRows,
                         labelColumn: labelColumn, labelOrder: labelOrder, missing: missing, dtype: dtype)
    }

    /// Parses CSV text (`file` names it in errors).
    ///
    /// - Parameters:
    ///   - text: The CSV text.
    ///   - file: Names the text in errors.
    ///   - delimiter: The field separator.
    ///   - header: Where the column names come from (the first row by default).
    ///   - skipRows: Rows to skip at the top, before the header.
    ///   - labelColumn: The categorical label column, by name or index (`-1`: the last).
    ///   - labelOrder: The label names in code order; a label outside it throws.
    ///   - missing: What to do with empty, missing-marker and non-finite cells.
    ///   - dtype: The features' dtype.
    public static func parse(_ text: String, file: String = "<csv>", delimiter: UnicodeScalar = ",",
                             header: Header = .firstRow, skipRows: Int = 0,
                             labelColumn: Column? = nil, labelOrder: [String]? = nil,
                             missing: MissingValuePolicy = .error, dtype: DType = .float32) throws -> CSVTable {
        guard skipRows >= 0 else {
            throw DataError(.invalidArgument, file: file, "skipRows must be 0 or more, got \(skipRows)")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: true, delimiter: delimiter)
        } catch {
            throw DataError(.badCSV, file: file, position: "line 1", "cannot read the CSV: \(error)")
        }
        var line = 0
        /// The next non-blank row and its line number, or nil at the end.
        func nextRow() -> [String]? {
            while let row = reader.next() {
                line += 1
                if row.count == 1 && row[0].isEmpty { continue }   // blank line
                return row
            }
            return nil
        }
        while line < skipRows, reader.next() != nil { line += 1 }
        var names: [String]
        var pending: [String]?   // a first data row read while learning the column count
        switch header {
        case .firstRow:
            guard let row = nextRow() else {
                throw DataError(.badCSV, file: file, position: "line \(line + 1)", "no header row")
            }
            names = row
        case .names(let given):
            guard !given.isEmpty else { throw DataError(.invalidArgument, file: file, "header: .names needs at least one name") }
            names = given
        case .none:
            pending = nextRow()
            names = (0..<(pending?.count ?? 0)).map(String.init)
        }
        let headerLine = header == .firstRow ? line : 0
        let what = header == .firstRow ? "the header has" : "the table has"

        var labelIndex: Int?
        if let labelColumn {
            switch labelColumn {
            case .name(let name):
                guard let i = names.firstIndex(of: name) else {
                    throw DataError(.badCSV, file: file, position: headerLine > 0 ? "line \(headerLine)" : "",
                                    "no column named \"\(name)\" (columns: \(names.joined(separator: ", ")))")
                }
                labelIndex = i
            case .index(let index):
                let i = index < 0 ? names.count + index : index
                guard i >= 0 && i < names.count else {
                    throw DataError(.invalidArgument, file: file, "label column index \(index) is outside the \(names.count) columns")
                }
                labelIndex = i
            }
        }
        let featureCount = names.count - (labelIndex == nil ? 0 : 1)
        var values: [Double] = []
        var labelTexts: [String] = []
        var rowCount = 0
        var skipped = 0
        var row: [Double] = []
        rows: while let cells = pending ?? nextRow() {
            pending = nil
            guard cells.count == names.count else {
                throw DataError(.badCSV, file: file, position: "line \(line)", "\(cells.count) fields, but \(what) \(names.count)")
            }
            row.removeAll(keepingCapacity: true)
            var label = ""
            for (column, cell) in cells.enumerated() {
                let position = "line \(line), column \(column + 1)"
                let isMissing = cell.isEmpty || defaultMissingMarkers.contains(cell)
                if column == labelIndex {
                    if isMissing {
                        if missing == .skipRow { skipped += 1; continue rows }
                        throw DataError(.badCSV, file: file, position: position,
                                        "the label in column \"\(names[column])\" is missing (\"\(cell)\")")
                    }
                    if let labelOrder, !labelOrder.contains(cell) {
                        throw DataError(.badCSV, file: file, position: position,
                                        "label \"\(cell)\" is not one of \(labelOrder.joined(separator: ", "))")
                    }
                    label = cell
                    continue
                }
                let number = isMissing ? Double.nan : Double(cell)
                guard let number else {
                    throw DataError(.badCSV, file: file, position: position,
                                    "\"\(cell)\" in column \"\(names[column])\" is not a number")
                }
                if number.isFinite {
                    row.append(number)
                    continue
                }
                switch missing {
                case .error:
                    let kind = isMissing ? "is missing" : "is not finite"
                    throw DataError(.badCSV, file: file, position: position,
                                    "\"\(cell)\" in column \"\(names[column])\" \(kind) (pass missing: .skipRow, .fill(value) or .keep to accept such cells)")
                case .skipRow:
                    skipped += 1
                    continue rows
                case .fill(let value):
                    row.append(value)
                case .keep:
                    row.append(number)
                }
            }
            values.append(contentsOf: row)
            if labelIndex != nil { labelTexts.append(label) }
            rowCount += 1
        }
        if let error = reader.error {
            throw DataError(.badCSV, file: file, position: "line \(line + 1)", "the CSV is malformed: \(error)")
        }
        guard rowCount > 0 else {
            let reason = skipped > 0 ? "every one of its \(skipped) data rows has a missing cell (missing: .skipRow)" : "it has no data rows"
            throw DataError(.badCSV, file: file, "the table is empty: \(reason)")
        }
        let classes = labelOrder ?? LabelEncoder.sortedClasses(labelTexts)
        var codeOf: [String: Int64] = [:]
        for (code, name) in classes.enumerated() where codeOf[name] == nil { codeOf[name] = Int64(code) }
        let featureNames = names.enumerated().filter { $0.offset != labelIndex }.map(\.element)
        return CSVTable(columnNames: featureNames,
                        features: Tensor(values, shape: [rowCount, featureCount], dtype: dtype),
                        labels: labelIndex == nil ? nil : Tensor(labelTexts.map { codeOf[$0]! }, shape: [rowCount]),
                        labelNames: labelIndex == nil ? [] : classes)
    }
}
