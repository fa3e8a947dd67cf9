import Foundation
import NeuronaCore

extension CSVTable {
    /// Reads the files of one data set (a training and a test file, …) with one label encoding:
    /// the codes are those of every file's labels together (or `labelOrder`), so a class that
    /// one file lacks does not shift the others' codes, and `labelNames` is the same in each.
    ///
    /// ```swift
    /// let (train, test) = try CSVTable.read([trainURL, testURL], labelColumn: "species").pair()
    /// // test.labels uses train's codes even when test.csv holds no "virginica"
    /// ```
    ///
    /// Reading the files one by one encodes each over its own labels: read them together, or pass
    /// `labelOrder: train.labelNames` to the later ones.
    ///
    /// - Parameters:
    ///   - urls: The files, in the order of the tables returned.
    ///   - delimiter: The field separator.
    ///   - header: Where the column names come from (the first row by default).
    ///   - skipRows: Rows to skip at the top of each file, before the header.
    ///   - labelColumn: The categorical label column, by name or index (`-1`: the last).
    ///   - labelOrder: The label names in code order; a label outside it throws.
    ///   - missing: What to do with empty, missing-marker and non-finite cells.
    ///   - dtype: The features' dtype.
    /// - Returns: One table per file.
    /// - Throws: ``DataError`` for a file that cannot be read (as when reading it alone), no file at all, or a file whose feature columns differ from the first file's.
    public static func read(_ urls: [URL], delimiter: UnicodeScalar = ",", header: Header = .firstRow, skipRows: Int = 0,
                            labelColumn: Column? = nil, labelOrder: [String]? = nil,
                            missing: MissingValuePolicy = .error, dtype: DType = .float32) throws -> [CSVTable] {
        guard let first = urls.first else {
            throw DataError(.invalidArgument, file: "<no file>", "CSVTable.read: no files given")
        }
        var tables = try urls.map {
            try read($0, delimiter: delimiter, header: header, skipRows: skipRows, labelColumn: labelColumn,
                     labelOrder: labelOrder, missing: missing, dtype: dtype)
        }
        for (url, table) in zip(urls, tables) where table.columnNames != tables[0].columnNames {
            throw DataError(.badCSV, file: url.path,
                            "its feature columns (\(table.columnNames.joined(separator: ", "))) differ from those of \(first.path) (\(tables[0].columnNames.joined(separator: ", ")))")
        }
        guard labelColumn != nil, labelOrder == nil else { return tables }
        let shared = LabelEncoder.sortedClasses(tables.flatMap(\.labelNames))
        for i in tables.indices { tables[i].encodeLabels(as: shared) }
        return tables
    }
}

extension [CSVTable] {
    /// The two tables of a two-file read, as a tuple: `let (train, test) = try CSVTable.read([a, b], …).pair()`.
    ///
    /// - Throws: ``DataError`` unless the array holds exactly two tables.
    public func pair() throws -> (CSVTable, CSVTable) {
        guard count == 2 else { throw DataError(.invalidArgument, file: "<tables>", "pair(): \(count) tables, not 2") }
        return (self[0], self[1])
    }
}

extension CSVTable {
    /// Re-encodes ``labels`` over `classes` (which hold every one of ``labelNames``).
    mutating func encodeLabels(as classes: [String]) {
        guard let labels else { return }
        var codeOf: [String: Int64] = [:]
        for (code, name) in classes.enumerated() where codeOf[name] == nil { codeOf[name] = Int64(code) }
        let recoded = labels.scalars(as: Int64.self).map { codeOf[labelNames[Int($0)]]! }
        self.labels = Tensor(recoded, shape: labels.shape)
        labelNames = classes
    }
}
