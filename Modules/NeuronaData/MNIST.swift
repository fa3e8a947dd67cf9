import Foundation
import NeuronaCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An image-classification data set as Keras's `load_data()` returns it: images whose pixels are
/// the files' bytes, 0–255 (float32 here, uint8 in Keras), channels last, and int64 labels. For
/// the MNIST family (``MNISTFamily``), 28×28 grey images `[N, 28, 28]`, 60,000 training and
/// 10,000 test examples; for ``CIFAR10``, 32×32 colour images `[N, 32, 32, 3]`, 50,000 and
/// 10,000. Scale the pixels as the lectures do before training:
///
/// ```swift
/// let data = try MNISTFamily.fashionMNIST.load()
/// let trainImages = data.trainImages / 255, testImages = data.testImages / 255   // [0, 1]
/// ```
public struct ImageClassificationData {
    /// The training images, float32, values 0–255: `[60000, 28, 28]` (MNIST family),
    /// `[50000, 32, 32, 3]` (CIFAR-10).
    public var trainImages: Tensor
    /// The training labels, int64, one per image, each in `0..<classNames.count`.
    public var trainLabels: Tensor
    /// The test images, float32, values 0–255: `[10000, 28, 28]` or `[10000, 32, 32, 3]`.
    public var testImages: Tensor
    /// The test labels, int64, one per image.
    public var testLabels: Tensor
    /// The class names, by label.
    public var classNames: [String]
    /// The folder the files were read from.
    public var folder: URL

    /// The training part as a data set (pixels 0–255, as loaded).
    public var train: TensorDataset { try! TensorDataset(inputs: trainImages, targets: trainLabels) }
    /// The test part as a data set (pixels 0–255, as loaded).
    public var test: TensorDataset { try! TensorDataset(inputs: testImages, targets: testLabels) }
}

/// Where an MNIST-family data set lives and how to check its files.
public struct MNISTFamily: FolderDataSet {
    /// A file's expected checksum (the module's ``NeuronaData/Checksum``).
    public typealias Checksum = NeuronaData.Checksum

    /// The data set's name (`"fashion-mnist"`), also its cache folder's name.
    public var name: String
    /// The four files (training images and labels, test images and labels) and their checksums.
    public var files: [(name: String, checksum: Checksum)]
    /// Where downloads come from, tried in order.
    public var mirrors: [URL]
    /// The class names, by label.
    public var classNames: [String]
    /// Folders searched before downloading (Debian's package for Fashion-MNIST).
    public var systemFolders: [URL]
    /// How to install the data set from the system's packages, when it can be.
    public var installHint: String? = nil
    /// The four files' names.
    public var fileNames: [String] { files.map(\.name) }
    /// "the four .gz files".
    public var filesInWords: String { "the four .gz files" }
    /// None: the files come loose.
    public var subfolderInArchive: String? { nil }

