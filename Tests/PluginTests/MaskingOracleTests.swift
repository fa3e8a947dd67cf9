import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaRecurrent
import Testing
import _NeuronaTestSupport

/// `Embedding(maskZero: true)` before the recurrent layers, as Keras masks: a padded step leaves
/// the state (and a returned sequence's output) as it was.
///
/// Against PyTorch (Fixtures/masking_oracles.*, written by Tests/Oracles/make_oracles.py in
/// float64): trailing padding before SimpleRNN and LSTM, whose last output must be PyTorch's
/// packed-sequence `h_n` (the state after each sequence's last real step), and padding in the
/// middle before an LSTM returning every step (an `nn.LSTMCell` stepped by hand, holding the
/// state on padded steps). Float64 to 1e-10, float32 to 1e-5; the table's and the cell's gradients too.
struct MaskingOracleTests {
    static let fixture = Result {
        try OracleFixture<LayerOracleCase>(folder: try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)),
                                           name: "masking_oracles")
    }

    static var names: [String] { ((try? fixture.get().cases) ?? []).map(\.name) }

    @Test(arguments: names, [DType.float64, .float32])
    func masked(_ name: String, _ dtype: DType) throws {
        let fixture = try Self.fixture.get()
        let c = try #require(fixture.cases.first { $0.name == name })
        let errors = try runLayerOracle(c, fixture, dtype: dtype, registry: try pluginRegistry())
        let failed = oracleFailures(errors, dtype: dtype)
        #expect(failed.isEmpty, "\(name) in \(dtype) (\(c.convention)): \(failed)")
    }

    @Test func fixtureCoversTrailingAndMiddlePadding() {
        expectEqual(Set(Self.names), ["masked_simplernn_trailing_padding", "masked_lstm_trailing_padding", "masked_lstm_middle_padding_sequences"])
    }

    /// For every cell (GRU included, whose PyTorch form differs from Keras's): a sequence with
    /// padding anywhere gives what the same sequence with the padding removed gives, since a
    /// masked step is skipped. Exact: the same operations on the same numbers.
    @Test(arguments: ["SimpleRNN", "LSTM", "GRU"])
    func aMaskedStepIsSkipped(_ kind: String) throws {
        let registry = try pluginRegistry()
        func model(steps: Int) throws -> any Layer {
            try registry.make(from: """
                {"type": "Sequential", "input_shape": [\(steps)], "layers": [
                  {"type": "Embedding", "input_dim": 6, "output_dim": 3, "mask_zero": true}, {"type": "\(kind)", "units": 4}]}
                """)
        }
        let padded = try model(steps: 6), compact = try model(steps: 3)
        try compact.loadWeights(padded.weights())
        let withPadding = padded(Variable(Tensor([0, 2, 0, 5, 1, 0], shape: [1, 6]))).value
        let without = compact(Variable(Tensor([2, 5, 1], shape: [1, 3]))).value
        expectEqual(withPadding.doubles, without.doubles, "\(kind)")
        // A sequence that is all padding keeps the zero initial state.
        expectEqual(padded(Variable(Tensor.zeros([1, 6]))).value.doubles, [0, 0, 0, 0])
    }

    /// A recurrent layer returning sequences passes the mask on, so a masked mean after it
    /// averages the real steps only.
    @Test func aReturnedSequenceKeepsTheMask() throws {
        let embedding = Embedding(inputDim: 5, outputDim: 3, maskZero: true), lstm = LSTM(units: 2, returnSequences: true)
        let model = try Sequential([embedding, lstm, GlobalAveragePooling1D()], inputShape: [4])
        let ids = Variable(Tensor([1, 3, 0, 0], shape: [1, 4]))
        let steps = lstm(embedding(ids))
        expectEqual(steps.sequenceMask?.doubles, [1, 1, 0, 0])
        let firstTwo = steps.value.slice(axis: 1, start: 0, end: 2).mean(axes: [1])
        // float32, |h| < 1: a sum of two terms and a division each way, a few units of 2⁻²⁴ apart.
        #expect(isClose(model(ids).value, firstTwo, absolute: 4 * 0x1p-24, relative: 0))
    }
}
