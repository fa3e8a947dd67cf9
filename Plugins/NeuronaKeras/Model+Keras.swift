import Foundation
import NeuronaAttention
import NeuronaLayers
import NeuronaNormalization
import NeuronaRecurrent
import NeuronaTraining

extension Model {
    /// The Keras version whose `.keras` files NeuronaKeras was checked against (what
    /// `metadata.json` says in the files it writes).
    public static let kerasFormatVersion = "3.15.1"

    /// Reads a Keras 3 `.keras` file (`model.save("model.keras")` in Keras): a `Sequential` becomes
    /// a ``/NeuronaLayers/Sequential``, a functional `Model` a ``/NeuronaLayers/Graph``, with Keras's weights; its predictions
    /// are Keras's (float32).
    ///
    /// ```swift
    /// let model = try Model.load(keras: URL(fileURLWithPath: "classifier.keras"))
    /// let probabilities = try model.predict(images)
    /// ```
    ///
    /// The model comes back uncompiled (Keras's optimizer and loss are not read): call
    /// `compile` before `fit`. Keras's layer classes map to Neurona's through `registry`
    /// (``kerasLayerRegistry`` by default: the built-in layers and the plugins' normalization,
    /// recurrent and attention layers; a registry of your own must hold the ones the file uses);
    /// the classes read are those of <doc:FromKeras>.
    ///
    /// - Parameters:
    ///   - url: The `.keras` file.
    ///   - registry: The layer registry that makes the layers.
    /// - Throws: ``KerasError`` naming the file and the part of it: an unreadable archive, a
    ///   missing entry, a Keras layer Neurona lacks (with its place in `config.json`), a setting
    ///   Neurona cannot honour, a missing or misshapen weight.
    public static func load(keras url: URL, registry: LayerRegistry = Model.kerasLayerRegistry) throws -> Model {
        try load(kerasArchive: KerasArchive.read(contentsOf: url), file: url.lastPathComponent, registry: registry)
    }

    /// ``load(keras:registry:)`` from a `.keras` file's bytes (downloaded, or read by other means).
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - file: The name errors give the file.
    ///   - registry: The layer registry that makes the layers.
    /// - Throws: ``KerasError``, as ``load(keras:registry:)``.
    public static func load(kerasData data: Data, file: String = "model.keras", registry: LayerRegistry = Model.kerasLayerRegistry) throws -> Model {
        try load(kerasArchive: KerasArchive.read(data, file: file), file: file, registry: registry)
    }

    /// The registry ``load(keras:registry:)`` makes layers with unless told otherwise: the
    /// built-in layers and those of NeuronaNormalization, NeuronaRecurrent and NeuronaAttention.
    /// Its own, so that loading a file registers nothing into `LayerRegistry.default`.
    public static let kerasLayerRegistry: LayerRegistry = {
        let registry = LayerRegistry()
        // A new registry and each package's own names: nothing can collide.
        try! registry.registerBuiltIns()
        try! NormalizationPlugin.register(into: registry)
        try! RecurrentPlugin.register(into: registry)
        try! AttentionPlugin.register(into: registry)
        return registry
    }()

    static func load(kerasArchive archive: KerasArchive, file: String, registry: LayerRegistry) throws -> Model {
        let (network, entries) = try KerasModelReader(file: file, registry: registry).read(archive.config)
        let tree: HDF5Tree
        do { tree = try HDF5Tree.read(archive.weights) } catch let error as HDF5Error {
            throw KerasError.unreadableWeights(file: file, reason: error.message)
        }
        try KerasWeights.load(tree, into: entries, file: file)
        return Model(network)
    }

    /// Writes the model as a Keras 3 `.keras` file that `keras.models.load_model` reads and
    /// predicts with as Neurona does (float32). The file is written beside `url` and renamed
    /// into place: `url` never holds half a file.
    ///
    /// ```swift
    /// try model.save(keras: URL(fileURLWithPath: "classifier.keras"))
    /// // Python: keras.models.load_model("classifier.keras").predict(x)
    /// ```
    ///
    /// The network must be a built ``/NeuronaLayers/Sequential`` or ``/NeuronaLayers/Graph`` of layers Keras has (those of
    /// <doc:FromKeras>); the optimizer and loss are not written (compile again in Keras to train).
    ///
    /// - Parameter url: The `.keras` file to write.
    /// - Throws: ``KerasError/noKerasEquivalent(layer:typeName:hint:)`` naming the first layer Keras
    ///   has no twin of; ``KerasError/writeFailed(file:reason:)`` when the file cannot be written.
    public func save(keras url: URL) throws {
        try kerasArchive(file: url.lastPathComponent).write(to: url)
    }

    /// The `.keras` archive of this model.
    package func kerasArchive(file: String) throws -> KerasArchive {
        let (config, entries) = try KerasModelWriter().write(network)
        let weights = KerasWeights.tree(entries).image()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd@HH:mm:ss"
        let metadata: JSONValue = .object(["keras_version": .string(Self.kerasFormatVersion),
                                           "date_saved": .string(formatter.string(from: Date())), "saved_by": .string("Neurona")])
        return KerasArchive(config: try encoder.encode(config), weights: weights, metadata: try encoder.encode(metadata))
    }
}
