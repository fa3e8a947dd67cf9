import Foundation
import NeuronaData

/// The zip archive `torch.save` writes (since PyTorch 1.6): one folder `<archive>/` holding
/// `data.pkl` (the pickled state_dict), `data/<key>` (one entry per storage, raw bytes),
/// `byteorder` (`little` or `big`; absent in files older than 1.10: little) and `version`.
///
/// NeuronaData's ``ZipArchive`` reads it: every offset and size checked against the file, no
/// entry read past its declared size, every entry's CRC-32 compared with its header's (unless the
/// header's is 0: torch.save leaves it out under `torch.serialization.set_crc32_options(False)`).
struct TorchZipArchive {
    private let archive: ZipArchive
    private let file: String
    /// The folder every entry is under (`archive`, or the saved file's name).
    let prefix: String

    /// The archive in the file at `url` (`file` names it in errors).
    init(url: URL, file: String) throws {
        try self.init(file: file) { try ZipArchive(contentsOf: url) }
    }

    /// The archive `bytes` hold (`file` names it in errors).
    init(bytes: Data, file: String) throws {
        try self.init(file: file) { try ZipArchive(bytes: bytes) }
    }

    private init(file: String, _ open: () throws -> ZipArchive) throws {
        self.file = file
        do {
            archive = try open()
        } catch let error as ZipError {
            throw PyTorchError.corruptArchive(file: file, reason: error.reason)
        }
        let pickles = archive.entries.map(\.name).filter { path in
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == 2 && parts[1] == "data.pkl" && !parts[0].isEmpty
        }
        guard pickles.count == 1, let pickle = pickles.first else {
            let found = pickles.isEmpty ? "none" : pickles.joined(separator: ", ")
            throw PyTorchError.corruptArchive(file: file, reason: "expected one <archive>/data.pkl, found \(found)")
        }
        prefix = String(pickle.dropLast("/data.pkl".count))
        let prefix = self.prefix
        if archive["\(prefix)/constants.pkl"] != nil || archive.entries.contains(where: { $0.name.hasPrefix("\(prefix)/code/") }) {
            throw PyTorchError.unsupportedFormat(file: file, reason: "a TorchScript archive (torch.jit.save), not a torch.save "
                                                 + "state_dict: save torch.save(model.state_dict(), path) instead")
        }
    }

    /// The bytes of `<archive>/<name>`, or nil when there is no such entry.
    func contents(of name: String) throws -> Data? {
        guard let entry = archive["\(prefix)/\(name)"] else { return nil }
        do {
            // A CRC-32 of 0: saved under torch.serialization.set_crc32_options(False), which torch.load reads.
            return try archive.contents(of: entry, zeroChecksumIsUnwritten: true)
        } catch let error as ZipError {
            throw PyTorchError.corruptArchive(file: file, reason: error.reason)
        }
    }

    /// The bytes of `<archive>/<name>`; a missing entry is ``PyTorchError/missingEntry(file:entry:)``.
    func requiredContents(of name: String) throws -> Data {
        guard let data = try contents(of: name) else { throw PyTorchError.missingEntry(file: file, entry: "\(prefix)/\(name)") }
        return data
    }
}
