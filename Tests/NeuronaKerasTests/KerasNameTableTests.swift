import Foundation
import NeuronaKeras
import NeuronaLayers
import NeuronaLosses
import NeuronaMetrics
import NeuronaOptimizers
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// The documentation's Keras ↔ Neurona name table (`Modules/Neurona/Neurona.docc/KerasNames.md`)
/// checked against the registries, so that the page cannot drift from the code: every Keras name
/// in a row resolves to the Neurona name beside it, every JSON example makes its layer, and every
/// Keras class a `.keras` file can hold has its row.
struct KerasNameTableTests {
    static let page = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Modules/Neurona/Neurona.docc/KerasNames.md")

    /// One table row: its cells' backticked names, cell by cell.
    typealias Row = [[String]]

    /// The rows of the table under `### heading`.
    static func rows(under heading: String) throws -> [Row] {
        let text = try String(contentsOf: page, encoding: .utf8)
        guard let start = text.range(of: "### \(heading)\n") else { throw CocoaError(.fileReadCorruptFile) }
        let section = text[start.upperBound...].components(separatedBy: "\n### ")[0]
        return section.components(separatedBy: "\n")
            .filter { $0.hasPrefix("| ") && !$0.hasPrefix("|---") }
            .dropFirst()   // the header
            .map { line in
                line.split(separator: "|").map { cell in
                    cell.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                        .filter { $0.offset % 2 == 1 }.map { String($0.element).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                }
            }
    }

    /// Checks that each Keras name of a row resolves in `registry` to the row's Neurona name (the
    /// second cell's first name); returns the Neurona names.
    @discardableResult
    static func check<Product>(_ heading: String, against registry: Registry<Product>) throws -> [String] {
        let rows = try rows(under: heading)
        #expect(!rows.isEmpty, "no rows under \(heading)")
        return rows.compactMap { row -> String? in
            guard row.count == 2, let neurona = row[1].first else {
                Issue.record("\(heading): a row without a Keras and a Neurona cell: \(row)")
                return nil
            }
            // An optimizer's row may show its Keras constructor beside its name: only bare names resolve.
            let same = registry.aliases(of: neurona)
            #expect(!same.isEmpty, "\(heading): \(neurona) is not registered")
            for keras in row[0] where !keras.contains("(") {
                let resolved = registry.canonicalName(for: keras)
                expectEqual(resolved.map(same.contains), true, "\(heading): Keras's \(keras) is \(resolved ?? "unknown"), not Neurona's \(neurona)")
            }
            return neurona
        }
    }

    @Test func layersResolveToTheirNeuronaNamesAndCoverEveryKerasClass() throws {
        let neuronaNames = try Self.check("Layers", against: Model.kerasLayerRegistry)
        let kerasNames = Set(try Self.rows(under: "Layers").flatMap { $0[0] })
        // Every class a .keras file may hold (the reader's mappings) has its row.
        for keras in KerasLayerMapping.kerasClassNames {
            #expect(kerasNames.contains(keras), "KerasNames.md has no row for Keras's \(keras)")
        }
        // And every built-in layer type with a Keras counterpart is on the page.
        #expect(Set(neuronaNames).isSuperset(of: KerasLayerMapping.all.keys.filter { $0 != "Graph" }))
    }

    @Test func layerArgumentsInJSONMakeTheirLayers() throws {
        let rows = try Self.rows(under: "Layer arguments")
        #expect(rows.count >= 10)
        for row in rows {
            let json = try #require(row.last?.first, "a row without JSON: \(row)")
            #expect(throws: Never.self, "\(json)") { _ = try Model.kerasLayerRegistry.make(fromJSON: json) }
            // The Keras column names the same layer as the JSON.
            let keras = try #require(row.first?.first)
            let type = try #require(json.components(separatedBy: "\"type\": \"").dropFirst().first?.prefix { $0 != "\"" })
            if !keras.hasPrefix("layer.") { #expect(keras.hasPrefix(type + "("), "\(keras) is not a \(type)") }
        }
    }

    @Test func lossesMetricsAndOptimizersResolve() throws {
        try Self.check("Losses", against: LossRegistry.default)
        try Self.check("Metrics", against: MetricRegistry.default)
        try Self.check("Optimizers", against: OptimizerRegistry.default)
        // Every registered loss and optimizer name, aliases included, is on the page.
        let losses = Set(try Self.rows(under: "Losses").flatMap { $0[0] })
        #expect(losses.isSuperset(of: LossRegistry.default.names))
        let optimizers = Set(try Self.rows(under: "Optimizers").flatMap { $0[0] })
        #expect(optimizers.isSuperset(of: OptimizerRegistry.default.names))
    }

    @Test func callbacksAreTheTrainingModulesTypes() throws {
        let types: [Any.Type] = [Callback.self, EarlyStopping.self, ModelCheckpoint.self, CSVLogger.self, LearningRateScheduler.self,
                                 ReduceLROnPlateau.self, TerminateOnNaN.self, LambdaCallback.self, History.self]
        let names = try Self.rows(under: "Callbacks").compactMap { $0.last?.first }
        // LiveView lives in the NeuronaLab plugin, which this test target does not build.
        expectEqual(Set(names), Set(types.map { String(describing: $0) } + ["LiveView"]))
    }
}
