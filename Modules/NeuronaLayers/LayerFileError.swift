/// A model description file that could not be read or made into a layer: the file, and what
/// was wrong (`LayerRegistry.make(contentsOf:)` throws it).
public struct LayerFileError: Error, Equatable, CustomStringConvertible {
    /// The file's path.
    public var file: String
    /// What was wrong with its contents, when it could be read; nil when it could not.
    public var error: LayerError?
    /// Why the file could not be read, when it could not.
    public var readFailure: String?

    /// A file whose contents are wrong.
    ///
    /// - Parameters:
    ///   - file: The file's path.
    ///   - error: What was wrong in it.
    public init(file: String, error: LayerError) {
        self.file = file
        self.error = error
    }

    /// A file that could not be read.
    ///
    /// - Parameters:
    ///   - file: The file's path.
    ///   - readFailure: Why (missing, a folder, not permitted).
    public init(file: String, readFailure: String) {
        self.file = file
        self.readFailure = readFailure
    }

    public var description: String {
        if let error { return "\(file): \(error)" }
        return "\(file): \(readFailure ?? "cannot be read")"
    }
}
