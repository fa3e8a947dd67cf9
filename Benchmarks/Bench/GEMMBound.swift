import CLAPACK
import Foundation
import NeuronaCore

/// A workload's GEMM bound: the time its matrix products alone take per epoch, each product
/// timed with `cblas_sgemm` at the workload's own shapes and with the thread count Neurona's
/// policy gives it (one thread below ``BLAS/parallelThreshold`` multiply-adds, otherwise
/// ``BLAS/maximumThreads``). A framework that did nothing but these products would run an epoch
/// in this time; the ratio to it is the rest of the step (activations, loss, optimizer, data).
///
/// Convolutions count as the im2col products (patches · kernel, and their two gradients); the
/// first layer's input gradient is not needed and not counted.
enum GEMMBound {
    /// `count` products of an [m, k] matrix (transposed when `transposeA`) by a [k, n] one.
    struct Product: Hashable {
        var m: Int, n: Int, k: Int
        var transposeA = false, transposeB = false
        var multiplyAdds: Int { m * n * k }
    }

    /// The products of one training step of a dense layer [batch, inputs] → [batch, outputs]:
    /// forward, the weight gradient and (unless it is the first layer) the input gradient.
    static func dense(batch: Int, inputs: Int, outputs: Int, first: Bool) -> [Product] {
        var products = [Product(m: batch, n: outputs, k: inputs),
                        Product(m: inputs, n: outputs, k: batch, transposeA: true)]
        if !first { products.append(Product(m: batch, n: inputs, k: outputs, transposeB: true)) }
        return products
    }

    /// The im2col products of one training step of a valid, stride-1 convolution of a
    /// [batch, height, width, channels] input by a [size, size, channels, filters] kernel.
    static func convolution(batch: Int, height: Int, width: Int, channels: Int, filters: Int, size: Int,
                            first: Bool) -> [Product] {
        let positions = batch * (height - size + 1) * (width - size + 1)
        return dense(batch: positions, inputs: size * size * channels, outputs: filters, first: first)
    }

    /// Lecture 002's MLP step: 784 → 128 → 10.
    static func mlp(batch: Int) -> [Product] {
        dense(batch: batch, inputs: 784, outputs: 128, first: true) + dense(batch: batch, inputs: 128, outputs: 10, first: false)
    }

    /// The CNN sample's step: conv 3×3×32, pool, conv 3×3×64, pool, dense 1600 → 128 → 10.
    static func cnn(batch: Int) -> [Product] {
        convolution(batch: batch, height: 28, width: 28, channels: 1, filters: 32, size: 3, first: true)
            + convolution(batch: batch, height: 13, width: 13, channels: 32, filters: 64, size: 3, first: false)
            + dense(batch: batch, inputs: 1600, outputs: 128, first: false)
            + dense(batch: batch, inputs: 128, outputs: 10, first: false)
    }

    /// The products of one epoch of `examples` in batches of `batch` (the last one smaller when
    /// they do not divide), each with its number of calls.
    static func epoch(examples: Int, batch: Int, step: (Int) -> [Product]) -> [Product: Int] {
        var calls: [Product: Int] = [:]
        for product in step(batch) { calls[product, default: 0] += examples / batch }
        if examples % batch != 0 {
            for product in step(examples % batch) { calls[product, default: 0] += 1 }
        }
        return calls
    }

    /// Seconds per epoch of `calls`: each product's median time over `repeats` timed calls
    /// (after two warm-up calls), times its number of calls.
    static func seconds(_ calls: [Product: Int], repeats: Int = 15) -> Double {
        var generator = RandomGenerator(seed: 1)
        var total = 0.0
        for (product, count) in calls {
            let a = Tensor.uniform([product.m * product.k], using: &generator).scalars(as: Float.self)
            let b = Tensor.uniform([product.k * product.n], using: &generator).scalars(as: Float.self)
            var c = [Float](repeating: 0, count: product.m * product.n)
            let threads = product.multiplyAdds < BLAS.parallelThreshold ? 1 : Swift.max(1, BLAS.maximumThreads)
            openblas_set_num_threads(Int32(threads))
            func multiply() {
                cblas_sgemm(CblasRowMajor, product.transposeA ? CblasTrans : CblasNoTrans,
                            product.transposeB ? CblasTrans : CblasNoTrans,
                            Int32(product.m), Int32(product.n), Int32(product.k), 1,
                            a, Int32(product.transposeA ? product.m : product.k),
                            b, Int32(product.transposeB ? product.k : product.n), 0, &c, Int32(product.n))
            }
            multiply()
            multiply()
            var times: [Double] = []
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                multiply()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            total += Spread(times).median * Double(count)
        }
        return total
    }

    /// The bound of a named workload (`fashion-mnist`: batch 32; `cnn`: batch 64; 60,000 examples).
    static func secondsPerEpoch(_ workload: String) -> Double? {
        switch workload {
        case "fashion-mnist": return seconds(epoch(examples: 60_000, batch: 32, step: mlp))
        case "cnn": return seconds(epoch(examples: 60_000, batch: 64, step: cnn))
        default: return nil
        }
    }
}
