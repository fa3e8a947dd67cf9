import Foundation

/// An HDF5 file held in memory as Keras's weights files use HDF5: groups, and numeric datasets
/// read as float32 (float16/float64 and integers converted on reading). Paths are `/`-joined
/// without a leading slash (`layers/dense/vars/0`).
///
/// Read by ``HDF5Reader`` and written by ``HDF5Writer``, Neurona's own code for the subset of
/// HDF5 Keras uses: no C library, so a damaged or hostile file can only give an ``HDF5Error``.
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

    /// Reads a whole HDF5 file image with Neurona's own reader (``HDF5Reader``).
    /// - Throws: ``HDF5Error`` naming the part of the file that cannot be read.
    package static func read(_ image: Data) throws -> HDF5Tree {
        try HDF5Reader.read(image)
    }

    // MARK: Writing

    /// The bytes of an HDF5 file holding this tree (datasets as little-endian float32), in the
    /// format h5py and Keras write (``HDF5Writer``).
    package func image() -> Data {
        HDF5Writer.image(self)
    }
}
