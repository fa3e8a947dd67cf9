import Foundation
import NeuronaData
import Testing
import _NeuronaTestSupport

/// Download errors name the URL and the cause (not `NSCocoaErrorDomain error 256`). No network:
/// a `file://` URL and a closed port on this machine.
struct DownloadTests {
    @Test func aFileURLIsReadOrNamedWithItsCause() throws {
        let folder = temporaryFolder("download")
        let url = folder.appendingPathComponent("x.bin")
        try Data([1, 2, 3]).write(to: url)
        try expectEqual(Download.fetch(url), Data([1, 2, 3]))
        let missing = folder.appendingPathComponent("absent.gz")
        let error = dataError { _ = try Download.fetch(missing) }
        expectEqual(error?.kind, .downloadFailed)
        expectEqual(error?.description, "\(missing.absoluteString): no such file")
    }

    /// Port 1 on the loopback interface: nothing listens there, so the connection is refused at
    /// once.
    @Test func anUnreachableServerIsNamedWithTheCause() {
        let url = URL(string: "http://127.0.0.1:1/mnist/train-images-idx3-ubyte.gz")!
        let error = dataError { _ = try Download.fetch(url) }
        #expect(error?.kind == .downloadFailed && error?.file == url.absoluteString)
        let message = error?.message ?? ""
        #expect(message.contains("NSURLErrorDomain"), "\(message)")
        #expect(!message.contains("NSCocoaErrorDomain") && !message.contains("could not be completed"), "\(message)")
    }
}
