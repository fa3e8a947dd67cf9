import Foundation
import NeuronaCore
import NeuronaData
import Testing
import _NeuronaTestSupport

/// A data set's files read together share one label encoding.
struct CSVTableFilesTests {
    private func write(_ text: String, _ name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The test file lacks "b": read alone its "c" would be code 1; read with the training file
    /// it is code 2 in both, and both list a, b, c.
    @Test func filesReadTogetherShareTheCodes() throws {
        let folder = temporaryFolder("csv")
        defer { try? FileManager.default.removeItem(at: folder) }
        let train = try write("x,label\n1,a\n2,b\n3,c\n", "train.csv", in: folder)
        let test = try write("x,label\n4,c\n5,a\n", "test.csv", in: folder)
        try expectEqual(CSVTable.read(test, labelColumn: "label").labels!.scalars(as: Int64.self), [1, 0])   // alone: its own codes

        let (trainTable, testTable) = try CSVTable.read([train, test], labelColumn: "label").pair()
        #expect(trainTable.labelNames == ["a", "b", "c"] && testTable.labelNames == ["a", "b", "c"])
        expectEqual(trainTable.labels!.scalars(as: Int64.self), [0, 1, 2])
        expectEqual(testTable.labels!.scalars(as: Int64.self), [2, 0])
        expectEqual(testTable.features.doubles, [4, 5])

        // A given order is kept, and a label outside it throws (as for one file).
        let ordered = try CSVTable.read([train, test], labelColumn: "label", labelOrder: ["c", "b", "a"])
        expectEqual(ordered[1].labels!.scalars(as: Int64.self), [0, 2])
        // Files whose feature columns differ cannot share one model: a typed error naming both.
        let other = try write("y,label\n1,a\n", "other.csv", in: folder)
        #expect(throws: DataError.self) { try CSVTable.read([train, other], labelColumn: "label") }
        #expect(throws: DataError.self) { try CSVTable.read([URL](), labelColumn: "label") }
    }
}
