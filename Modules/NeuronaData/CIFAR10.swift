import Foundation
import NeuronaCore

/// Krizhevsky's CIFAR-10: 32×32 colour images in 10 classes, 50,000 for training and 10,000 for
/// testing, read from the binary version (`cifar-10-binary.tar.gz`) as Keras's
/// `cifar10.load_data()` returns them: images `[N, 32, 32, 3]` channels last (the layout of
/// `Conv2D`), pixels 0–255 as float32, labels int64 0–9.
///
/// Each batch file (`data_batch_1.bin` … `data_batch_5.bin`, `test_batch.bin`) is a run of
/// 3,073-byte records: one label byte, then the image's 1,024 red, 1,024 green and 1,024 blue
/// bytes, each plane row by row. A file that stops inside a record, or a label past 9, is a
/// ``DataError`` naming the file and the record.
///
/// ```swift
/// let cifar = try CIFAR10().load(download: true)      // checked download into ~/.cache/neurona/cifar-10
/// let images = cifar.trainImages / 255                 // [50000, 32, 32, 3], in [0, 1]
/// cifar.classNames[Int(cifar.trainLabels.scalars(as: Int64.self)[0])]   // "frog"
/// ```
public struct CIFAR10: FolderDataSet {
    /// The data set's name, also its cache folder's name.
    public var name = "cifar-10"
    /// The archive downloads fetch and its checksum: the authors' binary version, 170,052,171
    /// bytes, whose published MD5 is c32a1d4ab5d03f1284b67883e8d87530; checked by its SHA-256.
    public var archive: (name: String, checksum: Checksum) = (
        "cifar-10-binary.tar.gz", .sha256OfFile("c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd"))
    /// The folder inside the archive that holds the batch files.
    public var folderInArchive = "cifar-10-batches-bin"
    /// The training batch files, read in this order.
    public var trainFiles = (1...5).map { "data_batch_\($0).bin" }
    /// The test batch files.
    public var testFiles = ["test_batch.bin"]
    /// Where downloads come from, tried in order (the authors' page).
    public var mirrors = [URL(string: "https://www.cs.toronto.edu/~kriz/")!]
    /// The class names, by label (the archive's `batches.meta.txt`).
    public var classNames = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
    /// Folders searched before the cache folder (none by default: no system package ships CIFAR-10).
    public var systemFolders: [URL] = []

    /// Image height, width and channels.
    public static let imageShape = [32, 32, 3]
    /// Bytes per record: the label byte and the image's 3,072 bytes.
    public static let recordSize = 1 + 32 * 32 * 3

    /// The official data set: the authors' archive, file names and class names.
    public init() {}

    /// Every batch file, training then test.
    public var fileNames: [String] { trainFiles + testFiles }
    /// None: no system package installs CIFAR-10.
    public var installHint: String? { nil }
    /// The six batch files, and where the archive keeps them.
    public var filesInWords: String { "\(fileNames.joined(separator: ", ")) (the \(folderInArchive) folder of \(archive.name))" }
    /// The folder inside the archive that holds the batch files.
    public var subfolderInArchive: String? { folderInArchive }

    /// Reads the batch files of `folder`.
    ///
    /// - Parameter folder: The folder holding the six `.bin` files.
    /// - Throws: ``DataError`` naming the file at fault: `unreadable`, or `badCIFAR` with the record.
    public func read(_ folder: URL) throws -> ImageClassificationData {
        let train = try readBatches(trainFiles.map { folder.appendingPathComponent($0) })
        let test = try readBatches(testFiles.map { folder.appendingPathComponent($0) })
        return ImageClassificationData(trainImages: train.images, trainLabels: train.labels, testImages: test.images,
                                       testLabels: test.labels, classNames: classNames, folder: folder)
    }

