import Foundation
import Testing
import _NeuronaTestSupport

/// `_NeuronaTestSupport`'s temporary folders, which every test target uses: each call a new one,
/// all in one root per test process, which the process removes when it exits.
struct TemporaryFolderTests {
    @Test func eachCallIsANewEmptyFolderInThisProcesssRoot() throws {
        let a = temporaryFolder("probe"), b = temporaryFolder("probe")
        #expect(a.path != b.path && a.lastPathComponent.hasPrefix("probe-"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: a.path).isEmpty)
        let root = a.deletingLastPathComponent()
        expectEqual(root.lastPathComponent, "neurona-tests-\(getpid())")
        expectEqual(b.deletingLastPathComponent().path, root.path)
        // A path is not made, but the folder it goes in is: `Model.save(to:)` makes only the last part.
        let path = temporaryPath("probe")
        #expect(!FileManager.default.fileExists(atPath: path.path))
        expectEqual(path.deletingLastPathComponent().path, root.path)
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder) && isFolder.boolValue)
    }

    /// An exit test runs this binary again as a child process: the child's folders go into a root
    /// of its own, which is gone once the child has exited, and the parent's folders stay.
    @Test func aChildProcessRemovesItsOwnRootAndNotThisOne() async throws {
        let mine = temporaryFolder("parent")
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            print("child root: \(temporaryFolder("child").deletingLastPathComponent().path)")
        }
        let output = String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
        let childRoot = try #require(output.split(separator: "\n").first { $0.hasPrefix("child root: ") }?.dropFirst(12),
                                     "the child printed \(output)")
        #expect(String(childRoot) != mine.deletingLastPathComponent().path)
        #expect(!FileManager.default.fileExists(atPath: String(childRoot)), "\(childRoot) is left")
        #expect(FileManager.default.fileExists(atPath: mine.path))
    }
}
