import Foundation
import NeuronaAttention
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

// The plugins' PyTorch oracles (Fixtures/plugin_oracles.*, written by Tests/Oracles/make_oracles.py
// with PyTorch in float64) and the runner the Normalization, Recurrent and Attention oracle tests
// share. The runner mirrors `runLayerOracle` in NeuronaLayersTests/LayerOracleTests.swift (test
// targets cannot import each other), plus the masked call of MultiHeadAttention.

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
        let failed = errors.filter { !($0.value <= oracleTolerance(dtype)) }.sorted { $0.value > $1.value }.map { "\($0.key): \($0.value)" }
        #expect(failed.isEmpty, "\(name) in \(dtype) (\(c.convention)): \(failed)")
    }

    /// Runs one case through Neurona in `dtype`: makes the layer from its JSON config, loads
    /// PyTorch's weights and buffers by Neurona's names (strictly: a wrong or missing name fails),
    /// runs the forward pass (MultiHeadAttention's `attend` when the case has a mask) and the
    /// backward pass of `L = sum(y * G)`, and returns the error (``oracleError(_:_:)``) of the
    /// output, the input gradient, each parameter gradient and each buffer after the step.
    static func run(_ c: LayerOracleCase, _ fixture: OracleFixture<LayerOracleCase>, dtype: DType) throws -> [String: Double] {
        let layer = try pluginRegistry().make(from: c.layerJSON)
        try layer.build(inputShape: c.inputShape, seed: 0)
        layer.convertParameters(to: dtype)
        var weights: [String: Tensor] = [:]
        for (name, key) in c.parameters.merging(c.buffers, uniquingKeysWith: { a, _ in a }) { weights[name] = try fixture.tensor(key) }
        try layer.loadWeights(weights)
        layer.isTraining = c.training

        let x = Variable(try fixture.tensor(c.input, dtype), requiresGrad: true)
        let y: Variable
        if let maskKey = c.mask {
            let attention = try #require(layer as? MultiHeadAttention)
            y = attention.attend(x, mask: try fixture.tensor(maskKey).converted(to: .bool))
        } else {
            y = layer(x)
        }
        var errors = ["output": oracleError(y.value, try fixture.tensor(c.output))]
        try y.backward(seed: try fixture.tensor(c.upstream, dtype))
        errors["input gradient"] = try x.grad.map { oracleError($0, try fixture.tensor(c.inputGradient)) } ?? .infinity

        let parameters = Dictionary(uniqueKeysWithValues: layer.namedParameters().map { ($0.name, $0.variable) })
        for (name, key) in c.parameterGradients {
            errors["gradient of \(name)"] = try parameters[name]?.grad.map { oracleError($0, try fixture.tensor(key)) } ?? .infinity
        }
        for name in parameters.keys where c.parameterGradients[name] == nil { errors["gradient of \(name) (no reference)"] = .infinity }
        let buffers = Dictionary(uniqueKeysWithValues: layer.namedBuffers().map { ($0.name, $0.variable) })
        for (name, key) in c.buffersAfter {
            errors["\(name) after the step"] = try buffers[name].map { oracleError($0.value, try fixture.tensor(key)) } ?? .infinity
        }
        return errors
    }
}
