import Foundation

/// A downloaded file's expected checksum, as its data set publishes it.
///
/// ```swift
/// try Checksum.md5OfFile("d31cad6c15ea8e75373954cc98b26c59").verify(Data("not the real file".utf8), name: "x")
/// ```
public enum Checksum: Sendable, Equatable {
    /// SHA-256 of the decompressed bytes (holds for any mirror, compressed or not).
    case sha256OfContents(String)
    /// SHA-256 of the file as published.
    case sha256OfFile(String)
    /// MD5 of the file as published (the original MNIST files' checksums).
    case md5OfFile(String)

    /// Throws unless `data` (a file's bytes) matches.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - name: Names the file in errors.
    /// - Throws: ``DataError`` of kind `checksumMismatch` giving the checksum found and the one
    ///   expected; of kind `badCompression` when the contents' checksum is asked of a corrupt gzip file.
    public func verify(_ data: Data, name: String) throws {
        let (algorithm, actual, expected): (String, String, String)
        switch self {
        case .sha256OfContents(let sum):
            let contents = Gzip.isCompressed(data) ? try Gzip.decompress(data, file: name) : data
            (algorithm, actual, expected) = ("SHA-256 of the contents", Digest.sha256(contents), sum)
        case .sha256OfFile(let sum):
            (algorithm, actual, expected) = ("SHA-256", Digest.sha256(data), sum)
        case .md5OfFile(let sum):
            (algorithm, actual, expected) = ("MD5", Digest.md5(data), sum)
        }
        guard actual == expected.lowercased() else {
            throw DataError(.checksumMismatch, file: name, "\(algorithm) is \(actual), expected \(expected)")
        }
    }
}