    /// Zalando's Fashion-MNIST (Debian's `dataset-fashion-mnist` installs it).
    public static let fashionMNIST = MNISTFamily(
        name: "fashion-mnist",
        files: [("train-images-idx3-ubyte.gz", .sha256OfContents("c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888")),
                ("train-labels-idx1-ubyte.gz", .sha256OfContents("bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9")),
                ("t10k-images-idx3-ubyte.gz", .sha256OfContents("5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b")),
                ("t10k-labels-idx1-ubyte.gz", .sha256OfContents("0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"))],
        mirrors: [URL(string: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")!],
        classNames: ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
        systemFolders: [URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist")],
        installHint: "Install it with `apt-get install dataset-fashion-mnist`")

    /// LeCun, Cortes and Burges's handwritten digits.
    public static let mnist = MNISTFamily(
        name: "mnist",
        files: [("train-images-idx3-ubyte.gz", .md5OfFile("f68b3c2dcbeaaa9fbdd348bbdeb94873")),
                ("train-labels-idx1-ubyte.gz", .md5OfFile("d53e105ee54ea40749a09fcbcd1e9432")),
                ("t10k-images-idx3-ubyte.gz", .md5OfFile("9fb629c4189551a2d022fa330f9573f3")),
                ("t10k-labels-idx1-ubyte.gz", .md5OfFile("ec29112dd5afa0611ce80d1b7f02629c"))],
        mirrors: [URL(string: "https://ossci-datasets.s3.amazonaws.com/mnist/")!],
        classNames: (0...9).map(String.init),
        systemFolders: [URL(fileURLWithPath: "/usr/share/datasets/mnist")])

    /// Whether `folder`'s label files are this data set's, by their checksums (the label files
    /// are small, so this is cheap): MNIST and Fashion-MNIST use the same file names, and this
    /// tells which one a folder holds. False when a label file is missing or unreadable.
    ///
    /// - Parameter folder: A folder holding MNIST-layout files.
    public func recognizes(_ folder: URL) -> Bool {
        files.filter { $0.name.contains("labels") }.allSatisfy { file in
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(file.name)) else { return false }
            return (try? verify(data, file.checksum, name: file.name)) != nil
        }
    }

    /// Reads and checks the four files of `folder`: images with pixels 0–255 (float32), labels
    /// int64, as many of each, every label a class.
    ///
    /// - Parameter folder: The folder holding the four files.
    /// - Throws: ``DataError`` naming the file at fault.
    public func read(_ folder: URL) throws -> ImageClassificationData {
        let url = { (name: String) in folder.appendingPathComponent(name) }
        let trainImages = try IDXReader.readImages(url(files[0].name))
        let trainLabels = try IDXReader.readLabels(url(files[1].name))
        let testImages = try IDXReader.readImages(url(files[2].name))
        let testLabels = try IDXReader.readLabels(url(files[3].name))
        for (images, labels, imageFile, labelFile) in [(trainImages, trainLabels, files[0].name, files[1].name),
                                                       (testImages, testLabels, files[2].name, files[3].name)] {
            guard images.shape[0] == labels.shape[0] else {
                throw DataError(.mismatch, file: url(labelFile).path,
                                "\(labels.shape[0]) labels for \(images.shape[0]) images in \(imageFile)")
            }
            if let bad = labels.scalars(as: Int64.self).firstIndex(where: { $0 < 0 || $0 >= Int64(classNames.count) }) {
                throw DataError(.badIDX, file: url(labelFile).path, position: "label \(bad)",
                                "label outside 0..<\(classNames.count)")
            }
        }
        return ImageClassificationData(trainImages: trainImages, trainLabels: trainLabels, testImages: testImages,
                                       testLabels: testLabels, classNames: classNames, folder: folder)
    }

    /// Downloads every file into `folder`, trying each mirror in turn and checking each file's
    /// checksum before it is moved into place.
    ///
    /// - Parameter folder: Where the files go (created when missing).
    /// - Throws: ``DataError`` of kind `downloadFailed` naming the URL and why it failed
    ///   (`http://127.0.0.1:1/mnist/train-images-idx3-ubyte.gz: failed to connect to 127.0.0.1
    ///   port 1 after 0 ms: Couldn't connect to server (NSURLErrorDomain -1004)`); with several
    ///   mirrors, naming the data set, the file, and each URL tried with its cause; of kind
    ///   `checksumMismatch` (with the URL) when the files were wrong.
    public func download(into folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in files {
            let data = try Download.fetch(file.name, mirrors: mirrors, checksum: file.checksum, dataSet: name)
            try data.write(to: folder.appendingPathComponent(file.name), options: .atomic)
        }
    }

    /// Throws ``DataError`` with kind `checksumMismatch` unless `data` (a file's bytes) matches
    /// (``Checksum/verify(_:name:)``).
    public func verify(_ data: Data, _ checksum: Checksum, name: String) throws {
        try checksum.verify(data, name: name)
    }
}
