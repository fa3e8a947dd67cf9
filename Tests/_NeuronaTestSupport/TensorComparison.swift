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

/// The unit roundoff u of a floating-point dtype: half the distance from 1 to the next number,
/// 2⁻²⁴ for float32 and 2⁻⁵³ for float64.
public func unitRoundoff(_ dtype: DType) -> Double {
    dtype == .float32 ? Double(Float.ulpOfOne) / 2 : Double.ulpOfOne / 2
}

/// Whether `a` and `b` differ no more than two evaluations of the same sums (dot products) of
/// `terms` terms in different orders can: each lies within γₙ·Σ|terms| of the exact sum, with
/// γₙ = n·u / (1 − n·u) (Higham, *Accuracy and Stability of Numerical Algorithms*, §3.1, for any
/// order of summation), so they differ by at most 2·γₙ·Σ|terms|, element by element.
/// `magnitudes` holds Σ|terms| for each element (for a product, |A|·|B| plus any |bias|).
/// Used where two code paths (BLAS kernels that block the sum differently, a bias added first or
/// last) compute the same sums: a real fault (a term lost or counted twice) is a whole term off.
public func agreeAsReorderedSums(_ a: Tensor, _ b: Tensor, magnitudes: Tensor, terms: Int, dtype: DType) -> Bool {
    guard a.shape == b.shape, a.shape == magnitudes.shape else { return false }
    let nu = Double(terms) * unitRoundoff(dtype)
    let gamma = nu / (1 - nu)
    let bounds = magnitudes.doubles
    for (i, (x, y)) in zip(a.doubles, b.doubles).enumerated() where x != y {
        if abs(x - y) > 2 * gamma * bounds[i] { return false }
    }
    return true
}
