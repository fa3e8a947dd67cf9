import Foundation

/// The student's progress: each activity's last status and when it was checked, in a small JSON
/// file (`~/.local/state/neurona/activities.json`, or `$XDG_STATE_HOME/neurona/…`).
///
/// The file is written beside and renamed into place, so that it is never half-written; a file
/// that cannot be read is an error naming it, never silently replaced.
public struct ProgressFile {
    /// One activity's record.
    public struct Record: Codable, Equatable {
        /// The status of its last check.
        public var status: CheckReport.Status
        /// When (ISO 8601).
        public var checked: String

        /// A record.
        /// - Parameters:
        ///   - status: The status of the check.
        ///   - checked: When (ISO 8601).
        public init(status: CheckReport.Status, checked: String) {
            self.status = status
            self.checked = checked
        }
    }

    /// Where the file is.
    public let url: URL

    /// The progress file at `url`, or at the default place.
    /// - Parameter url: The file; the default is `$XDG_STATE_HOME/neurona/activities.json`, or
    ///   `~/.local/state/neurona/activities.json`.
    public init(url: URL? = nil) {
        if let url {
            self.url = url
        } else {
            let environment = ProcessInfo.processInfo.environment
            let state = environment["XDG_STATE_HOME"].map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/state")
            self.url = state.appendingPathComponent("neurona/activities.json")
        }
    }

    /// The records by activity number; empty when the file does not exist yet.
    /// - Throws: ``ActivityError/unreadableProgress(_:_:)`` when it exists but is not a progress file.
    public func load() throws -> [Int: Record] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        do {
            let records = try JSONDecoder().decode([String: Record].self, from: Data(contentsOf: url))
            return Dictionary(uniqueKeysWithValues: records.compactMap { key, value in Int(key).map { ($0, value) } })
        } catch {
            throw ActivityError.unreadableProgress(url.path, "\(error)")
        }
    }

    /// Records the status of a check.
    /// - Parameters:
    ///   - status: The check's status.
    ///   - activity: The activity's number.
    ///   - date: When.
    public func record(_ status: CheckReport.Status, activity: Int, date: Date = Date()) throws {
        var records = try load()
        records[activity] = Record(status: status, checked: ISO8601DateFormatter().string(from: date))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(Dictionary(uniqueKeysWithValues: records.map { (String($0.key), $0.value) }))
        try writeAtomically(data, to: url)
    }
}

/// Writes `data` to a file beside `url` and renames it into place: a reader sees the old file or
/// the new one, never a half-written one.
func writeAtomically(_ data: Data, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ActivityError.cannotWrite(url.path, reason)
        }
    } catch let error as ActivityError {
        throw error
    } catch {
        throw ActivityError.cannotWrite(url.path, "\(error)")
    }
}
