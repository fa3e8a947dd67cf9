import Foundation
import NeuronaData
import Testing
import _NeuronaTestSupport

/// NeuronaData's zip reader and writer (Modules/NeuronaData/_Zip). Python's zipfile reads what the
/// writer makes in `make test` (Keras loads the .keras files, Scripts/keras-checks.sh), and the
/// reader reads what PyTorch and Keras wrote (the NeuronaPyTorch and NeuronaKeras fixtures); these
/// tests cover the rest: round trips, and every kind of damage refused by name.
@Suite struct ZipArchiveTests {
    /// Bytes that deflate poorly and well: a pseudo-random run, then a repeated one.
    static let payload: Data = {
        var state: UInt64 = 42
        var bytes = (0..<70_000).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        bytes += [UInt8](repeating: 7, count: 200_000)
        return Data(bytes)
    }()

    static func archive(_ entries: [(String, Data, ZipArchive.Method)]) throws -> Data {
        var writer = ZipWriter()
        for (name, contents, method) in entries { try writer.add(name, contents: contents, method: method) }
        return try writer.bytes()
    }

    static func reason(_ body: () throws -> Any) -> String? {
        do { _ = try body() } catch let error as ZipError { return error.reason } catch { return "not a ZipError: \(error)" }
        return nil
    }

