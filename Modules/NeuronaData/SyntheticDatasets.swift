import Foundation
import NeuronaCore

/// Seeded 2-D toy data sets (the TensorFlow-playground exercises): features `[n, 2]` float32,
/// int64 classes `[n]`.
public enum SyntheticDatasets {
    /// XOR: points in [-1, 1]², class 1 where x·y < 0; `noise` jitters the points.
    public static func xor(count: Int, noise: Double = 0, seed: UInt64 = 0) -> (features: Tensor, labels: Tensor) {
        var g = RandomGenerator(seed: seed)
        var x: [Double] = [], y: [Int64] = []
        for _ in 0..<count {
            var a = g.nextUnitDouble() * 2 - 1, b = g.nextUnitDouble() * 2 - 1
            // Keep points off the axes so the classes are separable before noise.
            a += a > 0 ? 0.05 : -0.05
            b += b > 0 ? 0.05 : -0.05
            y.append(a * b < 0 ? 1 : 0)
            x += [a + noise * g.nextNormalPair().0, b + noise * g.nextNormalPair().0]
        }
        return (Tensor(x, shape: [count, 2], dtype: .float32), Tensor(y, shape: [count]))
    }

    /// Two concentric circles: class 0 on radius 1, class 1 on radius `factor`.
    public static func circles(count: Int, factor: Double = 0.5, noise: Double = 0, seed: UInt64 = 0) -> (features: Tensor, labels: Tensor) {
        var g = RandomGenerator(seed: seed)
        var x: [Double] = [], y: [Int64] = []
        for i in 0..<count {
            let inner = i % 2 == 1
            let angle = g.nextUnitDouble() * 2 * Double.pi
            let r = inner ? factor : 1
            x += [r * cos(angle) + noise * g.nextNormalPair().0, r * sin(angle) + noise * g.nextNormalPair().0]
            y.append(inner ? 1 : 0)
        }
        return (Tensor(x, shape: [count, 2], dtype: .float32), Tensor(y, shape: [count]))
    }

    /// Two interleaving half circles (scikit-learn's `make_moons`).
    public static func moons(count: Int, noise: Double = 0, seed: UInt64 = 0) -> (features: Tensor, labels: Tensor) {
        var g = RandomGenerator(seed: seed)
        var x: [Double] = [], y: [Int64] = []
        for i in 0..<count {
            let t = g.nextUnitDouble() * Double.pi
            let lower = i % 2 == 1
            let (a, b) = lower ? (1 - cos(t), 0.5 - sin(t)) : (cos(t), sin(t))
            x += [a + noise * g.nextNormalPair().0, b + noise * g.nextNormalPair().0]
            y.append(lower ? 1 : 0)
        }
        return (Tensor(x, shape: [count, 2], dtype: .float32), Tensor(y, shape: [count]))
    }

    /// `classes` interleaved spiral arms.
    public static func spirals(count: Int, classes: Int = 2, noise: Double = 0, seed: UInt64 = 0) -> (features: Tensor, labels: Tensor) {
        var g = RandomGenerator(seed: seed)
        var x: [Double] = [], y: [Int64] = []
        for i in 0..<count {
            let c = i % classes
            let r = g.nextUnitDouble()
            let angle = 2 * Double.pi * Double(c) / Double(classes) + r * 3 * Double.pi
            x += [r * cos(angle) + noise * g.nextNormalPair().0, r * sin(angle) + noise * g.nextNormalPair().0]
            y.append(Int64(c))
        }
        return (Tensor(x, shape: [count, 2], dtype: .float32), Tensor(y, shape: [count]))
    }

    /// Gaussian blobs around `centers` with standard deviation `spread`.
    public static func blobs(count: Int, centers: [[Double]] = [[-1, -1], [1, 1]], spread: Double = 0.3,
                             seed: UInt64 = 0) -> (features: Tensor, labels: Tensor) {
        var g = RandomGenerator(seed: seed)
        var x: [Double] = [], y: [Int64] = []
        for i in 0..<count {
            let c = i % centers.count
            for center in centers[c] { x.append(center + spread * g.nextNormalPair().0) }
            y.append(Int64(c))
        }
        return (Tensor(x, shape: [count, centers[0].count], dtype: .float32), Tensor(y, shape: [count]))
    }
}
