import NeuronaCore
import Testing
import _NeuronaTestSupport

/// MultiHeadAttention (no mask, causal, key padding, a per-query pattern, causal with padding),
/// TransformerEncoder and PositionalEncoding against PyTorch (float64 to 1e-10, float32 to 1e-5; outputs, input
/// gradients and every projection's, layer norm's and feed-forward layer's gradients).
///
/// References: `F.scaled_dot_product_attention` on Keras-style projections (kernels `[in, out]`,
/// heads split from the columns) and, where heads·key_dim equals the model width, PyTorch's own
/// `nn.MultiheadAttention` and `nn.TransformerEncoderLayer` (post-norm, relu, dropout 0,
/// `layer_norm_eps = 1e-3`, Neurona's default) with `in_proj_weight` rows (q, k, v) = Neurona's
/// kernels transposed. Masks: Neurona's is true where a query may look (as
/// `scaled_dot_product_attention`'s); `nn.MultiheadAttention`'s is the complement. Blocked
/// scores get −1e9 in Neurona and −∞ in PyTorch, the same after the softmax as long as no row is
/// fully blocked (none is here).
struct AttentionOracleTests {
    @Test(arguments: PluginOracles.names("mha_"), [DType.float64, .float32])
    func multiHeadAttention(_ name: String, _ dtype: DType) throws { try PluginOracles.check(name, dtype) }

    @Test(arguments: PluginOracles.names("transformer_encoder_"), [DType.float64, .float32])
    func transformerEncoder(_ name: String, _ dtype: DType) throws { try PluginOracles.check(name, dtype) }

    /// The sinusoidal table added to the input (its gradient passes straight through).
    @Test(arguments: [DType.float64, .float32])
    func positionalEncoding(_ dtype: DType) throws { try PluginOracles.check("positional_encoding", dtype) }

    @Test func fixtureCoversEveryMask() {
        #expect(Set(PluginOracles.names("mha_")) == [
            "mha_no_mask", "mha_causal", "mha_key_padding_mask", "mha_causal_and_padding_mask", "mha_pattern_mask",
            "mha_causal_width_equals_model"])
        expectEqual(PluginOracles.names("transformer_encoder_").count, 2)
    }
}
