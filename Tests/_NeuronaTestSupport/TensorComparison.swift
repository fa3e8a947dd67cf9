import NeuronaCore

// Helpers shared by Neurona's test targets. Not public API.

/// The largest absolute difference between two tensors of the same shape, compared as doubles;
/// infinity when the shapes differ. NaNs in the same places count as equal.
public func maxAbsoluteDifference(_ a: Tensor, _ b: Tensor) -> Double {
    guard a.shape == b.shape else { return .infinity }
    var worst = 0.0
    for (x, y) in zip(a.doubles, b.doubles) {
        if x.isNaN && y.isNaN { continue }
        if x == y { continue }  // equal infinities
        worst = max(worst, abs(x - y))
    }
    return worst
}

/// Whether `a` and `b` have the same shape and every pair of elements agrees within
/// `absolute + relative·|b|`.
public func isClose(_ a: Tensor, _ b: Tensor, absolute: Double = 1e-12, relative: Double = 1e-12) -> Bool {
    guard a.shape == b.shape else { return false }
    for (x, y) in zip(a.doubles, b.doubles) {
        if x.isNaN || y.isNaN { if x.isNaN != y.isNaN { return false } else { continue } }
        if x == y { continue }
        if abs(x - y) > absolute + relative * abs(y) { return false }
    }
    return true
}

/// A naive triple-loop matrix product of two 2-D tensors, in float64.
public func naiveMatmul(_ a: Tensor, _ b: Tensor) -> Tensor {
    let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
    let x = a.doubles, y = b.doubles
    var c = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var s = 0.0
            for p in 0..<k { s += x[i * k + p] * y[p * n + j] }
            c[i * n + j] = s
        }
    }
    return Tensor(c, shape: [m, n])
}
