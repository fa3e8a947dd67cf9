import Foundation
import NeuronaCore
import NeuronaData
import Testing
import _NeuronaTestSupport

/// CIFAR-10 on small batch files the tests write in the binary format (no network at test time):
/// records of one label byte and 3,072 pixel bytes, red plane, green plane, blue plane.
struct CIFAR10Tests {
    /// A batch of `labels.count` records; pixel (y, x) of channel c in record r is `(r + 3c + y + 2x) % 256`.
    static func batch(labels: [UInt8]) -> Data {
        var bytes: [UInt8] = []
        for (r, label) in labels.enumerated() {
            bytes.append(label)
            for c in 0..<3 { for y in 0..<32 { for x in 0..<32 { bytes.append(UInt8((r + 3 * c + y + 2 * x) % 256)) } } }
        }
        return Data(bytes)
    }

    /// A folder holding the six batch files: two records per training file, three in the test file.
    static func writeTinyCIFAR(to folder: URL) throws {
        for i in 1...5 {
            try batch(labels: [UInt8(i), UInt8(9 - i)]).write(to: folder.appendingPathComponent("data_batch_\(i).bin"))
        }
        try batch(labels: [3, 8, 0]).write(to: folder.appendingPathComponent("test_batch.bin"))
    }

    @Test func readsRecordsChannelsLast() throws {
        let folder = temporaryFolder("cifar")
        try Self.writeTinyCIFAR(to: folder)
        let data = try CIFAR10().load(from: folder)
        #expect(data.trainImages.shape == [10, 32, 32, 3] && data.trainImages.dtype == .float32)
        expectEqual(data.testImages.shape, [3, 32, 32, 3])
        // The files' order: data_batch_1 (labels 1, 8), data_batch_2 (2, 7), …
        expectEqual(data.trainLabels.scalars(as: Int64.self), [1, 8, 2, 7, 3, 6, 4, 5, 5, 4])
        expectEqual(data.testLabels.scalars(as: Int64.self), [3, 8, 0])
        // Record 1 of the test file, y 5, x 7: red (1 + 0 + 5 + 14), green (+3), blue (+6).
        expectEqual(data.testImages.value(at: [1, 5, 7, 0]), 20)
        expectEqual(data.testImages.value(at: [1, 5, 7, 1]), 23)
        expectEqual(data.testImages.value(at: [1, 5, 7, 2]), 26)
        // Training record 3 is data_batch_2's second record (r = 1 in its file): 1 + 6 + 31 + 62.
        expectEqual(data.trainImages.value(at: [3, 31, 31, 2]), 100)
        #expect(data.classNames[3] == "cat" && data.classNames.count == 10)
    }

    @Test func malformedBatchesNameTheFileAndTheRecord() throws {
        let folder = temporaryFolder("cifar")
        try Self.writeTinyCIFAR(to: folder)
        let cifar = CIFAR10()
        let test = folder.appendingPathComponent("test_batch.bin")
        try Self.batch(labels: [3, 8, 0]).prefix(2 * 3073 + 100).write(to: test)
        let truncated = dataError { _ = try cifar.load(from: folder) }
        expectEqual(truncated?.kind, .badCIFAR)
        expectEqual(truncated?.description, "\(test.path): record 2, byte 6146: truncated: the record has 100 of its 3073 bytes (1 label byte, 3,072 pixel bytes)")
        try Self.batch(labels: [3, 10, 12]).write(to: test)
        expectEqual(dataError { _ = try cifar.load(from: folder) }?.description, "\(test.path): record 1, byte 3073: label 10 outside 0..<10")
        try Data().write(to: test)
        expectEqual(dataError { _ = try cifar.load(from: folder) }?.message.hasPrefix("the file is empty"), true)
    }

    @Test func aFolderWithoutTheFilesIsAnErrorNamingThem() throws {
        let parent = temporaryFolder("cifar")
        let inner = parent.appendingPathComponent("cifar-10-batches-bin")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try Self.writeTinyCIFAR(to: inner)
        // The folder the archive was unpacked in: the error names the subfolder to pass.
        let error = dataError { _ = try CIFAR10().load(from: parent) }
        #expect(error?.kind == .notFound && error?.file == parent.path)
        #expect(error?.message == "does not hold the cifar-10 data set: missing data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, "
                + "data_batch_4.bin, data_batch_5.bin, test_batch.bin (expected data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, "
                + "data_batch_4.bin, data_batch_5.bin, test_batch.bin); they are in its subfolder cifar-10-batches-bin: pass \(inner.path)")
        try FileManager.default.removeItem(at: inner.appendingPathComponent("data_batch_4.bin"))
        expectEqual(dataError { _ = try CIFAR10().load(from: inner) }?.message.hasPrefix("does not hold the cifar-10 data set: missing data_batch_4.bin (expected"), true)
        // No folder given and none found, no download allowed: names the searched folders and what to do.
        var absent = CIFAR10()
        absent.name = "absent-\(UUID().uuidString)"
        let notFound = dataError { _ = try absent.load() }
        #expect(notFound?.kind == .notFound && notFound?.message.contains("or allow a download into") == true)
    }

    /// The download path end to end on a `file://` mirror serving an archive made by GNU tar.
    @Test func downloadsChecksAndUnpacksTheArchive() throws {
        let source = temporaryFolder("cifar")
        let inner = source.appendingPathComponent("cifar-10-batches-bin")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try Self.writeTinyCIFAR(to: inner)
        try Data("airplane\nautomobile\n".utf8).write(to: inner.appendingPathComponent("batches.meta.txt"))
        let served = temporaryFolder("cifar")
        let archive = served.appendingPathComponent("cifar-10-binary.tar.gz")
        try runTar(["-czf", archive.path, "-C", source.path, "cifar-10-batches-bin"])
        let bytes = try Data(contentsOf: archive)

        var cifar = CIFAR10()
        cifar.mirrors = [served]
        // The official checksum: this archive is not the official one.
        let wrong = dataError { try cifar.download(into: temporaryFolder("cifar")) }
        #expect(wrong?.kind == .checksumMismatch && wrong?.file == archive.absoluteString)
        expectEqual(wrong?.message, "SHA-256 is \(Digest.sha256(bytes)), expected c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd")

        cifar.archive.checksum = .sha256OfFile(Digest.sha256(bytes))
        expectEqual(cifar.cacheFolder.lastPathComponent, "cifar-10")
        let folder = temporaryFolder("cifar").appendingPathComponent("new")
        try cifar.download(into: folder)
        let data = try cifar.load(from: folder)
        #expect(data.folder == folder && data.trainImages.shape == [10, 32, 32, 3])
        expectEqual(data.testLabels.scalars(as: Int64.self), [3, 8, 0])
        try expectEqual(FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), cifar.fileNames.sorted())

        // An archive whose checksum matches but which lacks a batch file.
        try FileManager.default.removeItem(at: inner.appendingPathComponent("test_batch.bin"))
        try FileManager.default.removeItem(at: archive)
        try runTar(["-czf", archive.path, "-C", source.path, "cifar-10-batches-bin"])
        cifar.archive.checksum = .sha256OfFile(Digest.sha256(try Data(contentsOf: archive)))
        #expect(dataError { try cifar.download(into: temporaryFolder("cifar")) }?.description
                == "cifar-10-binary.tar.gz: the archive holds no cifar-10-batches-bin/test_batch.bin")
    }
}

/// Runs `tar` with `arguments`, failing the test when it fails.
func runTar(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
    expectEqual(process.terminationStatus, 0, "tar \(arguments)")
}
