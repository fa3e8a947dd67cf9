import CLAPACK
import Foundation
import NeuronaCore

/// NeuronaCore's kernels against the ceiling: `Tensor.matmul` next to a direct `cblas_sgemm` on
/// the same buffers, and elementwise add/exp next to a plain copy loop over the same bytes.
enum CoreBenchmark {
    static func run() -> Report {
        var report = Report(title: "core (OpenBLAS kernels: \(BLAS.coreName), \(ProcessInfo.processInfo.activeProcessorCount) cores)")
        var generator = RandomGenerator(seed: 1)
        for (m, k, n, repeats) in [(1024, 1024, 1024, 5), (32, 784, 128, 2000)] {
            let a = Tensor.uniform([m, k], using: &generator)
            let b = Tensor.uniform([k, n], using: &generator)
            let flops = 2.0 * Double(m * n * k)
            let inner = max(1, repeats / 5)
            let tensorTime = bestTime(repeats: 5) {
                for _ in 0..<inner { _ = a.matmul(b) }
            } / Double(inner)
            var c = [Float](repeating: 0, count: m * n)
            let direct = bestTime(repeats: 5) {
                a.withUnsafeBufferPointer(as: Float.self) { pa in
                    b.withUnsafeBufferPointer(as: Float.self) { pb in
                        c.withUnsafeMutableBufferPointer { pc in
                            for _ in 0..<inner {
                                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                                            1, pa.baseAddress, Int32(k), pb.baseAddress, Int32(n), 0, pc.baseAddress, Int32(n))
                            }
                        }
                    }
                }
            } / Double(inner)
            let label = "\(m)x\(k)x\(n)"
            report.add("matmul_\(label)_gflops", "Tensor.matmul \(label)", flops / tensorTime / 1e9, unit: "GFLOP/s")
            report.add("sgemm_\(label)_gflops", "cblas_sgemm   \(label)", flops / direct / 1e9, unit: "GFLOP/s")
            report.add("matmul_\(label)_ratio", "ratio         \(label)", direct / tensorTime, unit: "(Tensor / direct)")
        }

        let n = 10_000_000
        let x = Tensor.uniform([n], low: -1, high: 1, using: &generator)
        let y = Tensor.uniform([n], low: -1, high: 1, using: &generator)
        var copy = [Float](repeating: 0, count: n)
        let copyTime = bestTime(repeats: 10) {
            x.withUnsafeBufferPointer(as: Float.self) { src in
                copy.withUnsafeMutableBufferPointer { dst in
                    for i in 0..<n { dst[i] = src[i] }
                }
            }
        }
        let addTime = bestTime(repeats: 10) { _ = x + y }
        let expTime = bestTime(repeats: 10) { _ = x.exp() }
        let copyGBs = Double(2 * 4 * n) / copyTime / 1e9
        let addGBs = Double(3 * 4 * n) / addTime / 1e9
        let expGBs = Double(2 * 4 * n) / expTime / 1e9
        report.add("copy_loop_gbs", "copy loop 1e7 float32", copyGBs, unit: "GB/s")
        report.add("add_gbs", "Tensor + Tensor 1e7", addGBs, unit: "GB/s")
        report.add("add_ratio", "add / copy loop", addGBs / copyGBs, unit: "(target >= 0.70)")
        report.add("exp_gbs", "Tensor.exp 1e7", expGBs, unit: "GB/s")
        return report
    }
}
