import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// Neurona's core layers against PyTorch (Fixtures/layer_oracles.*, written by
/// Tests/Oracles/make_oracles.py with PyTorch in float64): Dense, Conv2D with every padding,
/// stride and dilation, MaxPool2D, AvgPool2D, the global poolings, and every activation. Outputs,
/// input gradients and parameter gradients agree to 1e-10 in float64 and 1e-5 in float32 (the
/// float32 run is compared with the same float64 references). Each case's manifest entry says
/// how PyTorch's layout was mapped to Neurona's (NCHW ↔ NHWC, [out, in] ↔ [in, out] kernels,
/// TensorFlow's "same" padding applied explicitly).
struct LayerOracleTests {
    static let oracles = CoreLayerOracles("layer_oracles")

    static func names(_ prefixes: String...) -> [String] { oracles.names(prefixes) }

    func check(_ name: String, _ dtype: DType) throws { try Self.oracles.check(name, dtype) }

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
        let fixture = try Self.oracles.fixture.get()
        let types = Set(fixture.cases.compactMap { c -> String? in
            if case .object(let o) = c.layer, case .string(let t)? = o["type"] { return t } else { return nil }
        })
        #expect(types == ["Dense", "Conv2D", "MaxPool2D", "AvgPool2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D",
                          "GlobalAveragePooling1D", "Activation"])
        for name in ActivationFunction.names { #expect(fixture.cases.contains { $0.name == "activation_\(name)" }, "\(name)") }
        // valid and same × strides 1, 2, (2, 1) × dilation 1, 2, (1, 2).
        expectEqual(Self.names("conv2d_valid_", "conv2d_same_").count, 18)
        #expect(Self.names("maxpool2d_").count == 12 && Self.names("avgpool2d_").count == 12)
        #expect(fixture.versions["torch"] != nil)
    }
}