    @Test func roundTripsStoredDeflatedAndEmptyEntries() throws {
        let bytes = try Self.archive([("a/deflated.bin", Self.payload, .deflated), ("stored.bin", Self.payload, .stored),
                                      ("empty", Data(), .deflated), ("ñandú.txt", Data("sí".utf8), .stored)])
        let archive = try ZipArchive(bytes: bytes)
        expectEqual(archive.entries.map(\.name), ["a/deflated.bin", "stored.bin", "empty", "ñandú.txt"])
        expectEqual(archive.entries.map(\.method), [.deflated, .stored, .deflated, .stored])
        #expect(archive.entries[0].compressedSize < 80_000)  // the repeated run deflates to almost nothing
        for (entry, expected) in zip(archive.entries, [Self.payload, Self.payload, Data(), Data("sí".utf8)]) {
            try expectEqual(archive.contents(of: entry), expected, "\(entry.name)")
        }
        // The same entries give the same bytes: no clock in the archive.
        #expect(try Self.archive([("a/deflated.bin", Self.payload, .deflated), ("stored.bin", Self.payload, .stored),
                                  ("empty", Data(), .deflated), ("ñandú.txt", Data("sí".utf8), .stored)]) == bytes)
        // Read from a file, as from memory.
        let url = temporaryPath("archive").appendingPathExtension("zip")
        try bytes.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fromFile = try ZipArchive(contentsOf: url)
        expectEqual(fromFile.entries, archive.entries)
        try expectEqual(fromFile.contents(of: fromFile["stored.bin"]!), Self.payload)
    }

    /// A ZIP64 archive from Info-ZIP (`zip -fz z64.zip a.txt b.txt`, zip 3.0: a stored and a deflated
    /// entry, each size in its ZIP64 extra field, the directory's offset in the ZIP64 end record):
    /// the form torch.save uses past 4 GiB, written by a tool other than Neurona.
    @Test func readsAZip64ArchiveFromInfoZIP() throws {
        let base64 = [
        "UEsDBC0AAAAAAEJeh13q40/t//////////8FADAAYS50eHRVVAkAA2ydFmtsnRZrdXgLAAEEAAAAAAQAAAAAAQAQAAwAAAAA",
        "AAAADAAAAAAAAABoZWxsbyB6aXA2NApQSwMELQAAAAgAQl6HXZ5Y2uD//////////wUAMABiLnR4dFVUCQADbJ0Wa2ydFmt1",
        "eAsAAQQAAAAABAAAAAABABAAiRMAAAAAAAAXAAAAAAAAAO3BIQEAAAACoO5i57vCBrQAAAAAwFsGUEsBAh4DLQAAAAAAQl6H",
        "XerjT+0MAAAA/////wUAJAAAAAAAAQAAAKSBAAAAAGEudHh0VVQFAANsnRZrdXgLAAEEAAAAAAQAAAAAAQAIAAwAAAAAAAAA",
        "UEsBAh4DLQAAAAgAQl6HXZ5Y2uAXAAAA/////wUAJAAAAAAAAQAAAKSBXwAAAGIudHh0VVQFAANsnRZrdXgLAAEEAAAAAAQA",
        "AAAAAQAIAIkTAAAAAAAAUEsGBiwAAAAAAAAAHgMtAAAAAAAAAAAAAgAAAAAAAAACAAAAAAAAAK4AAAAAAAAAyQAAAAAAAABQ",
        "SwYHAAAAAHcBAAAAAAAAAQAAAFBLBQYAAAAAAgACAK4AAAD/////AAA=",
        ].joined()
        let archive = try ZipArchive(bytes: try #require(Data(base64Encoded: base64)))
        expectEqual(archive.entries.map(\.name), ["a.txt", "b.txt"])
        expectEqual(archive.entries.map(\.method), [.stored, .deflated])
        try expectEqual(archive.contents(of: archive.entries[0]), Data("hello zip64\n".utf8))
        try expectEqual(archive.contents(of: archive.entries[1]), Data(String(repeating: "x", count: 5000).utf8 + [0x0A]))
    }

    @Test func aDamagedDirectoryIsRefusedByName() throws {
        let bytes = try Self.archive([("x", Self.payload, .deflated)])
        expectEqual(Self.reason { try ZipArchive(bytes: Data()) }?.contains("too short"), true)
        expectEqual(Self.reason { try ZipArchive(bytes: Data(repeating: 0, count: 100)) }?.contains("no end-of-central-directory record"), true)
        #expect(Self.reason { try ZipArchive(bytes: bytes.prefix(bytes.count - 10)) } != nil)
        // The end record's directory offset (its bytes 16–19) pointed past the file.
        var outside = bytes
        outside[outside.count - 6] = 0xFF
        outside[outside.count - 5] = 0xFF
        expectEqual(Self.reason { try ZipArchive(bytes: outside) }?.contains("lies outside the file"), true)
        // The one directory entry's local-header offset (its bytes 42–45) pointed past the file.
        let directoryStart = bytes.count - 22 - (46 + 1)
        var header = bytes
        header[directoryStart + 45] = 0x7F
        expectEqual(Self.reason { try ZipArchive(bytes: header) }?.contains("outside the file"), true)
        // Two entries of one name.
        let twice = try Self.archive([("x", Data("a".utf8), .stored), ("x", Data("b".utf8), .stored)])
        expectEqual(Self.reason { try ZipArchive(bytes: twice) }, "a damaged zip directory: x appears twice")
    }

    @Test func aDamagedEntryIsRefusedByName() throws {
        let bytes = try Self.archive([("x", Self.payload, .deflated)])
        let archive = try ZipArchive(bytes: bytes)
        // A flipped byte inside the deflated stream: the inflater or the CRC-32 catches it.
        var flipped = bytes
        flipped[30 + 1 + 1000] ^= 0xFF
        let damaged = try ZipArchive(bytes: flipped)
        expectEqual(Self.reason { try damaged.contents(of: damaged.entries[0]) }?.hasPrefix("x "), true)
        // A stored entry whose bytes changed: only the CRC-32 can tell.
        var stored = try Self.archive([("y", Self.payload, .stored)])
        stored[30 + 1 + 5] ^= 0x01
        let changed = try ZipArchive(bytes: stored)
        expectEqual(Self.reason { try changed.contents(of: changed.entries[0]) }, "y is corrupt (its CRC-32 does not match its header's)")
        // A CRC-32 of 0 (directory bytes 16–19) is a mismatch, unless the caller says 0 means unwritten.
        var unwritten = try Self.archive([("y", Self.payload, .stored)])
        let directoryStart = unwritten.count - 22 - (46 + 1)
        for k in 0..<4 { unwritten[directoryStart + 16 + k] = 0 }
        let zeroed = try ZipArchive(bytes: unwritten)
        expectEqual(Self.reason { try zeroed.contents(of: zeroed.entries[0]) }, "y is corrupt (its CRC-32 does not match its header's)")
        try expectEqual(zeroed.contents(of: zeroed.entries[0], zeroChecksumIsUnwritten: true), Self.payload)
        // The exemption is for 0 only: changed bytes under a written checksum still fail.
        #expect(Self.reason { try changed.contents(of: changed.entries[0], zeroChecksumIsUnwritten: true) } != nil)
        try expectEqual(archive.contents(of: archive.entries[0]), Self.payload)
    }

    @Test func declaredSizesAreHeldToWhatTheBytesCanMake() throws {
        let bytes = try Self.archive([("x", Self.payload, .deflated)])
        let directoryStart = bytes.count - 22 - (46 + 1)
        // Uncompressed size (directory bytes 24–27) one less than the truth: the inflater stops there.
        var shorter = bytes
        let size = UInt32(Self.payload.count - 1)
        for k in 0..<4 { shorter[directoryStart + 24 + k] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(k))) }
        let short = try ZipArchive(bytes: shorter)
        expectEqual(Self.reason { try short.contents(of: short.entries[0]) }?.contains("inflates to more than"), true)
        // An uncompressed size past deflate's 1032:1 ratio: a zip bomb's header, refused before inflating.
        var bomb = bytes
        for k in 0..<4 { bomb[directoryStart + 24 + k] = 0xFF }
        bomb[directoryStart + 24 + 3] = 0x7F
        let huge = try ZipArchive(bytes: bomb)
        expectEqual(Self.reason { try huge.contents(of: huge.entries[0]) }?.contains("more than they can hold"), true)
        // An unknown method (directory bytes 10–11), and the encrypted flag (bytes 8–9).
        var method = bytes
        method[directoryStart + 10] = 12
        let bzip2 = try ZipArchive(bytes: method)
        expectEqual(Self.reason { try bzip2.contents(of: bzip2.entries[0]) }?.contains("compression method 12"), true)
        var encrypted = bytes
        encrypted[directoryStart + 8] |= 1
        let locked = try ZipArchive(bytes: encrypted)
        expectEqual(Self.reason { try locked.contents(of: locked.entries[0]) }, "x is encrypted")
    }
}
