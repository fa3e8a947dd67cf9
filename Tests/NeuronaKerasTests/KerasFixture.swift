import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaKeras
import NeuronaTraining

/// A fixture of `Fixtures/make_keras_fixtures.py`: `<name>.keras`, saved by Keras 3.15.1, and
/// `<name>.safetensors` with an input batch and Keras's prediction for it.
struct KerasFixture {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    /// The fixtures with a prediction (every `.keras` but the failing ones and the Fashion-MNIST model).
    static let predictionNames = ["dense_dropout", "conv_pooling", "conv_strided", "batch_norm", "layer_norm_reshape",
                                  "simple_rnn", "lstm", "gru_reset_after", "gru_reset_before", "activations",
                                  "activation_layers", "functional_branches", "attention", "attention_causal",
                                  "embedding_conv1d", "conv_transpose_separable"]

    static func url(_ name: String) -> URL { folder.appendingPathComponent("\(name).keras") }

    let name: String
    let input: Tensor
    let expected: Tensor

    init(_ name: String) throws {
        self.name = name
        let tensors = try Safetensors.read(from: Self.folder.appendingPathComponent("\(name).safetensors"))
        input = tensors["input"]!
        expected = tensors["expected"]!
    }

    /// How far Keras's float32 prediction is from the model's float64 one, how far it may be, and
    /// how far Neurona's float32 prediction is from Keras's, relative to the outputs' scale.
    ///
    /// Keras's prediction is a float32 evaluation of the model, so it differs from the model's
    /// float64 prediction r (the loaded model converted to float64) by rounding alone. Neurona's
    /// float32 rounding measured against r is ρ = max|neurona − r|, at least u·max|r| (u = 2⁻²⁴,
    /// the last rounding to float32 of any value); Keras sums in other orders with other kernels
    /// (its softmax, its normalizations' variance), so its rounding may be a few times Neurona's:
    /// the bound is |keras − r| ≤ 4ρ (the rule of Tests/_NeuronaTestSupport's SavedModelFixture).
    /// A weight read into the wrong place, or a wrong gate order, is off by orders of magnitude
    /// more. Measured (AVX2 EPYC): |keras − r| between 0.2ρ and 1.9ρ over the fixtures.
    func comparison(_ model: Model) throws -> (difference: Double, bound: Double, relative: Double) {
        let output = try model.predict(input)
        let precise = try Model.load(keras: Self.url(name))
        precise.network.convertParameters(to: .float64)
        let reference = precise.network(Variable(input.converted(to: .float64))).value
        let u = Double(Float.ulpOfOne) / 2
        let scale = reference.abs().max().doubles[0]
        let rounding = max(maxDifference(output, reference), u * scale)
        return (maxDifference(expected, reference), 4 * rounding, maxDifference(output, expected) / max(scale, 1))
    }
}

/// The largest elementwise |a − b| (in float64).
func maxDifference(_ a: Tensor, _ b: Tensor) -> Double {
    zip(a.doubles, b.doubles).map { abs($0 - $1) }.max() ?? 0
}
