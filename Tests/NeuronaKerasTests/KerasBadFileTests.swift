import Foundation
import NeuronaCore
import NeuronaData
@testable import NeuronaKeras
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// Bad `.keras` files fail with a ``KerasError`` naming the file and the part: a truncated or
/// corrupt zip, a missing entry, HDF5 that is not HDF5, a missing, misshapen or extra dataset, a
/// setting Neurona cannot honour.
struct KerasBadFileTests {
    static func archive(_ name: String = "dense_dropout") throws -> KerasArchive {
        try KerasArchive.read(contentsOf: KerasFixture.url(name))
    }

    /// The error loading `archive`'s bytes as `bad.keras`.
    static func error(_ archive: KerasArchive) throws -> KerasError? {
        error(try archive.bytes(file: "bad.keras"))
    }

    static func error(_ bytes: Data) -> KerasError? {
        do {
            _ = try Model.load(kerasData: bytes, file: "bad.keras")
            return nil
        } catch {
            return error as? KerasError
        }
    }

    @Test func truncatedOrCorruptZip() throws {
        let bytes = try Data(contentsOf: KerasFixture.url("dense_dropout"))
        // Cut before the central directory: no zip directory.
        guard case .unreadableArchive(let file, _)? = Self.error(bytes.prefix(bytes.count / 2)) else {
            Issue.record("a truncated zip: \(String(describing: Self.error(bytes.prefix(bytes.count / 2))))")
            return
        }
        expectEqual(file, "bad.keras")
        expectEqual(Self.error(Data()), .unreadableArchive(file: "bad.keras", reason: "the file is empty"))
        expectEqual(Self.error(Data("not a zip at all".utf8)).map { if case .unreadableArchive = $0 { true } else { false } }, true)
        // A flipped byte inside the deflated config.json: its CRC-32 (or the inflater) fails.
        var corrupt = bytes
        let config = try #require(bytes.range(of: Data("config.json".utf8)))
        corrupt[config.upperBound + 40] ^= 0xFF
        guard case .unreadableArchive(_, let reason)? = Self.error(corrupt) else {
            Issue.record("a corrupt entry: \(String(describing: Self.error(corrupt)))")
            return
        }
        #expect(reason.contains("config.json"), "\(reason)")
    }

    @Test func missingEntries() throws {
        let good = try Self.archive()
        for (missing, kept) in [("config.json", [("model.weights.h5", good.weights)]), ("model.weights.h5", [("config.json", good.config)])] {
            var zip = ZipWriter()
            for (name, data) in kept { try zip.add(name, contents: data, method: .stored) }
            expectEqual(Self.error(try zip.bytes()), .missingEntry(file: "bad.keras", entry: missing))
        }
    }

    @Test func weightsThatAreNotHDF5() throws {
        var archive = try Self.archive()
        archive.weights = Data(repeating: 7, count: 300)
        try expectEqual(Self.error(archive), .unreadableWeights(file: "bad.keras", reason: "not an HDF5 file (no HDF5 signature at its start)"))
        archive.weights = try Self.archive().weights.prefix(1000)
        try expectEqual(Self.error(archive).map { if case .unreadableWeights = $0 { true } else { false } }, true)
    }

    @Test func missingMisshapenOrExtraDatasets() throws {
        let good = try Self.archive()
        let tree = try HDF5Tree.read(good.weights)
        expectEqual(tree.datasets["layers/dense/vars/0"]?.shape, [5, 4])

        var missing = tree
        missing.datasets["layers/dense_1/vars/1"] = nil
        var archive = good
        archive.weights = missing.image()
        try expectEqual(Self.error(archive), .missingWeight(file: "bad.keras", dataset: "layers/dense_1/vars/1", layer: "config.layers[3] (Dense)"))

        var misshapen = tree
        misshapen.datasets["layers/dense/vars/0"] = HDF5Tree.Dataset(shape: [4, 5], values: tree.datasets["layers/dense/vars/0"]!.values)
        archive.weights = misshapen.image()
        #expect(try Self.error(archive) == .wrongWeightShape(file: "bad.keras", dataset: "layers/dense/vars/0", layer: "config.layers[1] (Dense)",
                                                            expected: [5, 4], found: [4, 5]))

        var extra = tree
        extra.insert(HDF5Tree.Dataset(shape: [3], values: [1, 2, 3]), at: "layers/dense/vars/2")
        archive.weights = extra.image()
        try expectEqual(Self.error(archive), .unexpectedWeight(file: "bad.keras", dataset: "layers/dense/vars/2", layer: "config.layers[1] (Dense)"))
    }

    /// A setting Neurona's layer cannot honour is refused with its place, not ignored.
    @Test func unsupportedSettingsAndClasses() throws {
        func edited(_ edit: (inout [String: Any]) -> Void) throws -> KerasError? {
            var archive = try Self.archive()
            var root = try JSONSerialization.jsonObject(with: archive.config) as! [String: Any]
            edit(&root)
            archive.config = try JSONSerialization.data(withJSONObject: root)
            return try Self.error(archive)
        }
        func layer(_ root: inout [String: Any], _ index: Int, _ edit: (inout [String: Any]) -> Void) {
            var config = root["config"] as! [String: Any]
            var layers = config["layers"] as! [[String: Any]]
            var layerConfig = layers[index]["config"] as! [String: Any]
            edit(&layerConfig)
            layers[index]["config"] = layerConfig
            config["layers"] = layers
            root["config"] = config
        }
        let selu = try edited { root in layer(&root, 1) { $0["activation"] = "selu" } }
        guard case .unsupportedSetting(_, let path, let className, let setting, _)? = selu else {
            Issue.record("selu: \(String(describing: selu))")
            return
        }
        #expect(path == "config.layers[1].config" && className == "Dense" && setting == "activation")
        let regularized = try edited { root in layer(&root, 1) { $0["kernel_regularizer"] = ["class_name": "L2", "config": ["l2": 0.01]] } }
        expectEqual(regularized.map { if case .unsupportedSetting(_, _, _, "kernel_regularizer", _) = $0 { true } else { false } }, true)
        let renamed = try edited { root in
            var config = root["config"] as! [String: Any]
            var layers = config["layers"] as! [[String: Any]]
            layers[2]["class_name"] = "SpatialDropout1D"
            config["layers"] = layers
            root["config"] = config
        }
        expectEqual(renamed.map { if case .unsupportedLayer(_, "config.layers[2]", "SpatialDropout1D", _) = $0 { true } else { false } }, true)
        try expectEqual(edited { $0["class_name"] = "MyModel" }.map { if case .invalidConfig(_, "class_name", _) = $0 { true } else { false } }, true)
        var notJSON = try Self.archive()
        notJSON.config = Data("{\"class_name\": ".utf8)
        try expectEqual(Self.error(notJSON).map { if case .invalidConfig(_, "", _) = $0 { true } else { false } }, true)
    }
}
