import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// One fixture of PyTorch oracle cases in this target's Fixtures folder (`layer_oracles`,
/// `sequence_layer_oracles`) and how a case of it is checked: through the default registry,
/// every comparison within the dtype's tolerance.
struct CoreLayerOracles: Sendable {
    /// The manifest and its tensors, or why they could not be read.
    let fixture: Result<OracleFixture<LayerOracleCase>, any Error>

    /// - Parameter name: The fixture's file name without extension.
    init(_ name: String) {
        fixture = Result {
            try OracleFixture<LayerOracleCase>(folder: try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)), name: name)
        }
    }

    /// The names of the cases whose name starts with one of `prefixes`.
    func names(_ prefixes: [String]) -> [String] {
        ((try? fixture.get().cases) ?? []).map(\.name).filter { name in prefixes.contains { name.hasPrefix($0) } }
    }

    /// Runs case `name` in `dtype` and expects every comparison within the dtype's tolerance.
    func check(_ name: String, _ dtype: DType) throws {
        let fixture = try fixture.get()
        let c = try #require(fixture.cases.first { $0.name == name })
        let errors = try runLayerOracle(c, fixture, dtype: dtype, registry: .default)
        #expect(oracleFailures(errors, dtype: dtype).isEmpty, "\(name) in \(dtype) (\(c.convention)): \(oracleFailures(errors, dtype: dtype))")
    }
}
