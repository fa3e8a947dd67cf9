internal import CNeuronaKernels

/// Float32 matrix products with one tiny dimension, in Neurona's own kernels (`small_gemm.c` in CNeuronaKernels):
/// OpenBLAS packs both operands before multiplying, which for these shapes costs more than the
/// arithmetic. The first layer of a CNN is the case in point: its product is
/// `[N·OH·OW × 9]·[9 × F]` and its kernel gradient `[9 × N·OH·OW]·[N·OH·OW × F]`.
///
/// Both run on CPUs with AVX2 + FMA or AVX-512; elsewhere ``Tensor`` uses OpenBLAS. Results do
/// not depend on the thread count: rows are independent in ``product``, and ``transposedProduct``
/// sums fixed blocks of rows in a fixed order.
enum SmallGEMM {
    /// 3 for AVX-512, 2 for AVX2 + FMA, 1 when neither (then these kernels are not used).
    static var level: Int32 { CPUFeatures.vectorLevel }

    /// The largest inner dimension of ``product`` and result height of ``transposedProduct``.
    static let maximumK = 16

    /// Rows summed per block in ``transposedProduct``.
    static let rowsPerBlock = 2048

    /// Whether `A·B` with inner dimension `k` goes to ``product`` (at vector `level`; tests pass
    /// a lower level than the CPU's to check the routing of the other paths).
    static func handlesProduct(k: Int, level: Int32 = level) -> Bool { isAvailable(level: level) && k <= maximumK }

    /// Whether `Aᵀ·B` with an `m`-row result summed over `k` rows goes to ``transposedProduct``.
    static func handlesTransposedProduct(m: Int, k: Int, level: Int32 = level) -> Bool {
        isAvailable(level: level) && m <= maximumK && k >= m
    }

    /// Whether this build and CPU have the kernels (x86-64 with AVX2 + FMA or AVX-512).
    static var isAvailable: Bool { isAvailable(level: level) }

    /// Whether the kernels run at vector `level` (x86-64 with level 2 or 3: `small_gemm.c`'s rule).
    static func isAvailable(level: Int32) -> Bool { neurona_sgemm_small_path(level) != NEURONA_PATH_PORTABLE }

    /// The kernel ``product`` and ``transposedProduct`` run at vector `level`: `"AVX-512"`,
    /// `"AVX2"`, or `"OpenBLAS"` where these kernels are not used.
    static func path(level: Int32 = level) -> String {
        isAvailable(level: level) ? CPUFeatures.name(level: Int32(neurona_sgemm_small_path(level).rawValue)) : "OpenBLAS"
    }

    /// `C[m×n] = A[m×k]·B[k×n] + bias` (row-major; `bias` `[n]` or nil), or `C += A·B` when
    /// `accumulate`. Rows are split across cores when `parallel`. `level` forces a kernel (tests
    /// run the AVX2 one on AVX-512 machines too); it must not exceed the CPU's.
    static func product(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                        bias: UnsafePointer<Float>?, c: UnsafeMutablePointer<Float>, accumulate: Bool, parallel: Bool = true,
                        level: Int32 = level) {
        #if arch(x86_64)
        checkPrecondition(isAvailable(level: level) && level <= self.level,
                          "SmallGEMM.product: kernel level \(level) on a CPU at level \(self.level)")
        let minimumRows = parallel ? Swift.max(64, (1 << 16) / Swift.max(1, n * k)) : m + 1
        Parallel.forEachChunk(count: m, minimumPerChunk: minimumRows) { rows in
            neurona_sgemm_small_k(level, rows.count, n, k, a + rows.lowerBound * k, k, b, n, bias,
                                  c + rows.lowerBound * n, n, accumulate ? 1 : 0)
        }
        #endif
    }

    /// `C[m×n] = A[rows×m]ᵀ·B[rows×n]` (row-major), or `C += Aᵀ·B` when `accumulate`. Each
    /// block of ``rowsPerBlock`` rows is summed on its own (in parallel when `parallel`), then
    /// the blocks in order. `level` forces a kernel, as in ``product``.
    static func transposedProduct(rows: Int, m: Int, n: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                                  c: UnsafeMutablePointer<Float>, accumulate: Bool, parallel: Bool = true,
                                  level: Int32 = level) {
        #if arch(x86_64)
        checkPrecondition(isAvailable(level: level) && level <= self.level,
                          "SmallGEMM.transposedProduct: kernel level \(level) on a CPU at level \(self.level)")
        let blocks = Swift.max(1, (rows + rowsPerBlock - 1) / rowsPerBlock)
        if blocks == 1 && !accumulate {
            neurona_sgemm_at_b_small(level, rows, m, n, a, m, b, n, c, n)
            return
        }
        let partials = UnsafeMutablePointer<Float>.allocate(capacity: blocks * m * n)
        defer { partials.deallocate() }
        let minimumBlocks = parallel ? Swift.max(1, (1 << 16) / Swift.max(1, rowsPerBlock * n)) : blocks + 1
        Parallel.forEachChunk(count: blocks, minimumPerChunk: minimumBlocks) { range in
            for block in range {
                let first = block * rowsPerBlock
                let count = Swift.min(rows, first + rowsPerBlock) - first
                neurona_sgemm_at_b_small(level, count, m, n, a + first * m, m, b + first * n, n, partials + block * m * n, n)
            }
        }
        let size = m * n
        if !accumulate { c.update(from: partials, count: size) }
        for block in (accumulate ? 0 : 1)..<blocks {
            let partial = partials + block * size
            for i in 0..<size { c[i] += partial[i] }
        }
        #endif
    }
}
