import Foundation
import NeuronaCore
import NeuronaData
import Testing
import _NeuronaTestSupport

/// Files a reader cannot represent: each is refused with a ``DataError`` naming the file and the
/// byte, line or column. Cases from issue 12's corpus of malformed files and from fuzzing
/// (`make fuzz`).
struct MalformedIDXTests {
    /// An IDX header: unsigned bytes, these dimension sizes.
    static func header(_ sizes: [UInt32]) -> Data {
        var data = Data([0, 0, 0x08, UInt8(sizes.count)])
        for s in sizes { data.append(contentsOf: [UInt8(s >> 24), UInt8(s >> 16 & 0xff), UInt8(s >> 8 & 0xff), UInt8(s & 0xff)]) }
        return data
    }

    @Test func aZeroDimensionIsRefused() throws {
        // Was accepted at b0d0dae as an empty [0, 28] array.
        let e = dataError { _ = try IDXReader.parse(Self.header([0, 28]), file: "z.idx") }
        expectEqual(e?.description, "z.idx: byte 4: dimension 0 is 0; an IDX array holds at least one element per dimension")
        let second = dataError { _ = try IDXReader.parse(Self.header([3, 0]), file: "z.idx") }
        expectEqual(second?.position, "byte 8")
    }

    @Test func sizesWhoseProductOverflowsAreRefused() throws {
        // 4 dimensions of 2^32 - 1: the product passes Int.max at the second (byte 8) (IDXReader.swift:61 trapped at b0d0dae).
        let e = dataError { _ = try IDXReader.parse(Self.header([.max, .max, .max, .max]), file: "o.idx") }
        expectEqual(e?.kind, .badIDX)
        expectEqual(e?.description, "o.idx: byte 8: shape [4294967295, 4294967295, 4294967295, 4294967295] of 1-byte elements overflows a byte count (more than 9223372036854775807 bytes)")
        // Large but representable: the data length check refuses it without allocating.
        let large = dataError { _ = try IDXReader.parse(Self.header([.max, 65536]), file: "l.idx") }
        expectEqual(large?.description, "l.idx: byte 12: shape [4294967295, 65536] needs 281474976645120 bytes of data after the 12-byte header, the file has 0")
    }
}

struct MalformedGzipTests {
    static let text = Data(String(repeating: "neurona ", count: 5000).utf8)

    @Test func aCorruptTrailerIsRefusedWithoutTrustingItsSize() throws {
        var packed = Gzip.compress(Self.text)
        // The trailer's size field (last 4 bytes) says 1.2 GB; the CRC-32 before it is intact.
        let size = UInt32(1_200_000_000)
        packed.replaceSubrange((packed.count - 4)..., with: [UInt8(size & 0xff), UInt8(size >> 8 & 0xff), UInt8(size >> 16 & 0xff), UInt8(size >> 24)])
        let e = dataError { _ = try Gzip.decompress(packed, file: "c.gz") }
        expectEqual(e?.description, "c.gz: byte \(packed.count): the gzip stream is corrupt: incorrect length check")
        var crc = Gzip.compress(Self.text)
        crc[crc.count - 8] ^= 0xff
        expectEqual(dataError { _ = try Gzip.decompress(crc, file: "c.gz") }?.message, "the gzip stream is corrupt: incorrect data check")
    }

    @Test func truncatedStreamsAreRefused() throws {
        let packed = Gzip.compress(Self.text)
        for length in [0, 1, 10, packed.count / 2, packed.count - 4, packed.count - 1] {
            let e = dataError { _ = try Gzip.decompress(packed.prefix(length), file: "t.gz") }
            expectEqual(e?.description, "t.gz: byte \(length): the gzip stream is truncated (ends after \(length) bytes)", "\(length)")
        }
    }

    @Test func aDecompressionBombStopsAtTheLimit() throws {
        // 10 MB of zeros packs into about 10 kB.
        let bomb = Gzip.compress(Data(count: 10_000_000), level: 9)
        #expect(bomb.count < 20_000)
        let e = dataError { _ = try Gzip.decompress(bomb, file: "b.gz", sizeLimit: 1_000_000) }
        expectEqual(e?.kind, .badCompression)
        expectEqual(e?.message, "the gzip stream inflates past the limit of 1000000 bytes (sizeLimit)")
        try expectEqual(Gzip.decompress(bomb, file: "b.gz", sizeLimit: 10_000_000).count, 10_000_000)
    }

    @Test func concatenatedMembersAndTrailingBytes() throws {
        let a = Data("first ".utf8), b = Data("second".utf8)
        try expectEqual(Gzip.decompress(Gzip.compress(a) + Gzip.compress(b), file: "m.gz"), a + b)   // as `gzip -d`
        try expectEqual(Gzip.decompress(Gzip.compress(a) + Data(count: 8), file: "p.gz"), a)        // zero padding
        let packed = Gzip.compress(a)
        let e = dataError { _ = try Gzip.decompress(packed + Data("junk".utf8), file: "j.gz") }
        expectEqual(e?.description, "j.gz: byte \(packed.count): 4 bytes after the end of the gzip stream are not a gzip member")
    }
}

