import Foundation
import NeuronaData

/// The three entries of a Keras 3 `.keras` file, a zip archive: `config.json` (the model's
/// description), `model.weights.h5` (its weights, HDF5) and `metadata.json` (the Keras version and
/// the date saved).
///
/// Reading checks every offset, size and CRC-32 (NeuronaData's ``ZipArchive``), so a truncated
/// or hostile file fails with a ``KerasError`` rather than a crash; writing builds the archive in memory, writes it beside its
/// destination, syncs it, and renames it into place, so the destination never holds half a file.
package struct KerasArchive: Equatable {
    /// `config.json`'s bytes.
    package var config: Data
    /// `model.weights.h5`'s bytes.
    package var weights: Data
    /// `metadata.json`'s bytes (optional on reading: Keras does not need it either).
    package var metadata: Data?

    package init(config: Data, weights: Data, metadata: Data?) {
        self.config = config
        self.weights = weights
        self.metadata = metadata
    }

    package static let configEntry = "config.json"
    package static let weightsEntry = "model.weights.h5"
    package static let metadataEntry = "metadata.json"
    /// The largest entry read (1 GiB): a larger declared size is a corrupt header or a zip bomb,
    /// not a model Neurona would load in memory anyway.
    package static let largestEntry: UInt64 = 1 << 30

    /// Reads the archive at `url`.
    /// - Throws: ``KerasError`` naming the file and the part that is wrong.
    package static func read(contentsOf url: URL, file: String? = nil) throws -> KerasArchive {
        let file = file ?? url.lastPathComponent
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.uint64Value else {
            throw KerasError.unreadableArchive(file: file, reason: "cannot read the file (missing, or not readable)")
        }
        guard size > 0 else { throw KerasError.unreadableArchive(file: file, reason: "the file is empty") }
        return try read(file: file) { try ZipArchive(contentsOf: url) }
    }

    /// Reads an archive's bytes; `file` names it in errors.
    /// - Throws: ``KerasError`` naming the file and the part that is wrong.
    package static func read(_ bytes: Data, file: String) throws -> KerasArchive {
        guard !bytes.isEmpty else { throw KerasError.unreadableArchive(file: file, reason: "the file is empty") }
        return try read(file: file) { try ZipArchive(bytes: bytes) }
    }

    /// The three entries of the archive `open` reads, each within ``largestEntry``.
    private static func read(file: String, _ open: () throws -> ZipArchive) throws -> KerasArchive {
        do {
            let archive = try open()
            func entry(_ name: String, required: Bool) throws -> Data? {
                guard let entry = archive[name] else {
                    if required { throw KerasError.missingEntry(file: file, entry: name) }
                    return nil
                }
                guard !entry.isDirectory else { throw KerasError.unreadableArchive(file: file, reason: "\(name) is not a file in the archive") }
                guard entry.uncompressedSize <= largestEntry else {
                    throw KerasError.unreadableArchive(file: file, reason: "\(name) declares \(entry.uncompressedSize) bytes, more than the 1 GiB a .keras entry may hold")
                }
                return try archive.contents(of: entry)
            }
            return KerasArchive(config: try entry(configEntry, required: true)!, weights: try entry(weightsEntry, required: true)!,
                                metadata: try entry(metadataEntry, required: false))
        } catch let error as ZipError {
            throw KerasError.unreadableArchive(file: file, reason: error.reason)
        }
    }

    /// The archive's bytes: the three entries, deflated, in Keras's order.
    /// - Throws: ``KerasError/writeFailed(file:reason:)``.
    package func bytes(file: String) throws -> Data {
        do {
            var zip = ZipWriter()
            for (name, data) in [(Self.metadataEntry, metadata ?? Data("{}".utf8)), (Self.configEntry, config), (Self.weightsEntry, weights)] {
                try zip.add(name, contents: data)
            }
            return try zip.bytes()
        } catch let error as ZipError {
            throw KerasError.writeFailed(file: file, reason: "cannot make the zip archive (\(error.reason))")
        }
    }

    /// Writes the archive to `url`: into a file beside it (`.<name>.saving-<UUID>`), synced, then
    /// renamed over `url` in one step; on any failure the staging file is removed and `url` is
    /// unchanged.
    /// - Throws: ``KerasError/writeFailed(file:reason:)``.
    package func write(to url: URL) throws {
        let file = url.lastPathComponent
        let bytes = try bytes(file: file)
        let staging = url.deletingLastPathComponent().appendingPathComponent(".\(file).saving-\(UUID().uuidString)")
        do {
            guard FileManager.default.createFile(atPath: staging.path, contents: nil) else {
                throw KerasError.writeFailed(file: file, reason: "cannot create \(staging.lastPathComponent) in \(url.deletingLastPathComponent().path)")
            }
            let handle = try FileHandle(forWritingTo: staging)
            do {
                try handle.write(contentsOf: bytes)
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard rename(staging.path, url.path) == 0 else {
                throw KerasError.writeFailed(file: file, reason: "cannot rename the written file into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            if let error = error as? KerasError { throw error }
            throw KerasError.writeFailed(file: file, reason: error.localizedDescription)
        }
    }
}
