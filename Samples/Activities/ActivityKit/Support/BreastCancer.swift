import NeuronaCore
import NeuronaData

/// The `logistic-regression` sample's data: Breast Cancer Wisconsin (bundled), a stratified
/// 75/25 split with seed 42, standardized by the training part, in float64; targets `[m, 1]`.
struct BreastCancer {
    let trainInputs: Tensor, trainTargets: Tensor, testInputs: Tensor, testTargets: Tensor

    init() throws {
        let table = try BundledDatasets.breastCancer(dtype: .float64)
        var split = try trainTestSplit(table.features, table.targets, testFraction: 0.25, stratify: true, seed: 42)
        var scaler = StandardScaler()
        split.trainInputs = scaler.fitTransform(split.trainInputs)
        split.testInputs = scaler.transform(split.testInputs)
        trainInputs = split.trainInputs.converted(to: .float64)
        testInputs = split.testInputs.converted(to: .float64)
        trainTargets = split.trainTargets.converted(to: .float64).reshaped([-1, 1])
        testTargets = split.testTargets.converted(to: .float64).reshaped([-1, 1])
    }

    /// The share of `probabilities ≥ 0.5` that match the 0/1 targets.
    static func accuracy(_ probabilities: Tensor, _ targets: Tensor) -> Double {
        let right = zip(probabilities.doubles, targets.doubles).filter { ($0 >= 0.5 ? 1.0 : 0.0) == $1 }.count
        return Double(right) / Double(Swift.max(1, targets.count))
    }
}