struct MalformedCSVTests {
    @Test func nonFiniteAndMissingCellsAreRefusedByDefault() throws {
        // A CSV with `nan` cells was read as NaN features at b0d0dae.
        let nan = dataError { _ = try CSVTable.parse("a,b\n1,2\n3,nan\n", file: "n.csv") }
        expectEqual(nan?.description, #"n.csv: line 3, column 2: "nan" in column "b" is missing (pass missing: .skipRow, .fill(value) or .keep to accept such cells)"#)
        let empty = dataError { _ = try CSVTable.parse("a,b\n1,\n", file: "e.csv") }
        #expect(empty?.position == "line 2, column 2" && empty?.message.hasPrefix(#""" in column "b" is missing"#) == true)
        let infinite = dataError { _ = try CSVTable.parse("a,b\n1,2\n-inf,4\n", file: "i.csv") }
        expectEqual(infinite?.description, #"i.csv: line 3, column 1: "-inf" in column "a" is not finite (pass missing: .skipRow, .fill(value) or .keep to accept such cells)"#)
        let unknownLabel = dataError { _ = try CSVTable.parse("a,y\n1,\n", file: "l.csv", labelColumn: "y") }
        expectEqual(unknownLabel?.description, #"l.csv: line 2, column 2: the label in column "y" is missing ("")"#)
    }

    @Test func theMissingPolicyOptsIn() throws {
        let text = "a,b,y\n1,2,x\n?,4,y\n5,inf,x\n7,8,\n9,10,y\n"
        let skipped = try CSVTable.parse(text, labelColumn: "y", missing: .skipRow)
        expectEqual(skipped.features.doubles, [1, 2, 9, 10])
        #expect(skipped.labels?.scalars(as: Int64.self) == [0, 1] && skipped.labelNames == ["x", "y"])
        let filled = try CSVTable.parse("a,b\n1,NA\n,4\n", missing: .fill(-1), dtype: .float64)
        expectEqual(filled.features.doubles, [1, -1, -1, 4])
        let kept = try CSVTable.parse("a,b\n1,nan\n", missing: .keep, dtype: .float64)
        #expect(kept.features.doubles[0] == 1 && kept.features.doubles[1].isNaN)
    }

    @Test func aTableWithoutRowsIsRefused() throws {
        // A header and no rows was accepted at b0d0dae as a [0, 2] table.
        expectEqual(dataError { _ = try CSVTable.parse("a,b\n", file: "h.csv") }?.description, "h.csv: the table is empty: it has no data rows")
        expectEqual(dataError { _ = try CSVTable.parse("", file: "0.csv") }?.description, "0.csv: line 1: no header row")
        let allMissing = dataError { _ = try CSVTable.parse("a\nNA\n?\n", file: "m.csv", missing: .skipRow) }
        expectEqual(allMissing?.description, "m.csv: the table is empty: every one of its 2 data rows has a missing cell (missing: .skipRow)")
    }

    @Test func raggedRowsNameTheLine() throws {
        let ragged = dataError { _ = try CSVTable.parse("a,b\n1,2\n3,4,5\n", file: "r.csv") }
        expectEqual(ragged?.description, "r.csv: line 3: 3 fields, but the header has 2")
        let noHeader = dataError { _ = try CSVTable.parse("1,2\n3\n", file: "r.csv", header: .names(["a", "b"])) }
        expectEqual(noHeader?.description, "r.csv: line 2: 1 fields, but the table has 2")
    }

    @Test func filesWithoutAHeaderSkippedRowsAndTheLabelByIndex() throws {
        // The held-out trial's layout: two lines of notes, no header, the class last.
        let text = "# measured 2024\n# by hand\n5.1,3.5,10\n4.9,3.0,9\n6.2,2.9,2\n5.9,3.0,10\n"
        let named = try CSVTable.parse(text, header: .names(["length", "width", "class"]), skipRows: 2, labelColumn: -1, dtype: .float64)
        expectEqual(named.columnNames, ["length", "width"])
        #expect(named.features.shape == [4, 2] && named.features.doubles[4] == 6.2)
        // Numeric labels in numeric order: 2, 9, 10 (string order would give 10, 2, 9).
        expectEqual(named.labelNames, ["2", "9", "10"])
        expectEqual(named.labels?.scalars(as: Int64.self), [2, 1, 0, 2])
        let numbered = try CSVTable.parse(text, header: .none, skipRows: 2, labelColumn: 2)
        #expect(numbered.columnNames == ["0", "1"] && numbered.labels?.scalars(as: Int64.self) == [2, 1, 0, 2])
        let byName = try CSVTable.parse("x,y,label\n1,2,b\n3,4,a\n", labelColumn: "label")
        #expect(byName.labelNames == ["a", "b"] && byName.labels?.scalars(as: Int64.self) == [1, 0])
        // Errors count the skipped lines: the bad cell is on the file's line 4.
        let bad = dataError { _ = try CSVTable.parse(text.replacingOccurrences(of: "4.9", with: "x"), file: "s.csv",
                                                     header: .none, skipRows: 2, labelColumn: -1) }
        expectEqual(bad?.description, #"s.csv: line 4, column 1: "x" in column "0" is not a number"#)
        let outside = dataError { _ = try CSVTable.parse(text, file: "s.csv", header: .none, skipRows: 2, labelColumn: -4) }
        expectEqual(outside?.description, "s.csv: label column index -4 is outside the 3 columns")
    }
}

struct LabelOrderTests {
    @Test func numericLabelsKeepNumericOrder() throws {
        // scikit-learn's LabelEncoder on the numbers 10, 9, 2 gives classes [2, 9, 10].
        var encoder = LabelEncoder()
        let codes = try encoder.fitTransform(["10", "9", "2", "10"])
        expectEqual(encoder.classes, ["2", "9", "10"])
        expectEqual(codes.scalars(as: Int64.self), [2, 1, 0, 2])
        expectEqual(LabelEncoder.sortedClasses(["-1", "0.5", "-3"]), ["-3", "-1", "0.5"])
        expectEqual(LabelEncoder.sortedClasses(["b", "10", "a"]), ["10", "a", "b"])   // mixed: string order
        #expect(throws: DataError.self) { _ = try encoder.inverseTransform(Tensor([Int64(3)], shape: [1])) }
    }
}
