import Foundation
import NeuronaCore
import NeuronaData
import Testing
import _NeuronaTestSupport

func dataError(_ body: () throws -> Void) -> DataError? {
    do {
        try body()
        return nil
    } catch let error as DataError {
        return error
    } catch {
        return nil
    }
}

struct GzipTests {
    @Test func roundTripAndCorruption() throws {
        let text = Data(String(repeating: "neurona ", count: 5000).utf8)
        let packed = Gzip.compress(text)
        #expect(Gzip.isCompressed(packed) && packed.count < text.count / 10)
        try expectEqual(Gzip.decompress(packed, file: "x.gz"), text)
        let truncated = dataError { _ = try Gzip.decompress(packed.prefix(packed.count / 2), file: "t.gz") }
        #expect(truncated?.kind == .badCompression && truncated?.file == "t.gz")
        expectEqual(truncated?.description.contains("truncated"), true)
        var garbled = packed
        for i in 12..<40 { garbled[i] ^= 0x5a }
        let corrupt = dataError { _ = try Gzip.decompress(garbled, file: "g.gz") }
        #expect(corrupt?.kind == .badCompression && corrupt?.position.hasPrefix("byte ") == true)
    }
}

struct IDXReaderTests {
    @Test func readsImagesAndLabelsPlainAndGzip() throws {
        let folder = temporaryFolder("data")
        let pixels: [UInt8] = (0..<12).map { (index: Int) in UInt8(index * 20) }   // 3 images of 2 × 2
        try IDXReader.encode(bytes: pixels, shape: [3, 2, 2]).write(to: folder.appendingPathComponent("images.idx"))
        try Gzip.compress(IDXReader.encode(bytes: [7, 0, 9], shape: [3])).write(to: folder.appendingPathComponent("labels.idx.gz"))
        let images = try IDXReader.readImages(folder.appendingPathComponent("images.idx"))
        #expect(images.shape == [3, 2, 2] && images.dtype == .float32)
        // The bytes' values, 0–255, as Keras's load_data() gives them (pixel 11 is 11 · 20).
        expectEqual(images.scalars(as: Float.self), pixels.map(Float.init))
        expectEqual(images.value(at: [2, 1, 1]), 220)
        let labels = try IDXReader.readLabels(folder.appendingPathComponent("labels.idx.gz"))
        expectEqual(labels.scalars(as: Int64.self), [7, 0, 9])
    }

    @Test func malformedFilesThrowNamingThePosition() throws {
        let good = IDXReader.encode(bytes: [1, 2, 3, 4, 5, 6], shape: [2, 3])
        let truncated = dataError { _ = try IDXReader.parse(good.prefix(good.count - 1), file: "t.idx") }
        expectEqual(truncated?.kind, .badIDX)
        expectEqual(truncated?.description, "t.idx: byte 17: shape [2, 3] needs 6 bytes of data after the 12-byte header, the file has 5")
        var badMagic = good
        badMagic[0] = 9
        expectEqual(dataError { _ = try IDXReader.parse(badMagic, file: "m.idx") }?.position, "byte 0")
        var badType = good
        badType[2] = 0x42
        expectEqual(dataError { _ = try IDXReader.parse(badType, file: "b.idx") }?.message, "unknown element type 0x42")
        expectEqual(dataError { _ = try IDXReader.parse(good.prefix(6), file: "h.idx") }?.message.contains("declares 2 dimensions"), true)
        expectEqual(dataError { _ = try IDXReader.parse(Data([0, 0]), file: "s.idx") }?.position, "byte 2")
    }
}

struct CSVTableTests {
    static let iris = """
    sepal,petal,species
    5.1,1.4,setosa
    6.3,4.9,versicolor
    4.9,1.5,setosa
    """

    @Test func numericColumnsAndALabelColumn() throws {
        let table = try CSVTable.parse(Self.iris, labelColumn: "species")
        expectEqual(table.columnNames, ["sepal", "petal"])
        #expect(table.features.shape == [3, 2] && table.features.value(at: [1, 1]) == Double(Float(4.9)))
        expectEqual(table.labels!.scalars(as: Int64.self), [0, 1, 0])
        expectEqual(table.labelNames, ["setosa", "versicolor"])
        let semicolons = try CSVTable.parse("a;b\n1;2\n3;4", delimiter: ";", dtype: .float64)
        expectEqual(semicolons.features.doubles, [1, 2, 3, 4])
        let quoted = try CSVTable.parse("x,name\n1,\"a, b\"\n2,c", labelColumn: "name")
        expectEqual(quoted.labelNames, ["a, b", "c"])
    }

