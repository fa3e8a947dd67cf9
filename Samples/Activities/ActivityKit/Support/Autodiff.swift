import NeuronaAutograd
import NeuronaCore

/// The checkers' expected gradients come from Neurona's autograd, not from a second hand-written
/// formula: the cost is written once as the lecture writes it, and `backward()` differentiates it.
enum Autodiff {
    /// The value of `function` at `points` and its gradient with respect to each point.
    /// - Parameters:
    ///   - points: Where to evaluate (float64 tensors).
    ///   - function: A scalar function of them, built from `Variable` operations.
    static func gradients(at points: [Tensor], of function: ([Variable]) -> Variable) throws -> (value: Double, gradients: [Tensor]) {
        let variables = points.map { Variable($0, requiresGrad: true) }
        let value = function(variables)
        try value.backward()
        return (value.value.item, variables.map { $0.grad ?? Tensor.zeros($0.shape, dtype: .float64) })
    }
}

extension Tensor {
    /// A float64 tensor from rows: the checkers' small cases.
    static func rows(_ rows: [[Double]]) -> Tensor {
        Tensor(rows.flatMap { $0 }, shape: [rows.count, rows.first?.count ?? 0], dtype: .float64)
    }

    /// A float64 column `[n, 1]`.
    static func column(_ values: [Double]) -> Tensor {
        Tensor(values, shape: [values.count, 1], dtype: .float64)
    }
}

/// "for this 4-example batch" / "en este lote de 4 ejemplos".
func batchContext(_ m: Int) -> LocalizedText {
    LocalizedText(en: "for this \(m)-example batch", es: "en este lote de \(m) ejemplos")
}
