internal import CNeuronaKernels
#if canImport(Glibc)
import Glibc
#endif

/// What the CPU offers the hand-vectorized C kernels in CNeuronaKernels (Adam's update, small
/// matrix products, direct convolution, max pooling), read once at start: the package passes no
/// `-m` flags, so each kernel is compiled for several instruction sets and picks one by this
/// level. ``KernelPaths`` lists which path each kernel takes.
package enum CPUFeatures {
    /// The level the kernels run at: the CPU's own (``detectedVectorLevel``), or a lower one named
    /// by the environment variable ``KernelPaths/vectorLevelVariable`` (`NEURONA_VECTOR_LEVEL`),
    /// read once, as OpenBLAS reads `OPENBLAS_CORETYPE`. 3 for AVX-512, 2 for AVX2 + FMA, 1 for
    /// SSE2 only, 0 off x86-64.
    package static let vectorLevel: Int32 = {
        guard let text = getenv(KernelPaths.vectorLevelVariable) else { return detectedVectorLevel }
        let value = String(cString: text)
        guard let forced = level(named: value) else {
            preconditionFailed("\(KernelPaths.vectorLevelVariable)=\(value): not a vector level; use one of \(levelNames(upTo: detectedVectorLevel).joined(separator: ", "))")
        }
        guard forced <= detectedVectorLevel else {
            preconditionFailed("\(KernelPaths.vectorLevelVariable)=\(value): this CPU runs at most \(name(level: detectedVectorLevel)) (\(levelNames(upTo: detectedVectorLevel).joined(separator: ", ")))")
        }
        return forced
    }()

    /// The widest level this CPU runs, whatever the environment says.
    package static let detectedVectorLevel: Int32 = neurona_simd_level()

    /// The instruction set a kernel compiled for `level` uses, for reports: `"AVX-512"`,
    /// `"AVX2"`, `"SSE2"`, or `"portable"` (no x86-64 kernels).
    package static func name(level: Int32) -> String {
        switch level {
        case 3...: return "AVX-512"
        case 2: return "AVX2"
        case 1: return "SSE2"
        default: return "portable"
        }
    }

    /// The values `NEURONA_VECTOR_LEVEL` takes, as `name(level:)` spells them without the dash,
    /// lowercased: `avx512`, `avx2`, `sse2` (x86-64), `portable` (elsewhere).
    static func level(named text: String) -> Int32? {
        let wanted = text.lowercased()
        return (0...3).map(Int32.init).first { levelName($0) == wanted && isLevel($0, availableOn: detectedVectorLevel) }
    }

    private static func levelName(_ level: Int32) -> String {
        name(level: level).lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// x86-64 runs levels 1 to its own (SSE2 is its floor); other CPUs only 0.
    private static func isLevel(_ level: Int32, availableOn cpu: Int32) -> Bool {
        cpu == 0 ? level == 0 : level >= 1
    }

    private static func levelNames(upTo cpu: Int32) -> [String] {
        (0...cpu).filter { isLevel($0, availableOn: cpu) }.map(levelName)
    }
}
