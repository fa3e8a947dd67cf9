@testable import NeuronaCore
import Testing
import _NeuronaTestSupport

/// The float32 products with one tiny dimension that skip OpenBLAS (SmallGEMM), checked against
/// a float64 loop over shapes around their block sizes: 4 rows, 16 (AVX-512) and 8 (AVX2)
/// columns with masked tails, and 2,048-row blocks for the transposed product.
struct SmallGEMMTests {
    @Test(arguments: [(1, 1, 1), (4, 9, 32), (7, 3, 5), (130, 16, 17), (43, 9, 33), (5, 2, 8), (9, 12, 48)])
    func productMatchesANaiveLoop(m: Int, k: Int, n: Int) {
        var g = RandomGenerator(seed: UInt64(m * 1000 + k * 10 + n))
        let a = Tensor.uniform([m, k], low: -1, high: 1, using: &g)
        let b = Tensor.uniform([k, n], low: -1, high: 1, using: &g)
        #expect(SmallGEMM.handlesProduct(k: k) == (SmallGEMM.level >= 2))
        let c = a.matmul(b)
        #expect(c.shape == [m, n])
        #expect(maxAbsoluteDifference(c.converted(to: .float64), naiveMatmul(a, b)) < 1e-5 * Double(k))
    }

    @Test func affineStartsFromTheBias() {
        var g = RandomGenerator(seed: 3)
        let x = Tensor.uniform([37, 9], low: -1, high: 1, using: &g)
        let w = Tensor.uniform([9, 21], low: -1, high: 1, using: &g)
        let bias = Tensor.uniform([21], low: -1, high: 1, using: &g)
        let expected = naiveMatmul(x, w) + bias.converted(to: .float64)
        #expect(maxAbsoluteDifference(Tensor.affine(x, w, bias).converted(to: .float64), expected) < 1e-5)
    }

    @Test func accumulatingProductAddsOntoC() {
        var g = RandomGenerator(seed: 4)
        let a = Tensor.uniform([6, 5], low: -1, high: 1, using: &g)
        let b = Tensor.uniform([5, 19], low: -1, high: 1, using: &g)
        let c = Tensor.uniform([6, 19], low: -1, high: 1, using: &g)
        let expected = naiveMatmul(a, b) + c.converted(to: .float64)
        let out = c.copiedStorage()
        Tensor.gemm(.float32, transposeA: false, transposeB: false, m: 6, n: 19, k: 5,
                    a: a.storage.pointer, b: b.storage.pointer, c: out.storage.pointer, beta: 1)
        #expect(maxAbsoluteDifference(out.converted(to: .float64), expected) < 1e-5)
    }

    /// `Aᵀ·B` summed over many rows: one block, several blocks, a ragged last block.
    @Test(arguments: [(1, 1, 1), (40, 9, 32), (2048, 16, 17), (5000, 9, 32), (4097, 3, 40), (300, 12, 7)])
    func transposedProductMatchesANaiveLoop(rows: Int, m: Int, n: Int) {
        var g = RandomGenerator(seed: UInt64(rows + m * 7 + n))
        let a = Tensor.uniform([rows, m], low: -1, high: 1, using: &g)
        let b = Tensor.uniform([rows, n], low: -1, high: 1, using: &g)
        #expect(SmallGEMM.handlesTransposedProduct(m: m, k: rows) == (SmallGEMM.level >= 2 && rows >= m))
        let c = Tensor.matmul(a, b, transposeA: true)
        #expect(c.shape == [m, n])
        #expect(maxAbsoluteDifference(c.converted(to: .float64), naiveMatmul(a.T, b)) < 1e-6 * Double(rows))
    }

    @Test func largerDimensionsStillGoToBLAS() {
        #expect(!SmallGEMM.handlesProduct(k: 17))
        #expect(!SmallGEMM.handlesTransposedProduct(m: 17, k: 5000))
        var g = RandomGenerator(seed: 9)
        let a = Tensor.uniform([50, 17], low: -1, high: 1, using: &g)
        let b = Tensor.uniform([50, 20], low: -1, high: 1, using: &g)
        #expect(maxAbsoluteDifference(Tensor.matmul(a, b, transposeA: true).converted(to: .float64), naiveMatmul(a.T, b)) < 1e-4)
    }
}
