import Foundation
import NeuronaRegistry
import Testing
import _NeuronaTestSupport

/// A product for a registry of its own: a name and one setting.
private struct Gadget: Equatable {
    var name: String
    var size: Double
}

/// Gadget's config on the config pattern: `size` positive, default 1.
private struct GadgetConfig: DefaultedConfiguration {
    var size: Double
    static let defaults = GadgetConfig(size: 1)
    func validate() throws { try requirePositive("size", size) }
}

private func gadgets(exact: Bool = false) -> Registry<Gadget> {
    let registry = Registry<Gadget>(kind: "gadget", exactNames: exact)
    for name in ["sprocket", "flux_capacitor"] {
        // The one generic factory decodes the config, validates it and wraps its errors.
        try! registry.register(name, settings: GadgetConfig.defaults) { config in Gadget(name: name, size: config.size) }
    }
    return registry
}

@Suite struct RegistryTests {
    @Test func namesResolveIgnoringCaseAndUnderscoresUnlessExact() throws {
        let loose = gadgets()
        try expectEqual(loose.make("Sprocket"), Gadget(name: "sprocket", size: 1))
        try expectEqual(loose.make("FluxCapacitor").name, "flux_capacitor")   // Keras's class-name spelling
        expectEqual(loose.canonicalName(for: "FLUX_CAPACITOR"), "flux_capacitor")
        let exact = gadgets(exact: true)
        #expect(exact.canonicalName(for: "Sprocket") == nil)
        // A wrong-case name still gets the right one as its closest name.
        #expect(throws: RegistryError.unknownName(kind: "gadget", name: "Sprocket", closest: ["sprocket"])) { try exact.make("Sprocket") }
    }

    /// A name's aliases are the names one registration gave, and only those.
    @Test func aliasesAreTheNamesOfOneRegistration() throws {
        let registry = gadgets()
        try registry.register("gizmo", aliases: ["gizmo_v2", "gz"], settings: GadgetConfig.defaults) { Gadget(name: "gizmo", size: $0.size) }
        expectEqual(registry.aliases(of: "gz"), ["gizmo", "gizmo_v2", "gz"])
        expectEqual(registry.aliases(of: "Gizmo"), ["gizmo", "gizmo_v2", "gz"])   // through the loose lookup
        expectEqual(registry.aliases(of: "sprocket"), ["sprocket"])
        #expect(registry.aliases(of: "nothing").isEmpty)
    }

