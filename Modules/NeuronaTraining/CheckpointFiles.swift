import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A step of ``Model/save(to:)``, reported to the test hook (`CheckpointSaveHook`) after it is done (the
/// fault-injection tests stop the save after each one).
enum CheckpointSaveStep: Equatable, CustomStringConvertible {
    /// The staging folder beside the destination was created.
    case createdStaging
    /// The first half of a file's bytes was written.
    case wroteHalf(String)
    /// A file was written whole and fsynced.
    case wrote(String)
    /// The staging folder's entries were fsynced.
    case syncedStaging
    /// The new folder took the old one's place in one step (the old one now sits at the staging name).
    case exchanged
    /// Fallback without `RENAME_EXCHANGE`: the old folder was renamed away.
    case movedOldAway
    /// The new folder was renamed to the destination.
    case movedNewIn
    /// The parent folder was fsynced, so the renames survive a power cut.
    case syncedParent
    /// The replaced version and the staging folders of earlier interrupted saves were removed.
    case removedStale

    var description: String {
        switch self {
        case .createdStaging: return "created the staging folder"
        case .wroteHalf(let file): return "wrote half of \(file)"
        case .wrote(let file): return "wrote \(file)"
        case .syncedStaging: return "fsynced the staging folder"
        case .exchanged: return "exchanged the folders"
        case .movedOldAway: return "moved the old folder away"
        case .movedNewIn: return "moved the new folder in"
        case .syncedParent: return "fsynced the parent folder"
        case .removedStale: return "removed stale folders"
        }
    }
}

/// The file-system steps of a checkpoint save: files written and fsynced, folders fsynced, and
/// the folder replaced in one atomic step.
///
/// The replacement uses Linux's `renameat2(…, RENAME_EXCHANGE)`, which swaps two paths
/// atomically: the destination is at every instant either the old complete folder or the new
/// one. Glibc's Swift module does not export `renameat2` (it needs `_GNU_SOURCE`), so it is
/// looked up with `dlsym`. Where it is missing or the file system refuses it (`EINVAL`,
/// `ENOSYS`, `ENOTSUP`), the old folder is renamed away and the new one renamed in; a crash
/// between the two leaves both complete folders beside the destination, and `Model.load`
/// recovers the newest.
enum CheckpointFiles {
    /// Staging folders are named `.<name>.saving-<UUID>`; replaced ones `.<name>.old-<UUID>`.
    static func stagingPrefix(for url: URL) -> String { ".\(url.lastPathComponent).saving-" }
    static func oldPrefix(for url: URL) -> String { ".\(url.lastPathComponent).old-" }

    /// Writes `data` to a new file at `url` and fsyncs it; `halfway` runs after the first half.
    static func writeSynced(_ data: Data, to url: URL, halfway: () throws -> Void) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(url, "cannot create the file") }
        defer { close(fd) }
        let half = data.count / 2
        try writeAll(fd, data[data.startIndex..<data.startIndex + half], url)
        try halfway()
        try writeAll(fd, data[(data.startIndex + half)...], url)
        guard fsync(fd) == 0 else { throw failure(url, "cannot fsync the file") }
    }

    private static func writeAll(_ fd: Int32, _ bytes: Data, _ url: URL) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw failure(url, "cannot write the file") }
                offset += written
            }
        }
    }

    /// Fsyncs a folder, so that the entries created or renamed in it are on disk.
    static func syncFolder(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(url, "cannot open the folder to fsync it") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure(url, "cannot fsync the folder") }
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// `renameat2` from the C library, if it has one (glibc 2.28 and later).
    private static let renameat2: Renameat2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }   // RTLD_DEFAULT
        return unsafeBitCast(symbol, to: Renameat2.self)
    }()

    /// `RENAME_EXCHANGE` from `<linux/fs.h>`.
    private static let renameExchange: UInt32 = 2

    /// Swaps the folders at `a` and `b` in one atomic step. Returns false when the system
    /// cannot (no `renameat2`, or a file system without `RENAME_EXCHANGE`); throws on other failures.
    static func exchange(_ a: URL, _ b: URL) throws -> Bool {
        guard let renameat2 else { return false }
        if renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, renameExchange) == 0 { return true }
        let code = errno
        if code == EINVAL || code == ENOSYS || code == ENOTSUP { return false }
        throw failure(b, "cannot exchange it with \(a.path)", code: code)
    }

    /// Renames `a` to `b` (which must not exist).
    static func rename(_ a: URL, to b: URL) throws {
        guard Glibc.rename(a.path, b.path) == 0 else { throw failure(b, "cannot rename \(a.path) to it") }
    }

    /// The staging and replaced folders that saves of `url` left beside it.
    static func leftovers(of url: URL) -> [URL] {
        let parent = url.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        // The prefixes once, not per entry: a checkpoint may sit among thousands of files.
        let staging = stagingPrefix(for: url), old = oldPrefix(for: url)
        return names.filter { $0.hasPrefix(staging) || $0.hasPrefix(old) }
            .sorted().map { parent.appendingPathComponent($0) }
    }

    static func failure(_ url: URL, _ what: String, code: Int32 = errno) -> TrainingError {
        TrainingError.badCheckpoint(file: url.path, message: "\(what): \(String(cString: strerror(code)))")
    }
}
