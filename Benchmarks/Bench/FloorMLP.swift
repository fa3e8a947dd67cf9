import CLAPACK
import Foundation
import NeuronaCore

/// The floor: lecture 002's MLP (784 → 128 relu → 10 softmax, sparse categorical cross-entropy,
/// Adam, batch 32) trained by a hand-fused Swift + OpenBLAS loop with no framework at all.
/// Neurona's overhead is measured against this.
enum FloorMLP {
    /// Seconds per epoch over `epochs` epochs, and the last epoch's mean loss.
    static func train(images: Tensor, labels: Tensor, epochs: Int, seed: UInt64 = 42) -> (secondsPerEpoch: Double, loss: Double) {
        let n = images.shape[0], d = 784, h = 128, c = 10, b = 32
        let x = images.reshaped([n, d]).scalars(as: Float.self)
        let y = labels.scalars(as: Int64.self)
        var g = RandomGenerator(seed: seed)
        var w1 = Tensor.uniform([d, h], low: -0.0806, high: 0.0806, using: &g).scalars(as: Float.self)
        var w2 = Tensor.uniform([h, c], low: -0.2047, high: 0.2047, using: &g).scalars(as: Float.self)
        var b1 = [Float](repeating: 0, count: h), b2 = [Float](repeating: 0, count: c)
        var m = [[Float]](repeating: [], count: 4), v = [[Float]](repeating: [], count: 4)
        for (i, size) in [d * h, h, h * c, c].enumerated() {
            m[i] = [Float](repeating: 0, count: size)
            v[i] = [Float](repeating: 0, count: size)
        }
        var xb = [Float](repeating: 0, count: b * d), hb = [Float](repeating: 0, count: b * h)
        var zb = [Float](repeating: 0, count: b * c), dz = [Float](repeating: 0, count: b * c)
        var dh = [Float](repeating: 0, count: b * h)
        var gw1 = [Float](repeating: 0, count: d * h), gw2 = [Float](repeating: 0, count: h * c)
        var gb1 = [Float](repeating: 0, count: h), gb2 = [Float](repeating: 0, count: c)
        var step = 0
        var total = 0.0
        var lastLoss = 0.0
        FloatingPointEnvironment.setFlushDenormalsToZero(true)
        openblas_set_num_threads(1)
        for _ in 0..<epochs {
            let start = DispatchTime.now().uptimeNanoseconds
            let order = Tensor.permutation(n, using: &g).scalars(as: Int64.self)
            var lossSum = 0.0
            var i0 = 0
            while i0 < n {
                let rows = min(b, n - i0)
                for r in 0..<rows {
                    let src = Int(order[i0 + r]) * d
                    for k in 0..<d { xb[r * d + k] = x[src + k] }
                }
                // Forward.
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(h), Int32(d), 1, xb, Int32(d), w1, Int32(h), 0, &hb, Int32(h))
                for r in 0..<rows { for j in 0..<h { hb[r * h + j] = max(hb[r * h + j] + b1[j], 0) } }
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(c), Int32(h), 1, hb, Int32(h), w2, Int32(c), 0, &zb, Int32(c))
                for r in 0..<rows {
                    var mx = -Float.infinity
                    for j in 0..<c { zb[r * c + j] += b2[j]; mx = max(mx, zb[r * c + j]) }
                    var s: Float = 0
                    for j in 0..<c { let e = expf(zb[r * c + j] - mx); zb[r * c + j] = e; s += e }
                    let label = Int(y[Int(order[i0 + r])])
                    for j in 0..<c {
                        let p = zb[r * c + j] / s
                        dz[r * c + j] = (p - (j == label ? 1 : 0)) / Float(rows)
                        if j == label { lossSum -= Double(logf(max(p, 1e-7))) }
                    }
                }
                // Backward.
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(h), Int32(c), Int32(rows), 1, hb, Int32(h), dz, Int32(c), 0, &gw2, Int32(c))
                for j in 0..<c { var s: Float = 0; for r in 0..<rows { s += dz[r * c + j] }; gb2[j] = s }
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(h), Int32(c), 1, dz, Int32(c), w2, Int32(c), 0, &dh, Int32(h))
                for k in 0..<(rows * h) where hb[k] <= 0 { dh[k] = 0 }
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(d), Int32(h), Int32(rows), 1, xb, Int32(d), dh, Int32(h), 0, &gw1, Int32(h))
                for j in 0..<h { var s: Float = 0; for r in 0..<rows { s += dh[r * h + j] }; gb1[j] = s }
                // Adam.
                step += 1
                let c1 = Float(0.001 / (1 - pow(0.9, Double(step)))), c2 = Float(1 / (1 - pow(0.999, Double(step))))
                adam(&w1, gw1, &m[0], &v[0], c1, c2)
                adam(&b1, gb1, &m[1], &v[1], c1, c2)
                adam(&w2, gw2, &m[2], &v[2], c1, c2)
                adam(&b2, gb2, &m[3], &v[3], c1, c2)
                i0 += rows
            }
            total += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            lastLoss = lossSum / Double(n)
        }
        return (total / Double(epochs), lastLoss)
    }


    static func adam(_ x: inout [Float], _ g: [Float], _ m: inout [Float], _ v: inout [Float], _ c1: Float, _ c2: Float) {
        x.withUnsafeMutableBufferPointer { xp in g.withUnsafeBufferPointer { gp in
            m.withUnsafeMutableBufferPointer { mp in v.withUnsafeMutableBufferPointer { vp in
                AdamKernel.update(parameters: xp, gradients: gp, m: mp, v: vp,
                                  beta1: 0.9, beta2: 0.999, stepScale: c1, varianceScale: c2, epsilon: 1e-7)
            } }
        } }
    }
}
