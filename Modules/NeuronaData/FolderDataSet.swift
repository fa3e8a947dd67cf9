import Foundation

/// A data set kept as files in a folder (``MNISTFamily``, ``CIFAR10``): which files, where to
/// look for them, how to read them and how to download them. Loading follows one rule for all:
/// a folder given is read and only it; otherwise the first system or cache folder holding every
/// file; otherwise, when allowed, a checked download into the cache folder.
public protocol FolderDataSet: Sendable {
    /// The data set's name (`"fashion-mnist"`), also its cache folder's name.
    var name: String { get }
    /// The files a folder must hold.
    var fileNames: [String] { get }
    /// Folders searched before the cache folder (a system package's).
    var systemFolders: [URL] { get }
    /// How to install the data set from the system's packages, when it can be.
    var installHint: String? { get }
    /// The files, in words, for the error when no folder holds them ("the four .gz files").
    var filesInWords: String { get }
    /// The subfolder an unpacked archive keeps the files in, named in the error for a folder
    /// that holds it (`cifar-10-batches-bin`); nil when the files come loose.
    var subfolderInArchive: String? { get }
    /// Reads the files of `folder`.
    func read(_ folder: URL) throws -> ImageClassificationData
    /// Downloads the files into `folder`, each checked before it is kept.
    func download(into folder: URL) throws
}

extension FolderDataSet {
    /// The cache folder downloads go to: `$NEURONA_DATA/<name>`, else `~/.cache/neurona/<name>`.
    public var cacheFolder: URL { DataCache.folder(name) }

    /// Loads the data set: from `folder` when given, and only from there; otherwise from the
    /// first system or cache folder holding every file; otherwise, when `download` is true,
    /// downloads the files (checked) into the cache folder.
    ///
    /// - Parameters:
    ///   - folder: The folder holding the files (`--data-dir`); nil to search.
    ///   - download: Whether to download the files when no folder holds them.
    /// - Throws: ``DataError`` of kind `notFound` naming `folder` and the files it lacks when
    ///   `folder` does not hold them all (never a fallback to another folder or data set);
    ///   naming the folders searched and how to get the files when none holds them; the
    ///   errors of ``download(into:)`` and ``read(_:)``.
    public func load(from folder: URL? = nil, download: Bool = false) throws -> ImageClassificationData {
        if let folder {
            try checkHoldsAllFiles(folder)
            return try read(folder)
        }
        let candidates = systemFolders + [cacheFolder]
        if let found = candidates.first(where: hasAllFiles) {
            return try read(found)
        }
        guard download else {
            throw DataError(.notFound, file: name, """
                not found in \(candidates.map(\.path).joined(separator: ", ")). \
                \(installHint.map { $0 + ", " } ?? "")\
                pass the folder holding \(filesInWords), or allow a download into \(cacheFolder.path)
                """)
        }
        try self.download(into: cacheFolder)
        return try read(cacheFolder)
    }

    /// Throws unless `folder` holds every file: a ``DataError`` of kind `notFound` whose `file`
    /// is the folder and whose message names the data set, the files missing and the files
    /// expected (and the subfolder to pass, when `folder` is where an archive was unpacked).
    ///
    /// - Parameter folder: The folder to check.
    public func checkHoldsAllFiles(_ folder: URL) throws {
        var isDirectory: ObjCBool = false
        let expected = fileNames.joined(separator: ", ")
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw DataError(.notFound, file: folder.path, "no such folder; the \(name) data set needs \(expected)")
        }
        guard isDirectory.boolValue else {
            throw DataError(.notFound, file: folder.path, "not a folder; the \(name) data set needs a folder holding \(expected)")
        }
        let missing = fileNames.filter { !FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        guard missing.isEmpty else {
            let inner = subfolderInArchive.map { folder.appendingPathComponent($0) }
            let hint = inner.flatMap { hasAllFiles($0) ? "; they are in its subfolder \($0.lastPathComponent): pass \($0.path)" : nil } ?? ""
            throw DataError(.notFound, file: folder.path,
                            "does not hold the \(name) data set: missing \(missing.joined(separator: ", ")) (expected \(expected))\(hint)")
        }
    }

    func hasAllFiles(_ folder: URL) -> Bool {
        fileNames.allSatisfy { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
    }
}
