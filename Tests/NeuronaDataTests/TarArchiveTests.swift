import Foundation
import NeuronaData
import Testing
import _NeuronaTestSupport

/// The tar reader against archives GNU tar writes, and against damaged ones.
struct TarArchiveTests {
    @Test func readsWhatGNUTarWrites() throws {
        let source = temporaryFolder("tar")
        let long = String(repeating: "deep/", count: 30) + "file.bin"   // 158 bytes: past ustar's 100-byte name
        try FileManager.default.createDirectory(at: source.appendingPathComponent(String(repeating: "deep/", count: 30)),
                                                withIntermediateDirectories: true)
        try Data(repeating: 7, count: 1000).write(to: source.appendingPathComponent(long))
        try Data("hello\n".utf8).write(to: source.appendingPathComponent("a.txt"))
        try Data().write(to: source.appendingPathComponent("empty"))
        for format in ["gnu", "posix", "ustar"] {
            let archive = temporaryFolder("tar").appendingPathComponent("x.tar")
            try runTar(["--format=\(format)", "-cf", archive.path, "-C", source.path, "a.txt", "empty", "deep"])
            let entries = try TarArchive.regularFiles(in: Data(contentsOf: archive), file: "x.tar")
            expectEqual(entries.map(\.name), ["a.txt", "empty", long], "\(format)")
            expectEqual(entries.map(\.contents), [Data("hello\n".utf8), Data(), Data(repeating: 7, count: 1000)], "\(format)")
        }
    }

    @Test func damagedArchivesThrowNamingTheByte() throws {
        let source = temporaryFolder("tar")
        try Data(repeating: 1, count: 700).write(to: source.appendingPathComponent("b.bin"))
        let archive = temporaryFolder("tar").appendingPathComponent("y.tar")
        try runTar(["--format=ustar", "-cf", archive.path, "-C", source.path, "b.bin"])
        let good = try Data(contentsOf: archive)
        // Cut inside the contents: the entry runs past the end.
        #expect(dataError { _ = try TarArchive.regularFiles(in: good.prefix(900), file: "y.tar") }?.description
                == "y.tar: byte 0: an entry of 700 bytes runs past the archive's end (388 bytes left)")
        // Cut inside a header.
        #expect(dataError { _ = try TarArchive.regularFiles(in: good.prefix(100), file: "y.tar") }?.description
                == "y.tar: byte 0: the archive ends inside a header (100 of its 512 bytes)")
        // A flipped byte in the name: the header checksum no longer holds.
        var flipped = good
        flipped[3] ^= 0x20
        let error = dataError { _ = try TarArchive.regularFiles(in: flipped, file: "y.tar") }
        #expect(error?.kind == .badArchive && error?.message.hasPrefix("header checksum ") == true)
        // Not a tar file at all (a gzip stream, say).
        expectEqual(dataError { _ = try TarArchive.regularFiles(in: Gzip.compress(good), file: "y.tar.gz") }?.kind, .badArchive)
        // A size field that is no number.
        var badSize = good
        badSize.replaceSubrange(124..<136, with: Data("99999999999x".utf8))
        expectEqual(dataError { _ = try TarArchive.regularFiles(in: badSize, file: "y.tar") }?.kind, .badArchive)
    }
}
