import NeuronaCore
import Testing
import _NeuronaTestSupport

/// BatchNormalization and LayerNormalization against PyTorch's F.batch_norm and F.layer_norm
/// (float64 to 1e-10, float32 to 1e-5): outputs, input gradients, γ and β gradients, and batch
/// norm's running statistics after a training step.
///
/// Batch norm: features are the last axis (Keras) and move to PyTorch's axis 1; the batch is
/// normalized by its biased variance in both. The running variance follows Keras, not PyTorch:
/// `running ← m·running + (1 − m)·biased batch variance`, where PyTorch would use momentum
/// `1 − m` and the unbiased variance (the generator checks PyTorch's own update against that
/// formula and that it differs).
struct NormalizationOracleTests {
    @Test(arguments: PluginOracles.names("batchnorm_"), [DType.float64, .float32])
    func batchNormalization(_ name: String, _ dtype: DType) throws { try PluginOracles.check(name, dtype) }

    @Test(arguments: PluginOracles.names("layernorm_"), [DType.float64, .float32])
    func layerNormalization(_ name: String, _ dtype: DType) throws { try PluginOracles.check(name, dtype) }

    /// Training and inference on features, images and sequences, and two layer norms.
    @Test func fixtureCoversBothModesAndShapes() {
        #expect(Set(PluginOracles.names("batchnorm_")) == [
            "batchnorm_features_training", "batchnorm_features_inference", "batchnorm_images_training",
            "batchnorm_images_inference", "batchnorm_sequence_training"])
        expectEqual(PluginOracles.names("layernorm_").count, 2)
    }
}
