import Foundation
import NeuronaRegistry
import Testing

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
        registry.register(name) { decoder in
            let config = try GadgetConfig.decodeStrictly(from: decoder, defaults: .defaults, typeName: name)
            do { try config.validate() } catch {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(name): \(error)", underlyingError: error))
            }
            return Gadget(name: name, size: config.size)
        }
    }
    return registry
}

@Suite struct RegistryTests {
    @Test func namesResolveIgnoringCaseAndUnderscoresUnlessExact() throws {
        let loose = gadgets()
        #expect(try loose.make("Sprocket") == Gadget(name: "sprocket", size: 1))
        #expect(try loose.make("FluxCapacitor").name == "flux_capacitor")   // Keras's class-name spelling
        #expect(loose.canonicalName(for: "FLUX_CAPACITOR") == "flux_capacitor")
        let exact = gadgets(exact: true)
        #expect(exact.canonicalName(for: "Sprocket") == nil)
        // A wrong-case name still gets the right one as its closest name.
        #expect(throws: RegistryError.unknownName(kind: "gadget", name: "Sprocket", closest: ["sprocket"])) { try exact.make("Sprocket") }
    }

    @Test func unknownNamesListTheClosestNamesWithTheirPathInJSON() throws {
        let registry = gadgets()
        #expect(throws: RegistryError.unknownName(kind: "gadget", name: "sprockett", closest: ["sprocket"])) { try registry.make("sprockett") }
        do {
            _ = try registry.make(fromJSON: #"{"type": "sprockett"}"#)
            Issue.record("no error")
        } catch let error as RegistryError {
            #expect("\(error)" == #"type: unknown gadget "sprockett"; closest registered names: sprocket"#)
        }
    }

    @Test func anAnnouncedNameNamesItsPluginAndEntryPoint() throws {
        let registry = gadgets()
        PluginCatalog.announce(PluginAnnouncement(plugin: "AcmeGadgets", entryPoint: "AcmeGadgets.register(into:)",
                                                  names: ["gadget": ["time_machine"]]))
        let expected = #"unknown gadget "TimeMachine"; it is provided by the plugin AcmeGadgets: import AcmeGadgets and call AcmeGadgets.register(into:) first"#
        #expect(throws: (any Error).self) { try registry.make("TimeMachine") }
        do { _ = try registry.make("TimeMachine") } catch { #expect("\(error)" == expected) }
        // Another kind does not see it.
        #expect(PluginCatalog.plugin(providing: "time_machine", kind: "layer") == nil)
        #expect(PluginCatalog.announcedNames(kind: "gadget").contains("time_machine"))
    }

    @Test func jsonErrorsSayWhereAndWhat() throws {
        let registry = gadgets()
        func message(_ json: String) -> String {
            do { _ = try registry.make(fromJSON: json); return "no error" } catch { return "\(error)" }
        }
        #expect(message("{\"type\": \"sprocket\",\n \"size\": }") == "gadget config: line 2, column 10: the description is not valid JSON (Invalid value)")
        #expect(message(#"{"type": "sprocket", "size": "big"}"#) == #"gadget config at size: expected a number, found "big""#)
        #expect(message(#"{"type": "sprocket", "sise": 2}"#) == #"gadget config at sise: unexpected field "sise" for sprocket (its fields: size)"#)
        #expect(message(#"{"type": "sprocket", "size": -2}"#) == "gadget config: sprocket: size must be positive, got -2.0")
        #expect(message(#"{"size": 2}"#) == #"gadget config: missing field "type""#)
        #expect(message("") == "gadget config: the description is empty")
    }

    @Test func namedSettingsTakeABareNameOrAnObject() throws {
        let registry = Registry<[String: Double]>(kind: "shape", nameKey: "name", acceptsBareNames: true)
        registry.register("circle", settings: ["radius": 1]) { given, resolved in
            try requirePositive("radius", resolved["radius"]!)
            return given
        }
        #expect(try registry.make(fromJSON: #""Circle""#) == [:])
        #expect(try registry.make(fromJSON: #"{"name": "circle", "radius": 2}"#) == ["radius": 2])
        #expect(throws: RegistryError.invalidConfig(kind: "shape", path: "diameter",
                                                    message: #"unexpected field "diameter" for circle (its fields: name, radius)"#)) {
            try registry.make(fromJSON: #"{"name": "circle", "diameter": 2}"#)
        }
        #expect(throws: RegistryError.invalidConfig(kind: "shape", path: "", message: "circle: radius must be positive, got 0.0")) {
            try registry.make("circle", settings: ["radius": .double(0)])
        }
    }

    @Test func registeringAgainReplacesAndNamesAreSorted() throws {
        let registry = gadgets()
        registry.register("sprocket") { _ in Gadget(name: "replaced", size: 0) }
        #expect(try registry.make("sprocket").name == "replaced")
        #expect(registry.names == ["flux_capacitor", "sprocket"])
        #expect(registry.contains("SPROCKET"))
    }

    @Test func closestNamesUseEditDistance() {
        // "sprokcet" is 2 edits from "sprocket" (a transposition); "flux" is a substring.
        #expect(gadgets().closestNames(to: "sprokcet") == ["sprocket"])
        #expect(gadgets().closestNames(to: "flux") == ["flux_capacitor"])
    }
}
