import Foundation

/// Runs a benchmark in a process of its own and reads the one JSON object it prints last.
///
/// A child process measures what a fresh start measures: its own peak memory, and OpenBLAS
/// configured from the environment it was started with (OpenBLAS reads `OPENBLAS_*` variables
/// once, when it loads).
enum ChildProcess {
    /// Which environment a child starts with.
    enum Start: String, CaseIterable {
        /// No `OPENBLAS_*` variable at all: what a user's machine does.
        case plain
        /// This process's environment as it is (under `make bench`, the Makefile's BLAS settings).
        case inherited

        var environment: [String: String] {
            let current = ProcessInfo.processInfo.environment
            switch self {
            case .plain: return current.filter { !$0.key.hasPrefix("OPENBLAS_") }
            case .inherited: return current
            }
        }

        /// The `OPENBLAS_*` settings this start passes on, for the table's header.
        var blasSettings: String {
            let settings = environment.filter { $0.key.hasPrefix("OPENBLAS_") }.sorted { $0.key < $1.key }
            return settings.isEmpty ? "no OPENBLAS_* variable" : settings.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
    }

    /// This executable (`bench`), to run one of its hidden subcommands in a child.
    static var bench: URL {
        let argument = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if FileManager.default.fileExists(atPath: argument.path) { return argument }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    }

    /// The JSON object printed on the last line of `executable arguments`, or nil when the
    /// program cannot start, fails, or prints no JSON object last.
    static func json(_ executable: URL, _ arguments: [String], start: Start = .inherited, quiet: Bool = false) -> [String: Any]? {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = start.environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = quiet ? FileHandle.nullDevice : FileHandle.standardError
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    }

    /// A Python peer script from `Benchmarks/Peers`, run with `python3`.
    static func peer(_ script: String, _ arguments: [String] = [], start: Start = .inherited) -> [String: Any]? {
        json(URL(fileURLWithPath: "/usr/bin/env"), ["python3", Peers.folder.appendingPathComponent(script).path] + arguments,
             start: start)
    }
}
