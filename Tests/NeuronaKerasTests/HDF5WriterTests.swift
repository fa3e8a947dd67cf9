import Foundation
@testable import NeuronaKeras
import Testing
import _NeuronaTestSupport

/// Neurona's own HDF5 writer (`Plugins/NeuronaKeras/_HDF5/HDF5Writer.swift`): what it writes
/// reads back as the same tree, in the format h5py writes by default (superblock 0, symbol-table
/// groups). That Keras 3 loads it is checked by `Scripts/keras-checks.sh`.
struct HDF5WriterTests {
    /// Every weights file Keras wrote, read, written by Neurona and read again: the same groups
    /// and the same values, bit for bit (float32 in, float32 out).
    @Test func kerasFixturesRoundTrip() throws {
        for name in KerasFixture.predictionNames + ["fashion_mnist_mlp"] {
            let tree = try HDF5Reader.read(HDF5ReaderTests.kerasWeights(name))
            try expectEqual(HDF5Reader.read(tree.image()), tree, "\(name)")
        }
    }

    /// h5py's default format: the signature, superblock version 0, 8-byte addresses and lengths,
    /// libhdf5's default symbol-node size (K = 4) and B-tree size (K = 16), and the end-of-file
    /// address equal to the size.
    @Test func superblockIsH5pysDefault() throws {
        var tree = HDF5Tree()
        tree.insert(HDF5Tree.Dataset(shape: [2], values: [1, 2]), at: "layers/dense/vars/0")
        let bytes = tree.image()
        expectEqual(Array(bytes.prefix(8)), HDF5File.signature)
        expectEqual(Array(bytes[8..<24]), [0, 0, 0, 0, 0, 8, 8, 0, 4, 0, 16, 0, 0, 0, 0, 0])
        expectEqual(HDF5ReaderTests.uint64(bytes, at: 40), bytes.count)
    }

    /// A group of 300 links needs 38 symbol nodes of 8 entries, more than a B-tree node of
    /// libhdf5's default K = 16 holds (32): K is raised so that one leaf holds them all, and every
    /// link reads back. Empty groups and an empty dataset read back too.
    @Test func largeAndEmptyGroups() throws {
        var tree = HDF5Tree()
        for i in 0..<300 { tree.insert(HDF5Tree.Dataset(shape: [1], values: [Float(i)]), at: "layers/dense_\(i)/vars/0") }
        tree.insertGroup("layers/flatten/vars")
        tree.insert(HDF5Tree.Dataset(shape: [0, 3], values: []), at: "layers/empty/vars/0")
        let bytes = tree.image()
        expectEqual(Array(bytes[16..<20]), [4, 0, 19, 0])         // K = 19: 38 children per node
        let back = try HDF5Reader.read(bytes)
        expectEqual(back, tree)
        expectEqual(back.children(of: "layers").count, 302)
    }
}
