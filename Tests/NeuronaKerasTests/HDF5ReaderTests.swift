import Foundation
@testable import NeuronaKeras
import Testing
import _NeuronaTestSupport

/// Neurona's own HDF5 reader (`Plugins/NeuronaKeras/_HDF5`): the weights files Keras 3 wrote
/// (the fixtures), the formats of `Fixtures/make_hdf5_fixtures.py` (h5py's `latest` format, other
/// number types, compact layout), and hand-damaged files, each refused with the ``HDF5Error``
/// naming the part (truncated, an address past the end, a cycle, a B-tree node reached twice, huge
/// sizes).
struct HDF5ReaderTests {
    static func kerasWeights(_ name: String) throws -> Data {
        try KerasArchive.read(contentsOf: KerasFixture.url(name)).weights
    }

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: KerasFixture.folder.appendingPathComponent(name))
    }

    /// The reader's message for `bytes`, or `nil` when they read.
    static func failure(_ bytes: Data) -> String? {
        do {
            _ = try HDF5Reader.read(bytes)
            return nil
        } catch let error as HDF5Error {
            return error.message
        } catch {
            return "not an HDF5Error: \(error)"
        }
    }

    static func uint64(_ bytes: Data, at offset: Int) -> Int {
        (0..<8).reduce(0) { $0 | Int(bytes[bytes.startIndex + offset + $1]) << (8 * $1) }
    }

    static func set(_ bytes: inout Data, at offset: Int, _ value: UInt64, size: Int = 8) {
        for i in 0..<size { bytes[bytes.startIndex + offset + i] = UInt8(truncatingIfNeeded: value >> UInt64(8 * i)) }
    }

    /// Every fixture Keras 3.15.1 wrote reads as h5py 3.14.0 reads it: the counts of groups (the
    /// root included), datasets and values, and the sum of the values, printed by h5py
    /// (`visititems`, each float32 value summed in float64). The two sums add the same float32
    /// values in other orders, so they agree within n·ε₆₄·Σ|x|.
    @Test func kerasFixturesReadAsH5pyReadsThem() throws {
        let h5py: [(String, groups: Int, datasets: Int, values: Int, sum: Double)] = [
            ("activation_layers", 11, 2, 8, 0.8983312323689461), ("activations", 25, 22, 135, -12.736947412253357),
            ("attention", 23, 10, 234, 8.625136639166158), ("attention_causal", 21, 8, 168, -1.3204768877476454),
            ("batch_norm", 11, 8, 68, 5.1880622883327305), ("conv_pooling", 15, 6, 97, 0.6799972523003817),
            ("conv_strided", 9, 1, 12, -0.6268197447061539), ("dense_dropout", 9, 4, 39, 0.001516680233180523),
            ("unsupported_layer", 9, 2, 15, 0.34944677352905273), ("fashion_mnist_mlp", 9, 4, 101_770, -1058.3884370308515),
            ("embedding_conv1d", 17, 7, 117, 7.968034872319549), ("conv_transpose_separable", 19, 9, 699, -11.503865271282848),
            ("functional_branches", 17, 8, 91, 2.748217936605215), ("gru_reset_after", 11, 6, 189, -2.0036169465674902),
            ("gru_reset_before", 7, 3, 96, -0.9391605262644589), ("layer_norm_reshape", 11, 4, 34, -4.056097035296261),
            ("lstm", 11, 6, 224, -16.27922074351227), ("simple_rnn", 11, 6, 46, 5.014114777557552),
        ]
        for (name, groups, datasets, values, sum) in h5py {
            let tree = try HDF5Reader.read(Self.kerasWeights(name))
            let all = tree.datasets.values.flatMap(\.values).map(Double.init)
            #expect(tree.groups.count == groups && tree.datasets.count == datasets && tree.otherDatasets.isEmpty && all.count == values, "\(name)")
            let bound = Double(all.count) * Double.ulpOfOne * all.reduce(0) { $0 + abs($1) }
            #expect(abs(all.reduce(0, +) - sum) <= bound, "\(name): \(all.reduce(0, +)) against h5py's \(sum)")
        }
        // Values in place (h5py: f["layers/dense/vars/0"][0, :2], f["layers/dense_1/vars/1"][2]).
        let mlp = try HDF5Reader.read(Self.kerasWeights("fashion_mnist_mlp"))
        let kernel = try #require(mlp.datasets["layers/dense/vars/0"])
        expectEqual(kernel.shape, [784, 128])
        expectEqual(Array(kernel.values.prefix(2)), [0.058105938136577606, 0.026381827890872955])
        expectEqual(mlp.datasets["layers/dense_1/vars/1"]?.values[2], 0.17561796307563782)
    }

    /// libhdf5's `latest` format (superblock 3, version 2 headers, link messages) and the number
    /// types h5py converts: the values `make_hdf5_fixtures.py` wrote, exactly (each is a float32).
    @Test func latestFormatAndOtherNumberTypes() throws {
        let bytes = try Self.fixture("hdf5_latest.h5")
        expectEqual(bytes[8], 3)                                  // superblock version 3
        let tree = try HDF5Reader.read(bytes)
        let vars = "layers/dense/vars"
        expectEqual(tree.groups, ["", "layers", "layers/dense", vars])
        expectEqual(tree.datasets["\(vars)/0"], HDF5Tree.Dataset(shape: [2, 3], values: [0, 1, 2, 3, 4, 5]))
        expectEqual(tree.datasets["\(vars)/1"], HDF5Tree.Dataset(shape: [3], values: [0.5, 1.5, 2.5]))        // float16
        expectEqual(tree.datasets["\(vars)/2"], HDF5Tree.Dataset(shape: [3], values: [250, 251, 252]))        // uint8
        expectEqual(tree.datasets["\(vars)/3"], HDF5Tree.Dataset(shape: [], values: [2.5]))                  // float64 scalar
        expectEqual(tree.datasets["\(vars)/4"], HDF5Tree.Dataset(shape: [3], values: [-3, 0, 300]))          // big-endian int16
        expectEqual(tree.datasets["\(vars)/5"], HDF5Tree.Dataset(shape: [2], values: [1.25, -2]))            // compact float64
        expectEqual(tree.otherDatasets, ["\(vars)/name"])                                                      // a string
    }

    /// What Keras never writes is refused by name, not misread.
    @Test func unsupportedLayoutsAndLinkStorage() throws {
        expectEqual(Self.failure(try Self.fixture("hdf5_chunked.h5")), "dataset layers/dense/vars/0: chunked layout not supported (contiguous and compact are)")
        expectEqual(Self.failure(try Self.fixture("hdf5_dense_links.h5")), "group layers: dense link storage not supported (only symbol tables and compact links are)")
    }

    /// Damaged copies of Keras's own `dense_dropout` weights. Its layout (h5py's, read from the
    /// file): the superblock's root entry gives the root's object header at 0x40; that header's
    /// symbol table message holds the B-tree (at +24) and the local heap (at +32); the B-tree's
    /// first child (at +32) is the root's symbol node, whose entries hold their object header at +8.
    @Test func damagedKerasFiles() throws {
        let good = try Self.kerasWeights("dense_dropout")
        let size = good.count
        expectEqual(Self.failure(Data()), "the file is empty")
        expectEqual(Self.failure(Data(repeating: 7, count: 300)), "not an HDF5 file (no HDF5 signature at its start)")
        expectEqual(Self.failure(good.prefix(1000)), "group /: its B-tree node at 0x88: a child points to 0x5e0, past the end of the file (1000 bytes)")
        expectEqual(Self.failure(good.prefix(60)), "the superblock runs past the end of the file (60 bytes) (reading 8 bytes at 0x38)")

        let root = Self.uint64(good, at: 0x40)
        let btree = Self.uint64(good, at: root + 24), heap = Self.uint64(good, at: root + 32)
        let symbols = Self.uint64(good, at: btree + 32)
        #expect((root, btree, heap, symbols) == (0x60, 0x88, 0x2A8, 0x5E0))

        var pastEnd = good
        Self.set(&pastEnd, at: 0x40, 0xFFFF_FF00)
        expectEqual(Self.failure(pastEnd), "the superblock: the root group's object header points to 0xffffff00, past the end of the file (\(size) bytes)")

        // The root's first link (layers) pointing back at the root: a cycle.
        var cycle = good
        Self.set(&cycle, at: symbols + 8 + 8, UInt64(root))
        expectEqual(Self.failure(cycle), "layers: the object at 0x60 is also / (a cycle, or a shared object Keras never writes)")

        // The B-tree given a second child, the same symbol node.
        var twice = good
        Self.set(&twice, at: btree + 6, 2, size: 2)
        Self.set(&twice, at: btree + 48, UInt64(symbols))
        expectEqual(Self.failure(twice), "group /: its symbol node at 0x5e0 is reached twice (a loop)")

        // The B-tree's child made the B-tree itself, at level 1: its level must go down.
        var loop = good
        loop[btree + 5] = 1
        Self.set(&loop, at: btree + 32, UInt64(btree))
        expectEqual(Self.failure(loop), "group /: its B-tree node at 0x88 is reached twice (a loop)")

        var hugeHeap = good
        Self.set(&hugeHeap, at: heap + 8, 1 << 40)
        expectEqual(Self.failure(hugeHeap), "group /: its local heap at 0x2a8: its data segment's size is 1099511627776, more than the \(size) bytes the file can hold there")

        // The root's object header declaring more message bytes than the file holds.
        var hugeHeader = good
        Self.set(&hugeHeader, at: root + 8, 0xFFFF_FFF0, size: 4)
        expectEqual(Self.failure(hugeHeader), "object header at 0x60 (4294967280 bytes) runs past the end of the file (\(size) bytes)")
    }

    /// Damaged copies of a file of Neurona's writer, one dataset `w` of shape [3, 7]: its
    /// dataspace and layout messages are found by their bytes.
    @Test func damagedDatasets() throws {
        var tree = HDF5Tree()
        tree.insert(HDF5Tree.Dataset(shape: [3, 7], values: (0..<21).map(Float.init)), at: "w")
        let good = tree.image()
        try expectEqual(HDF5Reader.read(good), tree)
        func le(_ value: Int) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        // Dataspace version 1, rank 2, then the dimensions 3 and 7.
        let dataspace = try #require(good.range(of: Data([1, 2, 0, 0, 0, 0, 0, 0] + le(3) + le(7))))
        // Layout version 3, contiguous: the address, then the size (84 bytes).
        let sizeBytes = try #require(good.range(of: Data(le(84)), in: dataspace.upperBound..<good.endIndex))
        let layout = sizeBytes.lowerBound - 10
        #expect(good[layout] == 3 && good[layout + 1] == 1)

        var huge = good
        Self.set(&huge, at: dataspace.lowerBound + 16, 1 << 40)
        expectEqual(Self.failure(huge), "dataset w: a dataspace of more than 2147483647 elements (a dimension of 1099511627776), too large for a weight")

        var addressPastEnd = good
        Self.set(&addressPastEnd, at: layout + 2, 1 << 50)
        expectEqual(Self.failure(addressPastEnd), "dataset w: its layout message: the data points to 0x4000000000000, past the end of the file (\(good.count) bytes)")

        var sizeTooSmall = good
        Self.set(&sizeTooSmall, at: layout + 10, 80)
        expectEqual(Self.failure(sizeTooSmall), "dataset w: its layout stores 80 bytes, its shape [3, 7] needs 84")

        var dataPastEnd = good
        Self.set(&dataPastEnd, at: layout + 2, UInt64(good.count - 40))
        expectEqual(Self.failure(dataPastEnd), "dataset w: its data at \(HDF5Error.hex(good.count - 40)) (84 bytes) runs past the end of the file (\(good.count) bytes)")

        var chunked = good
        chunked[layout + 1] = 2
        expectEqual(Self.failure(chunked), "dataset w: chunked layout not supported (contiguous and compact are)")
    }

    /// The fuzzer's input that crashed libhdf5 1.10.8 inside `H5Gget_info` (a null `memcpy`;
    /// it was `Fuzz/OpenFindings/keras-libhdf5-segv-in-H5Gget_info`): the root's local heap
    /// signature is zeroed. Loaded as a `.keras` file's weights, it is a typed error.
    @Test func libhdf5CrashFromTheFuzzerIsATypedError() throws {
        var archive = try KerasArchive.read(contentsOf: KerasFixture.url("dense_dropout"))
        archive.weights = try Self.fixture("fuzz_libhdf5_segv_H5Gget_info.h5")
        #expect(KerasBadFileTests.error(try archive.bytes(file: "bad.keras"))
                == .unreadableWeights(file: "bad.keras", reason: "group /: its local heap at 0x2a8 has no HEAP signature (found 00000000)"))
    }
}
