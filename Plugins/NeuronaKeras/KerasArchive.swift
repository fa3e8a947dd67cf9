import Foundation
import NeuronaData
// Internal: clients of NeuronaKeras never see ZIPFoundation (nor its C module CZlib).
internal import ZIPFoundation

/// The three entries of a Keras 3 `.keras` file, a zip archive: `config.json` (the model's
/// description), `model.weights.h5` (its weights, HDF5) and `metadata.json` (the Keras version and
/// the date saved).
///
/// Reading takes the archive from memory, so a truncated or hostile file fails with a
/// ``KerasError`` rather than a crash; writing builds the archive in memory, writes it beside its
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

    /// An entry inflating to more bytes than its header declares (a corrupt or hostile archive).
    struct EntryLongerThanItsHeader: Error {}

    package static let configEntry = "config.json"
    package static let weightsEntry = "model.weights.h5"
    package static let metadataEntry = "metadata.json"
    /// The largest entry read (1 GiB): a larger declared size is a corrupt header or a zip bomb,
    /// not a model Neurona would load in memory anyway.
    package static let largestEntry: UInt64 = 1 << 30

    /// Deflate's largest expansion: 1032 output bytes per input byte.
    static let largestDeflateRatio: UInt64 = 1032

    /// Reads the archive at `url`.
    ///
    /// The archive is read from the file, never from memory: ZIPFoundation's in-memory archives
    /// trap on damaged archives that point past their end (0.9.20's `Archive+MemoryFile`), where
    /// its file-backed ones read short and throw.
    /// - Throws: ``KerasError`` naming the file and the part that is wrong.
    package static func read(contentsOf url: URL, file: String? = nil) throws -> KerasArchive {
        let file = file ?? url.lastPathComponent
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.uint64Value else {
            throw KerasError.unreadableArchive(file: file, reason: "cannot read the file (missing, or not readable)")
        }
        guard size > 0 else { throw KerasError.unreadableArchive(file: file, reason: "the file is empty") }
        // ZIPFoundation trusts the directory's offsets; a damaged one must not reach it.
        if let problem = ZipDirectoryCheck.problem(inFileAt: url) {
            throw KerasError.unreadableArchive(file: file, reason: "a damaged zip directory: \(problem)")
        }
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw KerasError.unreadableArchive(file: file, reason: "no zip directory (truncated, or not a zip file)")
        }
        func entry(_ name: String, required: Bool) throws -> Data? {
            guard let entry = archive[name] else {
                if required { throw KerasError.missingEntry(file: file, entry: name) }
                return nil
            }
            guard entry.type == .file else { throw KerasError.unreadableArchive(file: file, reason: "\(name) is not a file in the archive") }
            // No more stored bytes than the file has, no more bytes out than the method can make of them.
            let limit = entry.isCompressed ? entry.compressedSize.multipliedReportingOverflow(by: largestDeflateRatio).partialValue
                                           : entry.compressedSize
            guard entry.compressedSize <= size, entry.uncompressedSize <= limit else {
                throw KerasError.unreadableArchive(file: file, reason: "\(name) declares \(entry.uncompressedSize) bytes from \(entry.compressedSize) stored, more than the file can hold")
            }
            guard entry.uncompressedSize <= largestEntry else {
                throw KerasError.unreadableArchive(file: file, reason: "\(name) declares \(entry.uncompressedSize) bytes, more than the 1 GiB a .keras entry may hold")
            }
            var data = Data()
            let checksum: CRC32
            do {
                checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard UInt64(data.count + chunk.count) <= entry.uncompressedSize else { throw EntryLongerThanItsHeader() }
                    data.append(chunk)
                }
            } catch {
                throw KerasError.unreadableArchive(file: file, reason: "\(name) is corrupt (\(error))")
            }
            // ZIPFoundation computes the CRC-32 but leaves comparing it to the caller.
            guard checksum == entry.checksum else {
                throw KerasError.unreadableArchive(file: file, reason: "\(name) is corrupt (its CRC-32 does not match its header's)")
            }
            guard UInt64(data.count) == entry.uncompressedSize else {
                throw KerasError.unreadableArchive(file: file, reason: "\(name) holds \(data.count) bytes, its header says \(entry.uncompressedSize)")
            }
            return data
        }
        return KerasArchive(config: try entry(configEntry, required: true)!, weights: try entry(weightsEntry, required: true)!,
                            metadata: try entry(metadataEntry, required: false))
    }

    /// Reads an archive's bytes (through a temporary file: see ``read(contentsOf:file:)``);
    /// `file` names it in errors.
    /// - Throws: ``KerasError`` naming the file and the part that is wrong.
    package static func read(_ bytes: Data, file: String) throws -> KerasArchive {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("neurona-keras-\(UUID().uuidString).keras")
        do { try bytes.write(to: temporary) } catch {
            throw KerasError.unreadableArchive(file: file, reason: "cannot write a temporary copy to read: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        return try read(contentsOf: temporary, file: file)
    }

    /// The archive's bytes: the three entries, deflated, in Keras's order.
    /// - Throws: ``KerasError/writeFailed(file:reason:)``.
    package func bytes(file: String) throws -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (name, data) in [(Self.metadataEntry, metadata ?? Data("{}".utf8)), (Self.configEntry, config), (Self.weightsEntry, weights)] {
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let bytes = archive.data else { throw KerasError.writeFailed(file: file, reason: "the zip archive made no bytes") }
            return bytes
        } catch let error as KerasError {
            throw error
        } catch {
            throw KerasError.writeFailed(file: file, reason: "cannot make the zip archive (\(error))")
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
