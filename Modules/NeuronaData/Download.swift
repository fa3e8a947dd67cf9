import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches files for the data sets, with errors that name the URL and say why it failed.
///
/// `Data(contentsOf:)` on Linux reports every failure as `NSCocoaErrorDomain error 256` and
/// takes an HTTP error page as the file; this reads `file://` URLs directly and others through
/// `URLSession`, refuses HTTP statuses other than 2xx, and turns each failure into a
/// ``DataError`` of kind ``DataError/Kind/downloadFailed`` whose `file` is the URL.
public enum Download {
    /// How long a request may wait for the server before it fails, in seconds.
    public static let timeout: TimeInterval = 60

    /// The bytes at `url`.
    ///
    /// - Parameter url: A `file://`, `http://` or `https://` URL.
    /// - Throws: ``DataError`` (kind `downloadFailed`, `file` the URL) saying why: no such file,
    ///   could not connect, an HTTP status, a timeout.
    public static func fetch(_ url: URL) throws -> Data {
        if url.isFileURL {
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw DataError(.downloadFailed, file: url.absoluteString, "no such file")
            }
            do {
                return try Data(contentsOf: url)
            } catch {
                throw DataError(.downloadFailed, file: url.absoluteString, "cannot read the file (\(cause(of: error)))")
            }
        }
        let request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        let finished = DispatchSemaphore(value: 0)
        let box = ResultBox()
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            box.data = data
            box.response = response
            box.error = error
            finished.signal()
        }
        task.resume()
        finished.wait()
        if let error = box.error {
            throw DataError(.downloadFailed, file: url.absoluteString, cause(of: error))
        }
        if let http = box.response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            throw DataError(.downloadFailed, file: url.absoluteString,
                            "the server answered HTTP \(http.statusCode) (\(HTTPURLResponse.localizedString(forStatusCode: http.statusCode)))")
        }
        guard let data = box.data else {
            throw DataError(.downloadFailed, file: url.absoluteString, "the server sent no data")
        }
        return data
    }

    /// The bytes of `file`, from the first of `mirrors` that serves it with the right checksum:
    /// each mirror is tried in turn, and a file is returned only once its checksum matched.
    ///
    /// - Parameters:
    ///   - file: The file's name, appended to each mirror's URL.
    ///   - mirrors: Folders (URLs) serving the file, tried in order.
    ///   - checksum: The file's published checksum.
    ///   - dataSet: The data set's name, for the error when every mirror failed.
    /// - Throws: With one mirror, its ``DataError``: kind `downloadFailed` naming the URL and why,
    ///   or `checksumMismatch` naming the URL and both checksums. With several, one naming the
    ///   data set, the file, and each URL tried with its cause (kind `checksumMismatch` when every
    ///   mirror served a wrong file, `downloadFailed` otherwise).
    public static func fetch(_ file: String, mirrors: [URL], checksum: Checksum, dataSet: String) throws -> Data {
        guard !mirrors.isEmpty else {
            throw DataError(.downloadFailed, file: dataSet, "downloading \(file): no mirror to download it from")
        }
        var failures: [DataError] = []
        for mirror in mirrors {
            let url = mirror.appendingPathComponent(file)
            do {
                let data = try fetch(url)
                do {
                    try checksum.verify(data, name: file)
                } catch let error as DataError {
                    throw DataError(error.kind, file: url.absoluteString, error.message)
                }
                return data
            } catch let error as DataError {
                failures.append(error)
            }
        }
        if failures.count == 1 { throw failures[0] }
        throw DataError(failures.allSatisfy { $0.kind == .checksumMismatch } ? .checksumMismatch : .downloadFailed,
                        file: dataSet, "downloading \(file), every mirror failed: " + failures.map(\.description).joined(separator: "; "))
    }

    /// What went wrong, in words, with the error's domain and code (`failed to connect to
    /// 127.0.0.1 port 1 after 0 ms: Couldn't connect to server (NSURLErrorDomain -1004)`); the
    /// underlying error's when Foundation wraps one.
    static func cause(of error: Error) -> String {
        let ns = error as NSError
        let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError
        let chosen = (ns.domain == NSCocoaErrorDomain && underlying != nil) ? underlying! : ns
        var words = chosen.localizedDescription
        if words.hasSuffix(".") { words.removeLast() }
        if words.hasPrefix("The operation could not be completed") || words.isEmpty {
            words = "failed"
        }
        return "\(words.prefix(1).lowercased() + words.dropFirst()) (\(chosen.domain) \(chosen.code))"
    }

    /// The completion handler's results, handed to the waiting thread.
    private final class ResultBox: @unchecked Sendable {
        var data: Data?
        var response: URLResponse?
        var error: Error?
    }
}
