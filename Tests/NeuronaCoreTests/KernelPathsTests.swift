import Foundation
@testable import NeuronaCore
import Testing
import _NeuronaTestSupport

/// Which path each kernel took in this run, printed for the log of every run of the kernel matrix
/// (`Scripts/kernel-matrix.sh`), and checked against the switches that chose it.
struct KernelPathsTests {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    @Test func listsThePathEachKernelTook() {
        print("KernelPaths: \(KernelPaths.summary.replacingOccurrences(of: "\n", with: ";"))")
        expectEqual(KernelPaths.current.count, 6)
        expectEqual(KernelPaths.current[0].path, "OpenBLAS \(BLAS.coreName)")
        if let forced = Self.environment["OPENBLAS_CORETYPE"] {
            expectEqual(BLAS.coreName.lowercased(), forced.lowercased(), "OPENBLAS_CORETYPE=\(forced), OpenBLAS runs \(BLAS.coreName)")
        }
    }

    @Test func vectorLevelFollowsTheSwitch() {
        if let forced = Self.environment[KernelPaths.vectorLevelVariable] {
            expectEqual(KernelPaths.vectorLevel.lowercased().replacingOccurrences(of: "-", with: ""), forced.lowercased())
        } else {
            expectEqual(KernelPaths.vectorLevel, KernelPaths.cpuVectorLevel)
        }
    }

    /// Each level's paths, as the C dispatchers choose them (`neurona_*_path`).
    @Test func eachLevelTakesItsOwnPaths() {
        #if arch(x86_64)
        func paths(_ level: Int32) -> [String] { KernelPaths.entries(level: level).dropFirst().map(\.path) }
        expectEqual(paths(1), ["SSE2", "OpenBLAS", "im2col + OpenBLAS", "SSE2", "portable"])
        expectEqual(paths(2), ["AVX2", "AVX2", "AVX2", "SSE2", "portable"])
        expectEqual(paths(3), ["AVX-512", "AVX-512", "AVX-512", "AVX-512", "AVX-512"])
        #endif
    }

    @Test func levelNamesAreReadAsTheSwitchSpellsThem() {
        #if arch(x86_64)
        expectEqual(CPUFeatures.level(named: "sse2"), 1)
        expectEqual(CPUFeatures.level(named: "AVX2"), 2)
        expectEqual(CPUFeatures.level(named: "avx512"), 3)
        #expect(CPUFeatures.level(named: "portable") == nil, "x86-64's floor is SSE2")
        #endif
        #expect(CPUFeatures.level(named: "avx-512") == nil)
        #expect(CPUFeatures.level(named: "fast") == nil)
    }

    @Test func anUnknownLevelStopsWithTheLevelsThisCPURuns() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            setenv("NEURONA_VECTOR_LEVEL", "fast", 1)
            _ = KernelPaths.vectorLevel
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("NEURONA_VECTOR_LEVEL=fast: not a vector level; use one of "), "\(text)")
    }

    @Test(.enabled(if: CPUFeatures.detectedVectorLevel == 2, "an AVX2 CPU, which cannot run AVX-512"))
    func aLevelAboveTheCPUStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            setenv("NEURONA_VECTOR_LEVEL", "avx512", 1)
            _ = KernelPaths.vectorLevel
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("NEURONA_VECTOR_LEVEL=avx512: this CPU runs at most AVX2 (sse2, avx2)"), "\(text)")
    }
}
