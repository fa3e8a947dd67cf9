import Foundation
import NeuronaAttention
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

// The plugins' PyTorch oracles (Fixtures/plugin_oracles.*, written by Tests/Oracles/make_oracles.py
// with PyTorch in float64) and the runner the Normalization, Recurrent and Attention oracle tests
// share: `runLayerOracle` from _NeuronaTestSupport, plus the masked call of MultiHeadAttention.

enum PluginOracles {
    static let fixture = Result {
        try OracleFixture<LayerOracleCase>(folder: try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)),
                                           name: "plugin_oracles")
    }

    /// The names of the cases whose name starts with one of `prefixes`.
    static func names(_ prefixes: String...) -> [String] {
        ((try? fixture.get().cases) ?? []).map(\.name).filter { name in prefixes.contains { name.hasPrefix($0) } }
    }

    /// Runs case `name` in `dtype` and expects every comparison within the dtype's tolerance.
    static func check(_ name: String, _ dtype: DType) throws {
        let fixture = try fixture.get()
        let c = try #require(fixture.cases.first { $0.name == name })
        let errors = try run(c, fixture, dtype: dtype)
        let failed = oracleFailures(errors, dtype: dtype)
        #expect(failed.isEmpty, "\(name) in \(dtype) (\(c.convention)): \(failed)")
    }

    /// Runs one case through Neurona in `dtype` (``runLayerOracle``, with MultiHeadAttention's
    /// masked `attend` when the case has a mask).
    static func run(_ c: LayerOracleCase, _ fixture: OracleFixture<LayerOracleCase>, dtype: DType) throws -> [String: Double] {
        try runLayerOracle(c, fixture, dtype: dtype, registry: pluginRegistry()) { layer, x, mask in
            guard let mask else { return layer(x) }
            return try #require(layer as? MultiHeadAttention).attend(x, mask: mask)
        }
    }
}
