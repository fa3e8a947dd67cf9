import Foundation

/// Where downloaded data sets are kept: one folder per data set, under `$NEURONA_DATA` when set,
/// else under `~/.cache/neurona`.
enum DataCache {
    /// The cache folder of the data set `name`.
    static func folder(_ name: String) -> URL {
        let env = ProcessInfo.processInfo.environment
        if let root = env["NEURONA_DATA"], !root.isEmpty {
            return URL(fileURLWithPath: root).appendingPathComponent(name)
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/neurona/\(name)")
    }
}
