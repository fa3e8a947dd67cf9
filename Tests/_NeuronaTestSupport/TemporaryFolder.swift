import Foundation

// The tests' files on disk. Each test target once made its own `<tmp>/neurona-<what>-<UUID>` and
// never removed it: after many runs /tmp held some 17,000 of them (2.4 GB), and the tests slowed
// down with it, since a checkpoint save lists its parent folder. Every test now takes its folder
// from here, inside one root per test process that goes when the process exits.

/// The root of this process's temporary files, `<temporary directory>/neurona-tests-<pid>`.
///
/// The pid keeps processes apart: Swift Testing's exit tests (`#expect(processExitsWith:)`) run
/// this test binary again as a child process, and `make test` runs several test processes; each
/// makes and removes its own root, so a child that exits can never remove the folders its parent
/// is still using. (A root left by a process that crashed goes with the next test process that gets
/// the same pid and makes a folder.)
private let rootPath: URL = FileManager.default.temporaryDirectory
    .appendingPathComponent("neurona-tests-\(getpid())", isDirectory: true)

/// The root, made on first use only, so a process that writes no file (an exit test's child, a
/// filtered run) leaves nothing to remove; the removal is registered at the same moment, once.
/// `atexit` runs whenever the test binary ends normally (its `main` returns or calls `exit`,
/// whatever the tests' outcome); a process killed by a signal or a crash keeps its root.
private let root: URL = {
    // Made here rather than by each folder's creation so that ``temporaryPath(_:)`` can hand out
    // a path whose parent exists: `Model.save(to:)` makes the checkpoint folder, not its parents.
    try? FileManager.default.createDirectory(at: rootPath, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: rootPath) }
    return rootPath
}()

/// A new, empty folder for one test: `<root>/<label>-<UUID>`, where the root is this process's
/// own folder under the system's temporary directory and is removed, with everything in it,
/// when the process exits. Each call makes another folder, so tests running in parallel never
/// share one.
///
/// Creating the folder does not throw: should it fail (a full disk), the test's first write into
/// it fails instead, with the path in the error; builders such as `LessonOptions` factories can
/// then call it without `try`.
/// - Parameter label: What the folder is for (`"csv"`, `"spanish-xor-report"`), shown in its
///   name to tell the folders apart when debugging.
public func temporaryFolder(_ label: String) -> URL {
    let folder = temporaryPath(label)
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// A path for one test that does not exist yet, `<root>/<label>-<UUID>`, inside this process's
/// root (which exists; see ``temporaryFolder(_:)``): for what the code under test must create
/// itself, such as a checkpoint folder (`Model.save(to:)`), a file, or a lesson's output folder,
/// and for checks that a missing path is reported. Whatever is made there is removed with the
/// root when the process exits.
/// - Parameter label: What the path is for, shown in its name; add an extension with
///   `appendingPathExtension` when the file needs one.
public func temporaryPath(_ label: String) -> URL {
    root.appendingPathComponent("\(label)-\(UUID().uuidString)")
}
