import NeuronaCore
import Testing
import _NeuronaTestSupport

/// The order in which float sums add up (Tensor+Reduction.swift, CNeuronaKernels' loops): pinned
/// here because the figures of every lesson depend on it, and a debug build and a release build
/// must give the same bits.
struct FloatReductionTests {
    /// NumPy's pairwise order as `sum()` documents it, written out in Swift.
    static func pairwise<T: BinaryFloatingPoint>(_ v: ArraySlice<T>) -> T {
        if v.count > 128 {
            let half = (v.count / 2) & ~7
            return pairwise(v.prefix(half)) + pairwise(v.dropFirst(half))
        }
        var partial = [T](repeating: 0, count: 8)
        var i = v.startIndex
        while i + 8 <= v.endIndex {
            for lane in 0..<8 { partial[lane] += v[i + lane] }
            i += 8
        }
        var s = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + ((partial[4] + partial[5]) + (partial[6] + partial[7]))
        while i < v.endIndex { s += v[i]; i += 1 }
        return s
    }

    @Test(arguments: [1, 7, 8, 129, 1000, 4099])
    func aRunSumsPairwiseInNumPysOrder(count: Int) {
        var g = RandomGenerator(seed: UInt64(count))
        // Magnitudes over six decades, so that another order gives other bits.
        let x = (Tensor.normal([count], using: &g) * Tensor.uniform([count], low: 0, high: 6, using: &g).exp()).converted(to: .float32)
        let values = x.scalars(as: Float.self)
        expectEqual(x.sum().scalars(as: Float.self), [Self.pairwise(values[...])])
        expectEqual(x.reshaped([1, count]).sum(axes: [1]).scalars(as: Float.self), [Self.pairwise(values[...])])
        let wide = x.converted(to: .float64)
        expectEqual(wide.sum().scalars(as: Double.self), [Self.pairwise(wide.scalars(as: Double.self)[...])])
        if count == 4099 {
            // The data tell orders apart: one running sum gives other bits.
            #expect(values.reduce(0, +) != Self.pairwise(values[...]))
        }
    }

    @Test func aColumnSumStartsFromItsFirstRow() {
        // Row by row from the first (not from +0): a column of -0 sums to -0, as NumPy's.
        let x = Tensor([-0.0, 1, -0.0, 2, -0.0, 3], shape: [3, 2])
        let sums = x.sum(axes: [0]).scalars(as: Double.self)
        expectEqual(sums[1], 6)
        #expect(sums[0] == 0 && sums[0].sign == .minus)
        let single = x.converted(to: .float32).sum(axes: [0]).scalars(as: Float.self)
        #expect(single[0].sign == .minus && single[1] == 6)
    }

    @Test func sumsOverAnEmptyAxisAreZeros() {
        expectEqual(Tensor.zeros([0, 3]).sum(axes: [0]).doubles, [0, 0, 0])
        expectEqual(Tensor.zeros([3, 0]).sum(axes: [1]).doubles, [0, 0, 0])
        expectEqual(Tensor.zeros([2, 0, 3], dtype: .float32).sum(axes: [1]).shape, [2, 3])
        expectEqual(Tensor.zeros([2, 0, 3], dtype: .float32).sum(axes: [1]).doubles, [0, 0, 0, 0, 0, 0])
    }
}
