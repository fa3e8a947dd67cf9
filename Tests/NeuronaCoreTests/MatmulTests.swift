import NeuronaCore
import Testing
import _NeuronaTestSupport

struct MatmulTests {
    @Test(arguments: [(1, 1, 1), (3, 4, 5), (32, 784, 128), (17, 33, 9), (64, 64, 64), (1, 300, 2)])
    func matchesANaiveLoop(m: Int, k: Int, n: Int) {
        var g = RandomGenerator(seed: UInt64(m * 1000 + k * 10 + n))
        for dtype in [DType.float32, .float64] {
            let a = Tensor.uniform([m, k], low: -1, high: 1, dtype: dtype, using: &g)
            let b = Tensor.uniform([k, n], low: -1, high: 1, dtype: dtype, using: &g)
            let c = a.matmul(b)
            #expect(c.dtype == dtype && c.shape == [m, n])
            let tolerance = dtype == .float32 ? 1e-5 * Double(k) : 1e-12 * Double(k)
            #expect(maxAbsoluteDifference(c.converted(to: .float64), naiveMatmul(a, b)) < tolerance)
        }
    }

    @Test func transposedOperandsAreReadWithoutCopies() {
        var g = RandomGenerator(seed: 5)
        let a = Tensor.uniform([6, 4], dtype: .float64, using: &g)
        let b = Tensor.uniform([5, 6], dtype: .float64, using: &g)
        let c = Tensor.matmul(a, b, transposeA: true, transposeB: true)
        #expect(isClose(c, naiveMatmul(a.T, b.T), absolute: 1e-12))
        let d = Tensor.matmul(a, a, transposeA: true)
        #expect(isClose(d, naiveMatmul(a.T, a), absolute: 1e-12))
        // Batched, transposed.
        let x = Tensor.uniform([3, 4, 2], dtype: .float64, using: &g)
        let y = Tensor.uniform([3, 4, 5], dtype: .float64, using: &g)
        let z = Tensor.matmul(x, y, transposeA: true)
        for i in 0..<3 {
            #expect(isClose(z[i], naiveMatmul(x[i].T, y[i]), absolute: 1e-12))
        }
    }

    @Test func batchedMatmulBroadcastsLeadingDimensions() {
        var g = RandomGenerator(seed: 6)
        let a = Tensor.uniform([2, 1, 3, 4], dtype: .float64, using: &g)
        let b = Tensor.uniform([5, 4, 2], dtype: .float64, using: &g)
        let c = a.matmul(b)
        expectEqual(c.shape, [2, 5, 3, 2])
        for i in 0..<2 {
            for j in 0..<5 {
                #expect(isClose(c[i, j], naiveMatmul(a[i, 0], b[j]), absolute: 1e-12))
            }
        }
    }

    @Test func vectorCases() {
        let v = Tensor([1, 2, 3], dtype: .float64)
        let m = Tensor([[1, 0], [0, 1], [1, 1]], dtype: .float64)
        #expect(v.matmul(v).shape == [] && v.matmul(v).item == 14)
        expectEqual(v.matmul(m).doubles, [4, 5])
        expectEqual(m.T.matmul(v).doubles, [4, 5])
        expectEqual(v.outer(Tensor([1, 2], dtype: .float64)).doubles, [1, 2, 2, 4, 3, 6])
    }

    @Test func threadCountFollowsProblemSize() {
        let saved = BLAS.parallelThreshold
        defer { BLAS.parallelThreshold = saved }
        BLAS.parallelThreshold = 0
        var g = RandomGenerator(seed: 1)
        let a = Tensor.uniform([40, 30], dtype: .float64, using: &g)
        let b = Tensor.uniform([30, 20], dtype: .float64, using: &g)
        let parallel = a.matmul(b)
        BLAS.parallelThreshold = Int.max
        let serial = a.matmul(b)
        #expect(isClose(parallel, serial, absolute: 1e-12))
        #expect(!BLAS.coreName.isEmpty)
    }
}
