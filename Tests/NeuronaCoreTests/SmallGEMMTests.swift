@testable import NeuronaCore
import Testing
import _NeuronaTestSupport

/// The float32 products with one tiny dimension that skip OpenBLAS (SmallGEMM), checked against
/// a float64 loop over shapes around their block sizes: 4 rows, 16 (AVX-512) and 8 (AVX2)
/// columns with masked tails, and 2,048-row blocks for the transposed product.
///
/// Which kernel runs depends on the CPU, so the tests say it (`SmallGEMM kernels: …` in the log)
/// and run every kernel the CPU can: the AVX2 one on AVX-512 machines too (the internal `level`
/// parameter forces it), and the OpenBLAS route the other machines take.
struct SmallGEMMTests {
    /// The kernel levels this CPU runs: 3 and 2 on AVX-512, 2 on AVX2 + FMA, none elsewhere.
    static var kernelLevels: [Int32] { SmallGEMM.isAvailable ? Array((2...SmallGEMM.level).reversed()) : [] }

    @Test func reportsWhichKernelsRan() {
        let ran = Self.kernelLevels.map { CPUFeatures.name(level: $0) } + ["OpenBLAS"]
        print("SmallGEMM kernels: CPU level \(CPUFeatures.vectorLevel) (\(CPUFeatures.name(level: CPUFeatures.vectorLevel))); "
              + "Tensor.matmul uses \(SmallGEMM.path()); tests run \(ran.joined(separator: ", "))")
        expectEqual(SmallGEMM.path(), (SmallGEMM.isAvailable ? CPUFeatures.name(level: CPUFeatures.vectorLevel) : "OpenBLAS"))
        // The portable route, whatever the CPU: at SSE2 level nothing goes to these kernels.
        #expect(!SmallGEMM.handlesProduct(k: 9, level: 1) && !SmallGEMM.handlesTransposedProduct(m: 9, k: 5000, level: 1))
        expectEqual(SmallGEMM.path(level: 1), "OpenBLAS")
        #if arch(x86_64)
        #expect(CPUFeatures.vectorLevel >= 1)   // SSE2 is part of x86-64
        #endif
    }

    /// Each kernel the CPU runs, called directly at its level, against a float64 loop: every
    /// masked tail (n mod 16 and n mod 8), k from 1 to 16, with and without bias and accumulation.
    @Test(arguments: [(1, 1, 1), (4, 9, 32), (7, 3, 5), (130, 16, 17), (43, 9, 33), (5, 2, 8), (9, 12, 48), (3, 16, 15)])
    func everyKernelMatchesANaiveLoop(m: Int, k: Int, n: Int) {
        var g = RandomGenerator(seed: UInt64(m * 1000 + k * 10 + n))
        let a = Tensor.uniform([m, k], low: -1, high: 1, using: &g)
        let b = Tensor.uniform([k, n], low: -1, high: 1, using: &g)
        let bias = Tensor.uniform([n], low: -1, high: 1, using: &g)
        let start = Tensor.uniform([m, n], low: -1, high: 1, using: &g)
        let product = naiveMatmul(a, b)
        for level in Self.kernelLevels {
            let withBias = Tensor.zeros([m, n]), accumulated = start.copiedStorage()
            SmallGEMM.product(m: m, n: n, k: k, a: a.storage.pointer.assumingMemoryBound(to: Float.self),
                              b: b.storage.pointer.assumingMemoryBound(to: Float.self),
                              bias: bias.storage.pointer.assumingMemoryBound(to: Float.self),
                              c: withBias.storage.pointer.assumingMemoryBound(to: Float.self), accumulate: false, level: level)
            SmallGEMM.product(m: m, n: n, k: k, a: a.storage.pointer.assumingMemoryBound(to: Float.self),
                              b: b.storage.pointer.assumingMemoryBound(to: Float.self), bias: nil,
                              c: accumulated.storage.pointer.assumingMemoryBound(to: Float.self), accumulate: true, level: level)
            let name = CPUFeatures.name(level: level)
            #expect(maxAbsoluteDifference(withBias.converted(to: .float64), product + bias.converted(to: .float64)) < 1e-5 * Double(k + 1), "\(name)")
            #expect(maxAbsoluteDifference(accumulated.converted(to: .float64), product + start.converted(to: .float64)) < 1e-5 * Double(k + 1), "\(name)")
        }
    }

