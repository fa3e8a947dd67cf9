internal import CNeuronaKernels

/// Which code path each of Neurona's CPU kernels runs on this machine, and how to force another.
///
/// Two switches choose them, both read once when the process starts:
/// - `OPENBLAS_CORETYPE` names OpenBLAS's kernel set for every matrix product (`Prescott`: SSE3,
///   any x86-64; `Haswell`: AVX2; `SkylakeX`: AVX-512; `Cooperlake`: AVX-512 with BF16). Unset,
///   OpenBLAS picks by the CPU and Neurona picks again where that pick is weaker
///   (``BLAS/coreChosenByNeurona``).
/// - `NEURONA_VECTOR_LEVEL` (``vectorLevelVariable``) forces Neurona's own C kernels down:
///   `avx512`, `avx2` or `sse2` on x86-64 (`portable` elsewhere), never above what the CPU runs
///   (a higher or unknown value stops the program with the values this CPU takes).
///
/// `make test` runs the numerically sensitive suites under several of these
/// (`Scripts/kernel-matrix.sh`), and the tests list the paths each run took.
///
/// ```swift
/// for entry in KernelPaths.current { print(entry.kernel, "→", entry.path) }
/// // matrix products → OpenBLAS Haswell
/// // Adam update (float32) → AVX2
/// ```
public enum KernelPaths {
    /// The environment variable that forces Neurona's own kernels down: `NEURONA_VECTOR_LEVEL`.
    public static let vectorLevelVariable = "NEURONA_VECTOR_LEVEL"

    /// One kernel and the path it runs.
    public struct Entry: Equatable, Sendable {
        /// What the kernel computes (`"max pooling"`).
        public var kernel: String
        /// The path it runs here (`"AVX2"`, `"OpenBLAS Haswell"`, `"im2col + OpenBLAS"`).
        public var path: String
        /// The environment variable that changes it.
        public var switchedBy: String
    }

    /// The vector level Neurona's kernels run at: `"AVX-512"`, `"AVX2"`, `"SSE2"` or `"portable"`.
    public static var vectorLevel: String { CPUFeatures.name(level: CPUFeatures.vectorLevel) }

    /// The widest level this CPU runs, whatever `NEURONA_VECTOR_LEVEL` says.
    public static var cpuVectorLevel: String { CPUFeatures.name(level: CPUFeatures.detectedVectorLevel) }

    /// Every kernel with a choice of paths, and the one it takes in this process.
    public static var current: [Entry] { entries(level: CPUFeatures.vectorLevel) }

    /// The paths at vector `level` (tests ask for levels below the CPU's).
    static func entries(level: Int32) -> [Entry] {
        let v = vectorLevelVariable
        let directConvolution = level >= DirectConv2D.minimumLevel ? name(neurona_direct_conv_path(level)) : "im2col + OpenBLAS"
        let tiledBackward = name(neurona_maxpool_backward_f32_path(level, 1))
        return [
            Entry(kernel: "matrix products", path: "OpenBLAS \(BLAS.coreName)", switchedBy: "OPENBLAS_CORETYPE"),
            Entry(kernel: "Adam update (float32)", path: name(neurona_adam_f32_path(level)), switchedBy: v),
            Entry(kernel: "products with a dimension ≤ 16 (float32)", path: SmallGEMM.path(level: level), switchedBy: v),
            Entry(kernel: "convolution of ≤ 4 channels (float32)", path: directConvolution, switchedBy: v),
            Entry(kernel: "max pooling (float32)", path: name(neurona_maxpool_f32_path(level)), switchedBy: v),
            Entry(kernel: "max pooling gradient, tiling windows", path: tiledBackward, switchedBy: v),
        ]
    }

    /// One line per kernel, for logs and test output.
    public static var summary: String {
        "vector level \(vectorLevel) (CPU: \(cpuVectorLevel))\n" + current.map { "  \($0.kernel): \($0.path)" }.joined(separator: "\n")
    }

    private static func name(_ path: neurona_path) -> String {
        CPUFeatures.name(level: Int32(path.rawValue))
    }
}
