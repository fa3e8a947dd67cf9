/// A problem with data from outside the program: which file, where in it, and what was wrong.
/// Bad data never crashes the process; every reader throws one of these.
public struct DataError: Error, Equatable, CustomStringConvertible {
    /// What kind of problem it was.
    public enum Kind: String, Sendable {
        /// The file could not be opened or read.
        case unreadable
        /// A gzip stream is truncated or corrupt.
        case badCompression
        /// An IDX file's header or size is wrong.
        case badIDX
        /// A CSV row or cell is wrong.
        case badCSV
        /// A tar archive's header, size or length is wrong.
        case badArchive
        /// A CIFAR-10 batch file is truncated or holds a label out of range.
        case badCIFAR
        /// Two parts of a data set disagree (label count ≠ image count).
        case mismatch
        /// A data set is not on this machine.
        case notFound
        /// A downloaded file's checksum is wrong.
        case checksumMismatch
        /// A download failed: `file` is the URL, the message says why.
        case downloadFailed
        /// An argument describes data that cannot be (a split fraction above 1).
        case invalidArgument
    }

    /// What kind of problem it was.
    public var kind: Kind
    /// The file, or the data set's name.
    public var file: String
    /// Where in it: `byte 16`, `line 3, column 2`; empty when it is the whole file.
    public var position: String
    /// What was wrong, in words.
    public var message: String

    /// An error about `file`.
    /// - Parameters:
    ///   - kind: What kind of problem it was.
    ///   - file: The file, or the data set's name.
    ///   - position: Where in the file (`byte 16`, `line 3, column 2`); empty for the whole file.
    ///   - message: What was wrong, in words.
    public init(_ kind: Kind, file: String, position: String = "", _ message: String) {
        self.kind = kind
        self.file = file
        self.position = position
        self.message = message
    }

    public var description: String {
        position.isEmpty ? "\(file): \(message)" : "\(file): \(position): \(message)"
    }
}
