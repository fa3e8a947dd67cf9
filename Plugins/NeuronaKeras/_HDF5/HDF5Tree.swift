// Internal: clients of NeuronaKeras never see the HDF5 C module.
internal import CHDF5
import Foundation

/// An HDF5 file held in memory as Keras's weights files use HDF5: groups, and numeric datasets
/// read as float32 (HDF5 converts float16/float64/integers on reading). Paths are `/`-joined
/// without a leading slash (`layers/dense/vars/0`).
///
/// Reading and writing go through HDF5's in-memory ("core") driver with a file image, so no
/// temporary file is made. The serial HDF5 library is not thread-safe: every call into it holds
/// ``lock``.
package struct HDF5Tree: Equatable {
    /// One dataset: its shape (`[]` for a scalar) and its values in row-major order.
    package struct Dataset: Equatable {
        package var shape: [Int]
        package var values: [Float]
        package init(shape: [Int], values: [Float]) {
            self.shape = shape
            self.values = values
        }
    }

    /// Every group's path (the root is `""`).
    package var groups: Set<String> = [""]
    /// Every numeric dataset by path.
    package var datasets: [String: Dataset] = [:]
    /// Datasets that are not numbers (strings, compounds), by path: present, but unreadable as weights.
    package var otherDatasets: Set<String> = []

    package init() {}

    /// The names directly under the group at `path`, datasets and groups.
    package func children(of path: String) -> [String] {
        let prefix = path.isEmpty ? "" : path + "/"
        let all = groups.union(datasets.keys).union(otherDatasets)
        return all.compactMap { p -> String? in
            guard !p.isEmpty, p.hasPrefix(prefix) else { return nil }
            let rest = p.dropFirst(prefix.count)
            return rest.contains("/") ? nil : String(rest)
        }.sorted()
    }

    /// Adds `dataset` at `path`, and the groups above it.
    package mutating func insert(_ dataset: Dataset, at path: String) {
        datasets[path] = dataset
        var parts = path.split(separator: "/").dropLast()
        while !parts.isEmpty {
            groups.insert(parts.joined(separator: "/"))
            parts = parts.dropLast()
        }
    }

    /// Adds an empty group at `path` (Keras writes a layer's `vars` group even without weights
    /// only for the model itself; empty groups are harmless to it).
    package mutating func insertGroup(_ path: String) {
        var parts = path.split(separator: "/")[...]
        while !parts.isEmpty {
            groups.insert(parts.joined(separator: "/"))
            parts = parts.dropLast()
        }
    }

    /// The one lock around the HDF5 library.
    static let lock = NSLock()

    /// Why an image could not be read or written (the caller adds the file's name).
    package struct Failure: Error, Equatable {
        package var message: String
    }

    // MARK: Reading

    /// Reads a whole HDF5 file image.
    /// - Throws: ``Failure`` when the bytes are not an HDF5 file or a dataset cannot be read.
    package static func read(_ image: Data) throws -> HDF5Tree {
        guard !image.isEmpty else { throw Failure(message: "the file is empty") }
        lock.lock()
        defer { lock.unlock() }
        neurona_h5_silence_errors()
        let access = H5Pcreate(neurona_h5p_file_access())
        guard access >= 0 else { throw Failure(message: "HDF5 could not make a file-access property list") }
        defer { H5Pclose(access) }
        guard H5Pset_fapl_core(access, 1 << 16, false) >= 0 else { throw Failure(message: "HDF5's in-memory driver is unavailable") }
        let set = image.withUnsafeBytes { H5Pset_file_image(access, UnsafeMutableRawPointer(mutating: $0.baseAddress), $0.count) }
        guard set >= 0 else { throw Failure(message: "HDF5 could not take the file image") }
        let file = H5Fopen("model.weights.h5", neurona_h5f_acc_rdonly(), access)
        guard file >= 0 else { throw Failure(message: "not an HDF5 file (no HDF5 signature, or truncated)") }
        defer { H5Fclose(file) }
        var tree = HDF5Tree()
        try tree.readGroup(file, path: "", depth: 0)
        return tree
    }

    private mutating func readGroup(_ group: hid_t, path: String, depth: Int) throws {
        // Keras nests a few levels (layers/<layer>/<sublayer>/vars); a deep tree is a corrupt or hostile file.
        guard depth < 32 else { throw Failure(message: "groups nested more than 32 deep at \(path)") }
        var info = H5G_info_t()
        guard H5Gget_info(group, &info) >= 0 else { throw Failure(message: "cannot list the group \(path.isEmpty ? "/" : path)") }
        for index in 0..<info.nlinks {
            let length = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, neurona_h5p_default())
            guard length > 0 else { throw Failure(message: "cannot read a name in the group \(path.isEmpty ? "/" : path)") }
            var buffer = [CChar](repeating: 0, count: Int(length) + 1)
            _ = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count, neurona_h5p_default())
            let name = String(cString: buffer)
            let child = path.isEmpty ? name : path + "/" + name
            switch neurona_h5_object_kind(group, name) {
            case 1:
                let sub = H5Gopen2(group, name, neurona_h5p_default())
                guard sub >= 0 else { throw Failure(message: "cannot open the group \(child)") }
                defer { H5Gclose(sub) }
                groups.insert(child)
                try readGroup(sub, path: child, depth: depth + 1)
            case 2:
                try readDataset(group, name: name, path: child)
            default:
                throw Failure(message: "cannot read the object \(child)")
            }
        }
    }

    private mutating func readDataset(_ group: hid_t, name: String, path: String) throws {
        let dataset = H5Dopen2(group, name, neurona_h5p_default())
        guard dataset >= 0 else { throw Failure(message: "cannot open the dataset \(path)") }
        defer { H5Dclose(dataset) }
        let type = H5Dget_type(dataset)
        guard type >= 0 else { throw Failure(message: "cannot read the type of \(path)") }
        let typeClass = H5Tget_class(type)
        H5Tclose(type)
        guard typeClass == H5T_FLOAT || typeClass == H5T_INTEGER else {
            otherDatasets.insert(path)
            return
        }
        let space = H5Dget_space(dataset)
        guard space >= 0 else { throw Failure(message: "cannot read the shape of \(path)") }
        defer { H5Sclose(space) }
        let rank = H5Sget_simple_extent_ndims(space)
        guard rank >= 0, rank <= 32 else { throw Failure(message: "\(path) has an unreadable rank") }
        var dims = [hsize_t](repeating: 0, count: Int(rank))
        if rank > 0 { H5Sget_simple_extent_dims(space, &dims, nil) }
        // Keras's weights are small; a count past 2^31 is a corrupt header, not a model.
        var count = 1
        for d in dims {
            guard d <= UInt64(Int32.max), case let (product, overflow) = count.multipliedReportingOverflow(by: Int(d)),
                  !overflow, product <= Int(Int32.max) else {
                throw Failure(message: "\(path) declares the shape \(dims), too large for a weight")
            }
            count = product
        }
        var values = [Float](repeating: 0, count: count)
        if count > 0 {
            let status = values.withUnsafeMutableBytes {
                H5Dread(dataset, neurona_h5t_native_float(), neurona_h5s_all(), neurona_h5s_all(), neurona_h5p_default(), $0.baseAddress)
            }
            guard status >= 0 else { throw Failure(message: "cannot read the values of \(path) (truncated or corrupt data)") }
        }
        insert(Dataset(shape: dims.map { Int($0) }, values: values), at: path)
    }

    // MARK: Writing

    /// The bytes of an HDF5 file holding this tree (datasets as little-endian float32).
    /// - Throws: ``Failure`` when HDF5 cannot make the image.
    package func image() throws -> Data {
        HDF5Tree.lock.lock()
        defer { HDF5Tree.lock.unlock() }
        neurona_h5_silence_errors()
        let access = H5Pcreate(neurona_h5p_file_access())
        guard access >= 0 else { throw Failure(message: "HDF5 could not make a file-access property list") }
        defer { H5Pclose(access) }
        guard H5Pset_fapl_core(access, 1 << 16, false) >= 0 else { throw Failure(message: "HDF5's in-memory driver is unavailable") }
        let file = H5Fcreate("model.weights.h5", neurona_h5f_acc_trunc(), neurona_h5p_default(), access)
        guard file >= 0 else { throw Failure(message: "HDF5 could not make an in-memory file") }
        defer { H5Fclose(file) }
        // Parents before children: sorted paths put "a" before "a/b".
        for group in groups.sorted() where !group.isEmpty {
            let id = H5Gcreate2(file, group, neurona_h5p_default(), neurona_h5p_default(), neurona_h5p_default())
            guard id >= 0 else { throw Failure(message: "HDF5 could not make the group \(group)") }
            H5Gclose(id)
        }
        for (path, dataset) in datasets.sorted(by: { $0.key < $1.key }) {
            let dims = dataset.shape.map { hsize_t($0) }
            let space = H5Screate_simple(Int32(dims.count), dims, nil)
            guard space >= 0 else { throw Failure(message: "HDF5 could not make the shape of \(path)") }
            defer { H5Sclose(space) }
            let id = H5Dcreate2(file, path, neurona_h5t_ieee_f32le(), space, neurona_h5p_default(), neurona_h5p_default(), neurona_h5p_default())
            guard id >= 0 else { throw Failure(message: "HDF5 could not make the dataset \(path)") }
            defer { H5Dclose(id) }
            let status = dataset.values.withUnsafeBytes {
                H5Dwrite(id, neurona_h5t_native_float(), neurona_h5s_all(), neurona_h5s_all(), neurona_h5p_default(), $0.baseAddress)
            }
            guard status >= 0 else { throw Failure(message: "HDF5 could not write \(path)") }
        }
        guard H5Fflush(file, H5F_SCOPE_GLOBAL) >= 0 else { throw Failure(message: "HDF5 could not flush the in-memory file") }
        let size = H5Fget_file_image(file, nil, 0)
        guard size > 0 else { throw Failure(message: "HDF5 could not give the file image") }
        var bytes = Data(count: size)
        let copied = bytes.withUnsafeMutableBytes { H5Fget_file_image(file, $0.baseAddress, size) }
        guard copied == size else { throw Failure(message: "HDF5 gave a file image of \(copied) bytes, expected \(size)") }
        return bytes
    }
}
