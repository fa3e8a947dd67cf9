import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// Runs one PyTorch oracle case through Neurona in `dtype`: makes the layer from its JSON config,
/// loads PyTorch's weights by Neurona's names (strictly: a wrong or missing name fails), runs the
/// forward pass and the backward pass of `L = sum(y * G)`, and returns the error
/// (``oracleError(_:_:)``) of the output, the input gradient, each parameter gradient and each
/// buffer after the step, by what was compared.
///
/// `call` replaces `layer(x)` (MultiHeadAttention's masked `attend`).
func runLayerOracle(_ c: LayerOracleCase, _ fixture: OracleFixture<LayerOracleCase>, dtype: DType, registry: LayerRegistry,
                    call: ((any Layer, Variable, Tensor?) -> Variable)? = nil) throws -> [String: Double] {
    let layer = try registry.make(from: c.layerJSON)
    try layer.build(inputShape: c.inputShape, seed: 0)
    layer.convertParameters(to: dtype)
    var weights: [String: Tensor] = [:]
    for (name, key) in c.parameters.merging(c.buffers, uniquingKeysWith: { a, _ in a }) { weights[name] = try fixture.tensor(key) }
    try layer.loadWeights(weights)
    layer.isTraining = c.training

    let x = Variable(try fixture.tensor(c.input, dtype), requiresGrad: true)
    let mask = try c.mask.map { try fixture.tensor($0).converted(to: .bool) }
    let y = call?(layer, x, mask) ?? layer(x)
    var errors = ["output": oracleError(y.value, try fixture.tensor(c.output))]
    try y.backward(seed: try fixture.tensor(c.upstream, dtype))
    errors["input gradient"] = try x.grad.map { oracleError($0, try fixture.tensor(c.inputGradient)) } ?? .infinity

    let parameters = Dictionary(uniqueKeysWithValues: layer.namedParameters().map { ($0.name, $0.variable) })
    for (name, key) in c.parameterGradients {
        errors["gradient of \(name)"] = try parameters[name]?.grad.map { oracleError($0, try fixture.tensor(key)) } ?? .infinity
    }
    // Every trainable parameter must have a reference gradient.
    for name in parameters.keys where c.parameterGradients[name] == nil { errors["gradient of \(name) (no reference)"] = .infinity }
    let buffers = Dictionary(uniqueKeysWithValues: layer.namedBuffers().map { ($0.name, $0.variable) })
    for (name, key) in c.buffersAfter {
        errors["\(name) after the step"] = try buffers[name].map { oracleError($0.value, try fixture.tensor(key)) } ?? .infinity
    }
    return errors
}

/// The comparisons of `errors` above the dtype's tolerance, worst first (empty when all pass).
func failures(_ errors: [String: Double], dtype: DType) -> [String] {
    errors.filter { !($0.value <= oracleTolerance(dtype)) }.sorted { $0.value > $1.value }.map { "\($0.key): \($0.value)" }
}

/// Neurona's core layers against PyTorch (Fixtures/layer_oracles.*, written by
/// Tests/Oracles/make_oracles.py with PyTorch in float64): Dense, Conv2D with every padding,
/// stride and dilation, MaxPool2D, AvgPool2D, the global poolings, and every activation. Outputs,
/// input gradients and parameter gradients agree to 1e-10 in float64 and 1e-5 in float32 (the
/// float32 run is compared with the same float64 references). Each case's manifest entry says
/// how PyTorch's layout was mapped to Neurona's (NCHW ↔ NHWC, [out, in] ↔ [in, out] kernels,
/// TensorFlow's "same" padding applied explicitly).
struct LayerOracleTests {
    static let fixture = Result {
        try OracleFixture<LayerOracleCase>(folder: try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)),
                                           name: "layer_oracles")
    }

    static func names(_ prefixes: String...) -> [String] {
        ((try? fixture.get().cases) ?? []).map(\.name).filter { name in prefixes.contains { name.hasPrefix($0) } }
    }

    func check(_ name: String, _ dtype: DType) throws {
        let fixture = try Self.fixture.get()
        let c = try #require(fixture.cases.first { $0.name == name })
        let errors = try runLayerOracle(c, fixture, dtype: dtype, registry: .default)
        #expect(failures(errors, dtype: dtype).isEmpty, "\(name) in \(dtype) (\(c.convention)): \(failures(errors, dtype: dtype))")
    }

    @Test(arguments: names("dense_"), [DType.float64, .float32])
    func dense(_ name: String, _ dtype: DType) throws { try check(name, dtype) }

    @Test(arguments: names("conv2d_"), [DType.float64, .float32])
    func conv2D(_ name: String, _ dtype: DType) throws { try check(name, dtype) }

    @Test(arguments: names("maxpool2d_", "avgpool2d_", "global_"), [DType.float64, .float32])
    func pooling(_ name: String, _ dtype: DType) throws { try check(name, dtype) }

    @Test(arguments: names("activation_"), [DType.float64, .float32])
    func activation(_ name: String, _ dtype: DType) throws { try check(name, dtype) }

    /// The fixture loads and covers what the tests above claim (a missing file would otherwise
    /// leave them with no arguments and nothing run).
    @Test func fixtureCoversEveryLayerAndActivation() throws {
        let fixture = try Self.fixture.get()
        let types = Set(fixture.cases.compactMap { c -> String? in
            if case .object(let o) = c.layer, case .string(let t)? = o["type"] { return t } else { return nil }
        })
        #expect(types == ["Dense", "Conv2D", "MaxPool2D", "AvgPool2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D",
                          "GlobalAveragePooling1D", "Activation"])
        for name in ActivationFunction.names { #expect(fixture.cases.contains { $0.name == "activation_\(name)" }, "\(name)") }
        // valid and same × strides 1, 2, (2, 1) × dilation 1, 2, (1, 2).
        #expect(Self.names("conv2d_valid_", "conv2d_same_").count == 18)
        #expect(Self.names("maxpool2d_").count == 12 && Self.names("avgpool2d_").count == 12)
        #expect(fixture.versions["torch"] != nil)
    }
}