    @Test func unknownNamesListTheClosestNamesWithTheirPathInJSON() throws {
        let registry = gadgets()
        #expect(throws: RegistryError.unknownName(kind: "gadget", name: "sprockett", closest: ["sprocket"])) { try registry.make("sprockett") }
        do {
            _ = try registry.make(fromJSON: #"{"type": "sprockett"}"#)
            Issue.record("no error")
        } catch let error as RegistryError {
            expectEqual("\(error)", #"type: unknown gadget "sprockett"; closest registered names: sprocket; a gadget of your own must be registered first (as with Keras's register_keras_serializable): register(_:package:) on its registry"#)
        }
    }

    @Test func aNameAPluginRegisteredElsewhereNamesItsPluginAndEntryPoint() throws {
        let registry = gadgets()
        // Registering with a package, into a registry of the plugin's own, records the name.
        let acme = PluginPackage("AcmeGadgets", entryPoint: "AcmeGadgets.register(into:)")
        try Registry<Gadget>(kind: "gadget").register("time_machine", package: acme, settings: GadgetConfig.defaults) {
            Gadget(name: "time_machine", size: $0.size)
        }
        let expected = #"unknown gadget "TimeMachine"; it is provided by the plugin AcmeGadgets: import AcmeGadgets and call AcmeGadgets.register(into:) first"#
        #expect(throws: (any Error).self) { try registry.make("TimeMachine") }
        do { _ = try registry.make("TimeMachine") } catch { expectEqual("\(error)", expected) }
        // Another kind does not see it.
        #expect(PluginCatalog.plugin(providing: "time_machine", kind: "layer") == nil)
        #expect(PluginCatalog.announcedNames(kind: "gadget").contains("time_machine"))
    }

    @Test func jsonErrorsSayWhereAndWhat() throws {
        let registry = gadgets()
        func message(_ json: String) -> String {
            do { _ = try registry.make(fromJSON: json); return "no error" } catch { return "\(error)" }
        }
        expectEqual(message("{\"type\": \"sprocket\",\n \"size\": }"), "gadget config: line 2, column 10: the description is not valid JSON (Invalid value)")
        expectEqual(message(#"{"type": "sprocket", "size": "big"}"#), #"gadget config at size: expected a number, found "big""#)
        expectEqual(message(#"{"type": "sprocket", "sise": 2}"#), #"gadget config at sise: unexpected field "sise" for sprocket (its fields: size)"#)
        expectEqual(message(#"{"type": "sprocket", "size": -2}"#), "gadget config: sprocket: size must be positive, got -2.0")
        expectEqual(message(#"{"size": 2}"#), #"gadget config: missing field "type""#)
        expectEqual(message(""), "gadget config: the description is empty")
    }

    @Test func numericSettingsTakeABareNameOrAnObject() throws {
        let registry = Registry<[String: Double]>(kind: "shape", nameKey: "name", acceptsBareNames: true)
        try registry.register("circle", settings: NumericSettings(["radius": 1])) { s in
            try requirePositive("radius", s["radius"])
            return s.given
        }
        try expectEqual(registry.make(fromJSON: #""Circle""#), [:])
        try expectEqual(registry.make(fromJSON: #"{"name": "circle", "radius": 2}"#), ["radius": 2])
        #expect(throws: RegistryError.invalidConfig(kind: "shape", path: "diameter",
                                                    message: #"unexpected field "diameter" for circle (its fields: name, radius)"#)) {
            try registry.make(fromJSON: #"{"name": "circle", "diameter": 2}"#)
        }
        #expect(throws: RegistryError.invalidConfig(kind: "shape", path: "", message: "circle: radius must be positive, got 0.0")) {
            try registry.make("circle", settings: ["radius": .double(0)])
        }
    }

    @Test func theSameRegistrantAgainIsHarmlessAnotherIsADuplicate() throws {
        let registry = gadgets()
        func registerSprocket() throws {
            try registry.register("sprocket", package: "Acme", settings: GadgetConfig.defaults) { Gadget(name: "acme", size: $0.size) }
        }
        try registerSprocket()
        try registerSprocket()   // the same registrant (this line) again: harmless
        expectEqual(registry.names, ["Acme>sprocket", "flux_capacitor", "sprocket"])
        // Another registrant of the built-in name: a typed error naming both registrants.
        do {
            try registry.register("sprocket", settings: GadgetConfig.defaults) { _ in Gadget(name: "other", size: 0) }
            Issue.record("no error")
        } catch let error as RegistryError {
            guard case .duplicateName(let kind, let name, let registrant, let existing) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(kind == "gadget" && name == "sprocket")
            #expect(registrant.hasPrefix("NeuronaRegistryTests/RegistryTests.swift:") && existing.hasPrefix("NeuronaRegistryTests/RegistryTests.swift:"))
            #expect(registrant != existing)
            #expect("\(error)".hasPrefix(#"the gadget "sprocket" is already registered by NeuronaRegistryTests/RegistryTests.swift:"#))
        }
        try expectEqual(registry.make("sprocket").name, "sprocket")   // the first registration stands
        #expect(throws: RegistryError.invalidName(kind: "gadget", name: "Acme>gear")) {
            try registry.register("Acme>gear", settings: GadgetConfig.defaults) { Gadget(name: "gear", size: $0.size) }
        }
    }

    @Test func namespacedNamesResolveAndPlainOnesWhenUnambiguous() throws {
        let registry = Registry<Gadget>(kind: "gadget")
        for package in ["Acme", "Globex"] {
            try registry.register("widget", package: PluginPackage(package), settings: GadgetConfig.defaults) {
                Gadget(name: package, size: $0.size)
            }
        }
        try registry.register("gizmo", package: "Acme", settings: GadgetConfig.defaults) { Gadget(name: "Acme", size: $0.size) }
        try expectEqual(registry.make("Acme>widget").name, "Acme")
        try expectEqual(registry.make("Globex>widget").name, "Globex")
        try expectEqual(registry.make("Globex>Widget").name, "Globex")           // loose, like every name of this kind
        try expectEqual(registry.make("gizmo").name, "Acme")                     // one package has it
        #expect(throws: RegistryError.ambiguousName(kind: "gadget", name: "widget", candidates: ["Acme>widget", "Globex>widget"])) {
            try registry.make("widget")
        }
        do {
            _ = try registry.make(fromJSON: #"{"type": "widget"}"#)
            Issue.record("no error")
        } catch {
            expectEqual("\(error)", #"type: gadget "widget" is registered by more than one package: use one of Acme>widget, Globex>widget"#)
        }
        // A built-in of the same plain name wins the plain lookup, as Keras's built-ins do.
        try registry.register("widget", settings: GadgetConfig.defaults) { Gadget(name: "core", size: $0.size) }
        try expectEqual(registry.make("widget").name, "core")
        #expect(registry.canonicalName(for: "Initech>widget") == nil)
    }

    @Test func closestNamesUseEditDistance() {
        // "sprokcet" is 2 edits from "sprocket" (a transposition); "flux" is a substring.
        expectEqual(gadgets().closestNames(to: "sprokcet"), ["sprocket"])
        expectEqual(gadgets().closestNames(to: "flux"), ["flux_capacitor"])
    }
}