    /// The transposed kernel at each level, over one block, several, and a ragged last one.
    @Test(arguments: [(1, 1, 1), (40, 9, 32), (2048, 16, 17), (5000, 9, 32), (4097, 3, 40), (300, 12, 7)])
    func everyTransposedKernelMatchesANaiveLoop(rows: Int, m: Int, n: Int) {
        var g = RandomGenerator(seed: UInt64(rows + m * 7 + n))
        let a = Tensor.uniform([rows, m], low: -1, high: 1, using: &g)
        let b = Tensor.uniform([rows, n], low: -1, high: 1, using: &g)
        let start = Tensor.uniform([m, n], low: -1, high: 1, using: &g)
        let expected = naiveMatmul(a.T, b)
        for level in Self.kernelLevels {
            let c = Tensor.zeros([m, n]), accumulated = start.copiedStorage()
            for (out, accumulate) in [(c, false), (accumulated, true)] {
                SmallGEMM.transposedProduct(rows: rows, m: m, n: n, a: a.storage.pointer.assumingMemoryBound(to: Float.self),
                                            b: b.storage.pointer.assumingMemoryBound(to: Float.self),
                                            c: out.storage.pointer.assumingMemoryBound(to: Float.self), accumulate: accumulate, level: level)
            }
            let name = CPUFeatures.name(level: level)
            #expect(maxAbsoluteDifference(c.converted(to: .float64), expected) < 1e-6 * Double(rows), "\(name)")
            #expect(maxAbsoluteDifference(accumulated.converted(to: .float64), expected + start.converted(to: .float64)) < 1e-6 * Double(rows), "\(name)")
        }
    }

    @Test(arguments: [(1, 1, 1), (4, 9, 32), (7, 3, 5), (130, 16, 17), (43, 9, 33), (5, 2, 8), (9, 12, 48)])
    func productMatchesANaiveLoop(m: Int, k: Int, n: Int) {
        var g = RandomGenerator(seed: UInt64(m * 1000 + k * 10 + n))
        let a = Tensor.uniform([m, k], low: -1, high: 1, using: &g)
        let b = Tensor.uniform([k, n], low: -1, high: 1, using: &g)
        expectEqual(SmallGEMM.handlesProduct(k: k), (SmallGEMM.level >= 2))
        let c = a.matmul(b)
        expectEqual(c.shape, [m, n])
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

    /// `C += Aᵀ·B` through `Tensor.gemm` (what the convolution's kernel gradient does across
    /// chunks): the mutation check found `beta == 1` could be changed without a test failing.
    @Test(arguments: [40, 5000])
    func accumulatingTransposedProductAddsOntoC(rows: Int) {
        var g = RandomGenerator(seed: UInt64(rows))
        let a = Tensor.uniform([rows, 9], low: -1, high: 1, using: &g)
        let b = Tensor.uniform([rows, 12], low: -1, high: 1, using: &g)
        let c = Tensor.uniform([9, 12], low: -1, high: 1, using: &g)
        let expected = naiveMatmul(a.T, b) + c.converted(to: .float64)
        let out = c.copiedStorage()
        Tensor.gemm(.float32, transposeA: true, transposeB: false, m: 9, n: 12, k: rows,
                    a: a.storage.pointer, b: b.storage.pointer, c: out.storage.pointer, beta: 1)
        #expect(maxAbsoluteDifference(out.converted(to: .float64), expected) < 1e-6 * Double(rows))
    }

    /// `Aᵀ·B` summed over many rows: one block, several blocks, a ragged last block.
    @Test(arguments: [(1, 1, 1), (40, 9, 32), (2048, 16, 17), (5000, 9, 32), (4097, 3, 40), (300, 12, 7)])
    func transposedProductMatchesANaiveLoop(rows: Int, m: Int, n: Int) {
        var g = RandomGenerator(seed: UInt64(rows + m * 7 + n))
        let a = Tensor.uniform([rows, m], low: -1, high: 1, using: &g)
        let b = Tensor.uniform([rows, n], low: -1, high: 1, using: &g)
        expectEqual(SmallGEMM.handlesTransposedProduct(m: m, k: rows), (SmallGEMM.level >= 2 && rows >= m))
        let c = Tensor.matmul(a, b, transposeA: true)
        expectEqual(c.shape, [m, n])
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
