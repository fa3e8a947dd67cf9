import NeuronaCore
import Testing

/// ResidualBlock against PyTorch (float64 to 1e-10, float32 to 1e-5): an identity shortcut over
/// two Dense layers, a Dense projection shortcut (`shortcut.weight`, no bias), and an image block
/// Conv2D(3×3, stride 2, same) → BatchNormalization in training → relu with a 1×1 stride-2
/// convolution on the shortcut (its running statistics after the step included, as Keras
/// updates them: biased batch variance).
struct ResidualOracleTests {
    @Test(arguments: PluginOracles.names("residual_"), [DType.float64, .float32])
    func residualBlock(_ name: String, _ dtype: DType) throws { try PluginOracles.check(name, dtype) }

    @Test func fixtureCoversBothShortcuts() {
        #expect(Set(PluginOracles.names("residual_")) == [
            "residual_dense_identity", "residual_dense_projection", "residual_conv_batchnorm_projection"])
    }
}
