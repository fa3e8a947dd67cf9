import Foundation
import NeuronaCore

/// `Fixtures/keras_training.json`, written by `Fixtures/make_keras_training_fixtures.py`: Keras
/// 3.15.1's numbers (jax backend, float64) for weighted training and a two-input two-output model.
struct KerasTrainingFixture {
    let json: [String: Any]

    static let shared: KerasTrainingFixture = {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("keras_training.json")
        let object = try! JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return KerasTrainingFixture(json: object as! [String: Any])
    }()

    private var data: [String: Any] { json["data"] as! [String: Any] }

    /// A data array of the fixture (`x`, `x_val`, ...), as float32 of its shape.
    func features(_ name: String) -> Tensor {
        let rows = data[name] as! [[Double]]
        return Tensor(rows.flatMap { $0 }, shape: [rows.count, rows[0].count], dtype: .float32)
    }

    /// Class labels of the fixture (`y`, `y_val`), as int64.
    func labels(_ name: String) -> Tensor {
        let values = data[name] as! [Int]
        return Tensor(values.map(Int64.init), shape: [values.count])
    }

    /// One weight per example (`sample_weight`, `val_weight`), as float32.
    func weights(_ name: String) -> Tensor {
        let values = data[name] as! [Double]
        return Tensor(values, shape: [values.count], dtype: .float32)
    }

    /// A case's dictionary (`sample_weight`, `multi_output`, ...).
    func `case`(_ name: String) -> [String: Any] { (json["cases"] as! [String: Any])[name] as! [String: Any] }

    /// A case's history: Keras's `history.history`.
    func history(_ name: String) -> [String: [Double]] { self.case(name)["history"] as! [String: [Double]] }

    /// A case's `evaluate(..., return_dict=True)` (or another dictionary of numbers: `key`).
    func scores(_ name: String, _ key: String = "evaluate") -> [String: Double] { self.case(name)[key] as! [String: Double] }

    /// A case's initial weights, as a network's `loadWeights` takes them: Keras layer `name`'s
    /// kernel and bias under `prefix + "weight"` and `prefix + "bias"`.
    func initialWeights(_ name: String, layers: [(keras: String, prefix: String)]) -> [String: Tensor] {
        let weights = self.case(name)["weights"] as! [String: [String: Any]]
        var result: [String: Tensor] = [:]
        for layer in layers {
            let kernel = weights[layer.keras]!["kernel"] as! [[Double]], bias = weights[layer.keras]!["bias"] as! [Double]
            result[layer.prefix + "weight"] = Tensor(kernel.flatMap { $0 }, shape: [kernel.count, kernel[0].count], dtype: .float32)
            result[layer.prefix + "bias"] = Tensor(bias, shape: [bias.count], dtype: .float32)
        }
        return result
    }
}

/// The tolerance of a float32 run against Keras's float64 one, for a value near `reference`.
///
/// Each compared value comes after at most 6 SGD steps of a network of widths ≤ 5: a step's
/// forward and backward pass round each number at most ~30 times (dot products of ≤ 5 terms,
/// a 3-way softmax, a log, the update), and at learning rate 0.1 the weights carry earlier steps'
/// errors without amplifying them more than a few times; an epoch's mean adds ≤ 10 terms. That
/// bounds the relative error by about 6 · 30 · 2⁻²⁴ · (a few) ≲ 170 · 2⁻²⁴ ≈ 1e-5. A divisor
/// of the sum of the weights, a missing weight or a wrong loss weight moves the values by 1e-2 or more.
func float32Tolerance(_ reference: Double) -> Double { 170 * 0x1p-24 * max(1, abs(reference)) }
