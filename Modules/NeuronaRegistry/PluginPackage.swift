/// The package a name is registered by, as Keras's `register_keras_serializable(package=)`:
/// its names are namespaced (`"CustomLayers>Maxout"`) so that two packages cannot collide, and
/// the ``PluginCatalog`` records them with the call that registers the package, so that a
/// registry lacking one of them says what to import and call.
///
/// ```swift
/// public static let package = PluginPackage("CustomLayers", entryPoint: "CustomLayersPlugin.register()")
/// try LayerRegistry.default.register(Maxout.self, package: package)
/// try LayerRegistry.default.register(MyLayer.self, package: "MyApp")   // a string is a package too
/// ```
public struct PluginPackage: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The package's name: the module to import (`"NeuronaRecurrent"`), the namespace of its names.
    public let name: String
    /// The call that registers the package (`"RecurrentPlugin.register()"`), nil when unknown.
    public let entryPoint: String?

    /// What separates a package from a name in a namespaced name (`"CustomLayers>Maxout"`), as in Keras.
    public static let separator: Character = ">"

    /// - Parameters:
    ///   - name: The package's name (the module to import).
    ///   - entryPoint: The call that registers the package.
    public init(_ name: String, entryPoint: String? = nil) {
        self.name = name
        self.entryPoint = entryPoint
    }

    /// A package named by a string literal, without an entry point.
    /// - Parameter value: The package's name.
    public init(stringLiteral value: String) { self.init(value) }

    /// The name.
    public var description: String { name }

    /// `"Maxout"` for `"CustomLayers>Maxout"`, the name itself when it has no package.
    public static func plainName(_ name: String) -> String {
        name.firstIndex(of: separator).map { String(name[name.index(after: $0)...]) } ?? name
    }
}
