import NeuronaCore
import Testing

/// SimpleRNN, LSTM and GRU against PyTorch, returning the last step and every step (float64 to
/// 1e-10, float32 to 1e-5; outputs, input gradients and the gradients of `weight`,
/// `recurrent_weight` and `bias`).
///
/// Layouts: PyTorch stacks the gates along the rows of `weight_ih_l0` `[k·U, F]` and
/// `weight_hh_l0` `[k·U, U]` with two biases; Neurona packs them along the columns of `weight`
/// `[F, k·U]` and `recurrent_weight` `[U, k·U]` with one bias. LSTM's gate order is the same in
/// both (i, f, g, o), so `weight = weight_ih_l0ᵀ`, `recurrent_weight = weight_hh_l0ᵀ`,
/// `bias = bias_ih_l0 + bias_hh_l0`, and the reference is PyTorch's `nn.LSTM` (likewise
/// `nn.RNN` for SimpleRNN).
///
/// GRU: Neurona follows Keras's `reset_after=False`, gates (z, r, h̃) and one bias:
/// `h̃ = tanh(x·W_h + b_h + (r ⊙ h)·U_h)`. PyTorch's `nn.GRU` is the reset-after form with gates
/// (r, z, n), `n = tanh(W_in·x + b_in + r ⊙ (W_hn·h + b_hn))`, which no mapping of weights turns
/// into the other; so the GRU reference is Keras's equations written in PyTorch ops (gradients
/// by PyTorch's autograd), and the generator first checks its reading of `nn.GRU`'s layout against
/// `nn.GRU` itself.
struct RecurrentOracleTests {
    @Test(arguments: PluginOracles.names("simplernn_", "lstm_", "gru_"), [DType.float64, .float32])
    func recurrent(_ name: String, _ dtype: DType) throws { try PluginOracles.check(name, dtype) }

    @Test func fixtureCoversEveryCellBothWays() {
        #expect(Set(PluginOracles.names("simplernn_", "lstm_", "gru_")) == [
            "simplernn_last", "simplernn_sequences", "lstm_last", "lstm_sequences", "gru_last", "gru_sequences"])
    }
}