    @Test func raggedRowsAndNonNumericCellsNameTheLine() throws {
        let ragged = dataError { _ = try CSVTable.parse("a,b\n1,2\n3\n", file: "r.csv") }
        expectEqual(ragged?.description, "r.csv: line 3: 1 fields, but the header has 2")
        let text = dataError { _ = try CSVTable.parse("a,b\n1,2\n3,x\n", file: "n.csv") }
        expectEqual(text?.description, #"n.csv: line 3, column 2: "x" in column "b" is not a number"#)
        let unknown = dataError { _ = try CSVTable.parse("a,y\n1,cat\n", file: "u.csv", labelColumn: "y", labelOrder: ["dog"]) }
        expectEqual(unknown?.position, "line 2, column 2")
        let missing = dataError { _ = try CSVTable.parse("a,b\n1,2\n", file: "c.csv", labelColumn: "label") }
        expectEqual(missing?.message.contains("no column named \"label\""), true)
    }

    @Test func readsAGzippedFile() throws {
        let url = temporaryFolder("data").appendingPathComponent("t.csv.gz")
        try Gzip.compress(Data(Self.iris.utf8)).write(to: url)
        try expectEqual(CSVTable.read(url, labelColumn: "species").features.shape, [3, 2])
    }
}

struct MNISTLoaderTests {
    /// A tiny data set in the MNIST layout: 4 training and 2 test images of 28×28.
    static func writeTinyMNIST(to folder: URL, labels: [UInt8] = [3, 1, 4, 1], testLabels: [UInt8] = [5, 9]) throws {
        let image = { (n: Int) in (0..<(n * 784)).map { UInt8($0 % 256) } }
        try Gzip.compress(IDXReader.encode(bytes: image(4), shape: [4, 28, 28])).write(to: folder.appendingPathComponent("train-images-idx3-ubyte.gz"))
        try Gzip.compress(IDXReader.encode(bytes: labels, shape: [labels.count])).write(to: folder.appendingPathComponent("train-labels-idx1-ubyte.gz"))
        try Gzip.compress(IDXReader.encode(bytes: image(2), shape: [2, 28, 28])).write(to: folder.appendingPathComponent("t10k-images-idx3-ubyte.gz"))
        try Gzip.compress(IDXReader.encode(bytes: testLabels, shape: [testLabels.count])).write(to: folder.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
    }

    @Test func loadsFromAnExplicitFolder() throws {
        let folder = temporaryFolder("data")
        try Self.writeTinyMNIST(to: folder)
        let data = try MNISTFamily.mnist.load(from: folder)
        #expect(data.trainImages.shape == [4, 28, 28] && data.testImages.shape == [2, 28, 28])
        expectEqual(data.trainLabels.scalars(as: Int64.self), [3, 1, 4, 1])
        expectEqual(data.train.count, 4)
    }

    /// Keras's `load_data()` gives uint8 pixels 0–255; so do these (as float32), and the
    /// lecture's `images / 255` gives exactly Float(byte) / Float(255), the bits the loader
    /// produced when it divided (`Float(src[i]) / Float(255)`) before it returned 0–255.
    @Test func pixelsAreTheBytesZeroTo255AndDividingGivesTheOldBits() throws {
        let folder = temporaryFolder("data")
        try Self.writeTinyMNIST(to: folder)
        let data = try MNISTFamily.mnist.load(from: folder)
        let pixels = data.trainImages.scalars(as: Float.self)
        expectEqual(data.trainImages.dtype, .float32)
        #expect(pixels.prefix(3) == [0, 1, 2] && pixels.max() == 255 && pixels[300] == 44)   // 300 % 256
        let scaled = (data.trainImages / 255).scalars(as: Float.self)
        expectEqual(scaled.map(\.bitPattern), pixels.map { (Float($0) / Float(255)).bitPattern })
        #expect(scaled.max() == 1 && scaled[300] == Float(44) / 255)
    }

    @Test func aDataDirectoryWithoutTheFilesIsAnErrorNamingItAndTheFiles() throws {
        let empty = temporaryFolder("data")
        let error = dataError { _ = try MNISTFamily.mnist.load(from: empty) }
        #expect(error?.kind == .notFound && error?.file == empty.path)
        #expect(error?.message == "does not hold the mnist data set: missing train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
                + "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz (expected train-images-idx3-ubyte.gz, "
                + "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz)")
        // A folder holding some of them names the missing ones only.
        let partial = temporaryFolder("data")
        try Self.writeTinyMNIST(to: partial)
        try FileManager.default.removeItem(at: partial.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
        #expect(dataError { _ = try MNISTFamily.mnist.load(from: partial) }?.message.hasPrefix(
            "does not hold the mnist data set: missing t10k-labels-idx1-ubyte.gz (expected ") == true)
        // No such folder; a file where a folder should be.
        let bad = URL(fileURLWithPath: "/bad-\(UUID().uuidString)")
        #expect(dataError { _ = try MNISTFamily.fashionMNIST.load(from: bad) }?.description == "\(bad.path): no such folder; "
                + "the fashion-mnist data set needs train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz")
        let file = partial.appendingPathComponent("train-images-idx3-ubyte.gz")
        expectEqual(dataError { _ = try MNISTFamily.mnist.load(from: file) }?.message.hasPrefix("not a folder; the mnist data set needs"), true)
    }

    @Test func aFailedDownloadNamesEveryURLAndWhy() throws {
        var family = MNISTFamily.mnist
        let nowhere = "file:///nonexistent-\(UUID().uuidString)/"
        family.mirrors = [URL(string: nowhere)!, URL(string: "http://127.0.0.1:1/mnist/")!]
        let error = dataError { try family.download(into: temporaryFolder("data")) }
        #expect(error?.kind == .downloadFailed && error?.file == "mnist")
        let message = error?.message ?? ""
        #expect(message.hasPrefix("downloading train-images-idx3-ubyte.gz, every mirror failed: \(nowhere)train-images-idx3-ubyte.gz: "
                                  + "no such file; http://127.0.0.1:1/mnist/train-images-idx3-ubyte.gz: "), "\(message)")
        #expect(!message.contains("error 256"), "\(message)")
        // A mirror serving a wrong file: the checksum, with its URL.
        let served = temporaryFolder("data")
        try Data("not the real file".utf8).write(to: served.appendingPathComponent("train-images-idx3-ubyte.gz"))
        family.mirrors = [served]
        let wrong = dataError { try family.download(into: temporaryFolder("data")) }
        expectEqual(wrong?.kind, .checksumMismatch)
        #expect(wrong?.description == served.appendingPathComponent("train-images-idx3-ubyte.gz").absoluteString
                + ": MD5 is d31cad6c15ea8e75373954cc98b26c59, expected f68b3c2dcbeaaa9fbdd348bbdeb94873")
    }

    @Test func labelCountMustMatchImageCount() throws {
        let folder = temporaryFolder("data")
        try Self.writeTinyMNIST(to: folder, labels: [1, 2, 3])
        let error = dataError { _ = try MNISTFamily.mnist.load(from: folder) }
        expectEqual(error?.kind, .mismatch)
        expectEqual(error?.description.hasSuffix("train-labels-idx1-ubyte.gz: 3 labels for 4 images in train-images-idx3-ubyte.gz"), true)
    }

    @Test func missingFilesSayHowToGetThem() {
        let error = dataError { _ = try MNISTFamily.mnist.load(from: temporaryFolder("data")) }
        expectEqual(error?.kind, .notFound)
        var family = MNISTFamily.fashionMNIST
        family.systemFolders = [temporaryFolder("data")]
        family.name = "absent-\(UUID().uuidString)"   // an empty cache folder
        let absent = dataError { _ = try family.load() }
        expectEqual(absent?.message.contains("apt-get install dataset-fashion-mnist"), true)
    }

    @Test func checksumsAreChecked() throws {
        let bytes = Data("not the real file".utf8)
        let family = MNISTFamily.mnist
        expectEqual(dataError { try family.verify(bytes, .md5OfFile("f68b3c2dcbeaaa9fbdd348bbdeb94873"), name: "x.gz") }?.kind, .checksumMismatch)
        // `printf "not the real file" | md5sum` and `| sha256sum`:
        try family.verify(bytes, .md5OfFile("d31cad6c15ea8e75373954cc98b26c59"), name: "x")
        try family.verify(Gzip.compress(bytes), .sha256OfContents("66719ed2ea2402a891e0109fef17695a6f3c3f49ea30f0499e355591fd56b355"), name: "x.gz")
        expectEqual(dataError { try family.verify(bytes, .sha256OfContents(String(repeating: "0", count: 64)), name: "y") }?.kind, .checksumMismatch)
    }

    /// MNIST and Fashion-MNIST share file names; the label files' checksums tell them apart.
    @Test func theLabelFilesTellTheDataSets() throws {
        let debian = URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist")
        #expect(MNISTFamily.fashionMNIST.recognizes(debian))
        #expect(!MNISTFamily.mnist.recognizes(debian))
        let tiny = temporaryFolder("data")
        try Self.writeTinyMNIST(to: tiny)
        #expect(!MNISTFamily.fashionMNIST.recognizes(tiny) && !MNISTFamily.mnist.recognizes(tiny))
        #expect(!MNISTFamily.fashionMNIST.recognizes(temporaryFolder("data")))
    }

    @Test func fashionMNISTFromDebiansPackage() throws {
        let data = try MNISTFamily.fashionMNIST.load(from: URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist"))
        #expect(data.trainImages.shape == [60000, 28, 28] && data.testLabels.shape == [10000])
        expectEqual(data.trainLabels.scalars(as: Int64.self).prefix(5), [9, 0, 0, 3, 0])
        // The contents match the checksums downloads are checked against.
        for (name, checksum) in MNISTFamily.fashionMNIST.files {
            try MNISTFamily.fashionMNIST.verify(Data(contentsOf: data.folder.appendingPathComponent(name)), checksum, name: name)
        }
    }
}