    /// The images `[N, 32, 32, 3]` (float32, 0–255) and labels `[N]` (int64) of batch files, in order.
    ///
    /// - Parameter urls: Batch files in the CIFAR-10 binary format.
    /// - Throws: ``DataError`` of kind `unreadable`, or `badCIFAR` naming the file and the record:
    ///   an empty file, a file that stops inside a record, a label outside `0..<classNames.count`.
    public func readBatches(_ urls: [URL]) throws -> (images: Tensor, labels: Tensor) {
        var contents: [Data] = []
        for url in urls {
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw DataError(.unreadable, file: url.path, "cannot read the file (\(Download.cause(of: error)))")
            }
            try checkBatch(data, file: url.path)
            contents.append(data)
        }
        let count = contents.reduce(0) { $0 + $1.count / Self.recordSize }
        var images = Tensor.zeros([count] + Self.imageShape, dtype: .float32)
        var labels: [Int64] = []
        labels.reserveCapacity(count)
        let plane = 32 * 32
        images.withUnsafeMutableBufferPointer(as: Float.self) { pixels in
            var record = 0
            for data in contents {
                data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                    let bytes = raw.bindMemory(to: UInt8.self)
                    for start in stride(from: 0, to: bytes.count, by: Self.recordSize) {
                        labels.append(Int64(bytes[start]))
                        // Planes (red, green, blue) in the file; channels last in the tensor.
                        let out = record * Self.recordSize - record   // record · 3,072
                        for channel in 0..<3 {
                            let source = start + 1 + channel * plane
                            for pixel in 0..<plane { pixels[out + pixel * 3 + channel] = Float(bytes[source + pixel]) }
                        }
                        record += 1
                    }
                }
            }
        }
        return (images, Tensor(labels, shape: [count]))
    }

    /// Throws unless `data` is whole records with labels in range.
    private func checkBatch(_ data: Data, file: String) throws {
        guard !data.isEmpty else {
            throw DataError(.badCIFAR, file: file, "the file is empty; a CIFAR-10 batch holds \(Self.recordSize)-byte records")
        }
        let whole = data.count / Self.recordSize, rest = data.count % Self.recordSize
        guard rest == 0 else {
            throw DataError(.badCIFAR, file: file, position: "record \(whole), byte \(whole * Self.recordSize)",
                            "truncated: the record has \(rest) of its \(Self.recordSize) bytes (1 label byte, 3,072 pixel bytes)")
        }
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            for record in 0..<whole where Int(bytes[record * Self.recordSize]) >= classNames.count {
                throw DataError(.badCIFAR, file: file, position: "record \(record), byte \(record * Self.recordSize)",
                                "label \(bytes[record * Self.recordSize]) outside 0..<\(classNames.count)")
            }
        }
    }

    /// Downloads the archive (trying each mirror in turn, its checksum checked before anything
    /// is kept) and writes its batch files into `folder`, each written beside and then renamed.
    ///
    /// - Parameter folder: Where the batch files go (created when missing).
    /// - Throws: ``DataError`` of kind `downloadFailed` or `checksumMismatch` naming the URL
    ///   (``Download/fetch(_:mirrors:checksum:dataSet:)``); `badCompression` or `badArchive`
    ///   naming the archive; `badArchive` when it lacks a batch file.
    public func download(into folder: URL) throws {
        let data = try Download.fetch(archive.name, mirrors: mirrors, checksum: archive.checksum, dataSet: name)
        let entries = try TarArchive.regularFiles(in: Gzip.decompress(data, file: archive.name), file: archive.name)
        var batches: [(name: String, contents: Data)] = []
        for file in fileNames {
            let path = folderInArchive + "/" + file
            guard let entry = entries.first(where: { $0.name == path || $0.name == "./" + path }) else {
                throw DataError(.badArchive, file: archive.name, "the archive holds no \(path)")
            }
            try checkBatch(entry.contents, file: archive.name + ": " + path)
            batches.append((file, entry.contents))
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for batch in batches {
            try batch.contents.write(to: folder.appendingPathComponent(batch.name), options: .atomic)
        }
    }
}
