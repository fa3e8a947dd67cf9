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
                                  "activation_layers", "functional_branches", "attention", "attention_causal"]

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

    /// How far `model`'s float32 prediction is from Keras's, and how far it may be.
    ///
    /// Both are float32 evaluations of the same function by code that sums in other orders (and
    /// Keras's kernels round a few steps differently: its softmax, its normalizations' variance),
    /// so they differ by rounding alone. Neurona's rounding is measured against the same model in
    /// float64, r: ρ = max|neurona − r|, at least u·max|r| (u = 2⁻²⁴, the last rounding to float32
    /// of any value). Keras's prediction rounds as much, so |neurona − keras| ≲ 2ρ; the bound is
    /// 4ρ, room for Keras's rounding to be twice Neurona's (the rule of Tests/_NeuronaTestSupport's
    /// SavedModelFixture). A weight read into the wrong place, or a wrong gate order, moves the
    /// prediction by orders of magnitude more.
    func comparison(_ model: Model) throws -> (difference: Double, bound: Double, relative: Double) {
        let output = try model.predict(input)
        let precise = try Model.load(keras: Self.url(name))
        precise.network.convertParameters(to: .float64)
        let reference = precise.network(Variable(input.converted(to: .float64))).value
        let u = Double(Float.ulpOfOne) / 2
        let scale = reference.abs().max().doubles[0]
        let rounding = max(maxDifference(output, reference), u * scale)
        let difference = maxDifference(output, expected)
        return (difference, 4 * rounding, difference / max(scale, 1))
    }
}

/// The largest elementwise |a − b| (in float64).
func maxDifference(_ a: Tensor, _ b: Tensor) -> Double {
    zip(a.doubles, b.doubles).map { abs($0 - $1) }.max() ?? 0
}
