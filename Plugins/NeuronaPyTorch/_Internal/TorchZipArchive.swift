import Foundation
import NeuronaData
// Internal: clients of NeuronaPyTorch never see ZIPFoundation (nor its C module CZlib).
internal import ZIPFoundation

/// The zip archive `torch.save` writes (since PyTorch 1.6): one folder `<archive>/` holding
/// `data.pkl` (the pickled state_dict), `data/<key>` (one entry per storage, raw bytes),
/// `byteorder` (`little` or `big`; absent in files older than 1.10: little) and `version`.
///
/// Entries are read into memory with their sizes capped by what the file can hold: no more
/// stored bytes than the file has, a stored entry no larger than its stored bytes, a deflated
/// one no larger than deflate's 1032:1 ratio allows, and never more bytes than its header
/// declares.
///
/// The archive is always read from a file: ZIPFoundation's in-memory archives trap on damaged
/// archives that point past their end (Archive+MemoryFile's `readData`, 0.9.20), where its
/// file-backed ones read short and throw.
struct TorchZipArchive {
    private let archive: Archive
    private let file: String
    private let fileSize: UInt64
    /// The folder every entry is under (`archive`, or the saved file's name).
    let prefix: String

    /// Deflate's largest expansion: 1032 output bytes per input byte.
    private static let largestDeflateRatio: UInt64 = 1032

    /// The archive in the file at `url` (`file` names it in errors).
    init(url: URL, file: String) throws {
        self.file = file
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.uint64Value
        guard let size else { throw PyTorchError.unreadable(file: file, reason: "cannot read the file's size") }
        fileSize = size
        // ZIPFoundation trusts the directory's offsets; a damaged one must not reach it.
        if let problem = ZipDirectoryCheck.problem(inFileAt: url) {
            throw PyTorchError.corruptArchive(file: file, reason: "a damaged zip directory: \(problem)")
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw PyTorchError.corruptArchive(file: file, reason: "no zip central directory can be read (\(error))")
        }
        let pickles = archive.map(\.path).filter { path in
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == 2 && parts[1] == "data.pkl" && !parts[0].isEmpty
        }
        guard pickles.count == 1, let pickle = pickles.first else {
            let found = pickles.isEmpty ? "none" : pickles.joined(separator: ", ")
            throw PyTorchError.corruptArchive(file: file, reason: "expected one <archive>/data.pkl, found \(found)")
        }
        prefix = String(pickle.dropLast("/data.pkl".count))
        let prefix = self.prefix
        if archive["\(prefix)/constants.pkl"] != nil || archive.contains(where: { $0.path.hasPrefix("\(prefix)/code/") }) {
            throw PyTorchError.unsupportedFormat(file: file, reason: "a TorchScript archive (torch.jit.save), not a torch.save "
                                                 + "state_dict: save torch.save(model.state_dict(), path) instead")
        }
    }

    /// The bytes of `<archive>/<name>`, or nil when there is no such entry.
    func contents(of name: String) throws -> Data? {
        let path = "\(prefix)/\(name)"
        guard let entry = archive[path] else { return nil }
        let limit = entry.isCompressed ? entry.compressedSize.multipliedReportingOverflow(by: Self.largestDeflateRatio).partialValue
                                       : entry.compressedSize
        guard entry.compressedSize <= fileSize, entry.uncompressedSize <= limit, entry.uncompressedSize <= UInt64(Int.max) else {
            throw PyTorchError.corruptArchive(file: file, reason: "entry \(path) declares \(entry.uncompressedSize) bytes, "
                                              + "more than its \(entry.compressedSize) stored bytes can hold")
        }
        let declared = Int(entry.uncompressedSize)
        var bytes = Data()
        bytes.reserveCapacity(declared)
        do {
            _ = try archive.extract(entry) { chunk in
                guard bytes.count + chunk.count <= declared else { throw ArchiveTooLong() }
                bytes.append(chunk)
            }
        } catch is ArchiveTooLong {
            throw PyTorchError.corruptArchive(file: file, reason: "entry \(path) holds more than the \(declared) bytes it declares")
        } catch {
            throw PyTorchError.corruptArchive(file: file, reason: "entry \(path) cannot be read (\(error))")
        }
        guard bytes.count == declared else {
            throw PyTorchError.corruptArchive(file: file, reason: "entry \(path) holds \(bytes.count) of the \(declared) bytes it declares")
        }
        return bytes
    }

    /// The bytes of `<archive>/<name>`; a missing entry is ``PyTorchError/missingEntry(file:entry:)``.
    func requiredContents(of name: String) throws -> Data {
        guard let data = try contents(of: name) else { throw PyTorchError.missingEntry(file: file, entry: "\(prefix)/\(name)") }
        return data
    }

    /// Thrown inside the extraction when an entry outgrows its declared size.
    private struct ArchiveTooLong: Error {}
}
