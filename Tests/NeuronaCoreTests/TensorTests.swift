import NeuronaCore
import Testing
import _NeuronaTestSupport

struct TensorTests {
    @Test func nestedArraysGiveShapeAndValues() {
        let t = Tensor([[1, 2, 3], [4, 5, 6]])
        expectEqual(t.shape, [2, 3])
        expectEqual(t.dtype, .float32)
        expectEqual(t.count, 6)
        expectEqual(t.scalars(as: Float.self), [1, 2, 3, 4, 5, 6])
        let cube = Tensor([[[1.5], [2.5]], [[3.5], [4.5]]], dtype: .float64)
        expectEqual(cube.shape, [2, 2, 1])
        expectEqual(cube.value(at: [1, 0, 0]), 3.5)
    }

    @Test func scalarsAndFlatArrays() {
        let s = Tensor(3.25)
        #expect(s.shape == [] && s.rank == 0 && s.item == 3.25)
        let i = Tensor([Int64(1), 2, 3, 4, 5, 6], shape: [3, 2])
        #expect(i.dtype == .int64 && i.value(at: [2, 1]) == 6)
        let b = Tensor([true, false], shape: [2])
        #expect(b.dtype == .bool && b.doubles == [1, 0])
        let empty = Tensor([Float](), shape: [0, 3])
        #expect(empty.count == 0 && empty.shape == [0, 3])
    }

    @Test func factories() {
        expectEqual(Tensor.zeros([2, 2]).scalars(as: Float.self), [0, 0, 0, 0])
        expectEqual(Tensor.ones([3], dtype: .int64).scalars(as: Int64.self), [1, 1, 1])
        expectEqual(Tensor.full([2], value: 7.5, dtype: .float64).scalars(as: Double.self), [7.5, 7.5])
        expectEqual(Tensor.eye(3).doubles, [1, 0, 0, 0, 1, 0, 0, 0, 1])
        expectEqual(Tensor.eye(2, 3).shape, [2, 3])
        expectEqual(Tensor.arange(5, dtype: .int64).scalars(as: Int64.self), [0, 1, 2, 3, 4])
        expectEqual(Tensor.arange(1, 2, step: 0.25, dtype: .float64).doubles, [1, 1.25, 1.5, 1.75])
        expectEqual(Tensor.arange(3, 0, step: -1).doubles, [3, 2, 1])
        expectEqual(Tensor.linspace(0, 1, count: 5, dtype: .float64).doubles, [0, 0.25, 0.5, 0.75, 1])
    }

    @Test func copyOnWriteKeepsValueSemantics() {
        let a = Tensor([1, 2, 3])
        var b = a
        b.withUnsafeMutableBufferPointer(as: Float.self) { $0[0] = 100 }
        expectEqual(a.doubles, [1, 2, 3])
        expectEqual(b.doubles, [100, 2, 3])
        // A reshape shares storage, and writing to it still does not touch the original.
        var r = a.reshaped([3, 1])
        r.fill(with: 9)
        #expect(a.doubles == [1, 2, 3] && r.doubles == [9, 9, 9])
    }

    @Test func conversionsBetweenDTypes() {
        let f = Tensor([[-1.75, 0, 2.5]])
        expectEqual(f.converted(to: .int64).scalars(as: Int64.self), [-1, 0, 2])
        expectEqual(f.converted(to: .bool).scalars(as: Bool.self), [true, false, true])
        expectEqual(f.converted(to: .float64).scalars(as: Double.self), [-1.75, 0, 2.5])
        expectEqual(Tensor([true, false], shape: [2]).converted(to: .float32).scalars(as: Float.self), [1, 0])
        expectEqual(Tensor([Int64(3)], shape: [1]).converted(to: .float64).doubles, [3])
    }

    @Test func promotionAndScalarOperands() {
        let i = Tensor([Int64(1), 2], shape: [2])
        let f = Tensor([0.5, 0.25], shape: [2], dtype: .float32)
        expectEqual((i + f).dtype, .float32)
        expectEqual((i + f).doubles, [1.5, 2.25])
        expectEqual((i * 3).dtype, .int64)
        expectEqual((i * 0.5).dtype, .float32)
        expectEqual((i * 0.5).doubles, [0.5, 1])
        expectEqual((2 - f).doubles, [1.5, 1.75])
        expectEqual((Tensor([Int64(-7), 7], shape: [2]) / Tensor([Int64(2)], shape: [1])).scalars(as: Int64.self), [-4, 3])
        expectEqual((Tensor([2.0], shape: [1], dtype: .float64) + f).dtype, .float64)
    }

    @Test func comparisonsGiveMasksAndWhereSelects() {
        let x = Tensor([[-1, 2], [3, -4]])
        let mask = x .> 0
        expectEqual(mask.dtype, .bool)
        expectEqual(mask.scalars(as: Bool.self), [false, true, true, false])
        expectEqual(Tensor.where(mask, x, Tensor(0)).doubles, [0, 2, 3, 0])
        expectEqual(mask.logicalNot().scalars(as: Bool.self), [true, false, false, true])
        expectEqual(mask.logicalAnd(x .< 3).scalars(as: Bool.self), [false, true, false, false])
        expectEqual(mask.logicalOr(x .== -4).scalars(as: Bool.self), [false, true, true, true])
    }

    @Test func sigmoidAndSoftplusStayFiniteAtExtremes() {
        let x = Tensor([-1000, -50, 0, 50, 1000])
        expectEqual(x.sigmoid().doubles, [0, Double(Float(1 / (1 + Foundation.exp(50.0)))), 0.5, 1, 1])
        let sp = x.softplus().doubles
        #expect(sp.allSatisfy { $0.isFinite })
        #expect(sp[4] == 1000 && sp[0] == 0)
    }

    @Test func sumOfManyFloatsIsAccurate() {
        // 10^6 values of 0.1: naive float32 accumulation drifts by about 1%; pairwise does not.
        let x = Tensor.full([1_000_000], value: 0.1)
        let s = x.sum().item
        #expect(abs(s - 100_000) / 100_000 < 1e-5)
        let t = Tensor.full([1000, 1000], value: 0.1)
        #expect(abs(t.sum(axes: [1]).doubles[0] - 100) < 1e-3)
    }

    @Test func largeElementwiseOpsSplitAcrossCoresCorrectly() {
        var generator = RandomGenerator(seed: 3)
        let a = Tensor.uniform([600_001], using: &generator)
        let b = Tensor.uniform([600_001], using: &generator)
        let c = (a + b).doubles
        let x = a.doubles, y = b.doubles
        #expect(c.indices.allSatisfy { c[$0] == Double(Float(x[$0]) + Float(y[$0])) })
        // Every element, so a chunk boundary that skips or repeats elements fails (float32 exp of
        // x ∈ [0, 1): within 2 ulps of the float64 value).
        let e = a.exp().doubles
        let wrong = e.indices.filter { abs(e[$0] - Foundation.exp(x[$0])) > 2.5e-7 * e[$0] }
        #expect(wrong.isEmpty, "exp wrong at \(wrong.count) of \(e.count) elements, first \(wrong.prefix(3))")
    }

    @Test func descriptionPrintsLikeNumPy() {
        let t = Tensor([[1, 2.5], [-3, 4]])
        expectEqual(t.description, "[[ 1. 2.5]\n [-3.  4.]]\nshape: [2, 2], dtype: float32")
        expectEqual(Tensor([Int64(1), 20], shape: [2]).valuesDescription, "[ 1 20]")
        expectEqual(Tensor(0.5).valuesDescription, "0.5")
        let big = Tensor.arange(2000).reshaped([2, 1000])
        expectEqual(big.valuesDescription, "[[   0.    1.    2. ...  997.  998.  999.]\n [1000. 1001. 1002. ... 1997. 1998. 1999.]]")
    }

    @Test func slicingWithSwiftRanges() {
        let x = Tensor.arange(24).reshaped([2, 3, 4])
        expectEqual(x[1].shape, [3, 4])
        expectEqual(x[1, 2].doubles, [20, 21, 22, 23])
        expectEqual(x[0, 1..<3, 2].doubles, [6, 10])
        expectEqual(x[0, TensorIndex.all, stride(from: 3, to: 0, by: -2)].doubles, [3, 1, 7, 5, 11, 9])
        expectEqual(x[-1, -1, -1].item, 23)
        expectEqual(x[0, 1...].shape, [2, 4])
        expectEqual(x[0, ..<1, TensorIndex.newAxis].shape, [1, 1, 4])
        var y = x
        y.assign(Tensor(-1), at: [.index(0), .all, .range(start: 0, end: 1, step: 1)])
        expectEqual(y[0].doubles.enumerated().filter { $0.offset % 4 == 0 }.map(\.element), [-1, -1, -1])
        expectEqual(x[0, 0, 0].item, 0)
    }

    @Test func assignWritesExactlyTheElementsTheSliceReads() {
        let x = Tensor.arange(60).reshaped([3, 4, 5])
        let cases: [[TensorIndex]] = [
            [.index(1)],
            [.all, .range(start: 3, end: nil, step: -2), .index(-1)],
            [.newAxis, .range(start: 0, end: 3, step: 2), .all, .range(start: 1, end: 5, step: 3)],
            [.index(2), .index(3), .index(4)],
        ]
        for indices in cases {
            var y = x
            let selected = x.slice(indices)
            // −e − 1 differs from every original value, so the changed elements can be counted.
            y.assign(-selected - 1, at: indices)
            var expected: [Double] = []
            for value in selected.doubles { expected.append(-value - 1) }
            expectEqual(y.slice(indices).doubles, expected, "\(indices)")
            var changed = 0
            for (before, after) in zip(x.doubles, y.doubles) where before != after { changed += 1 }
            expectEqual(changed, selected.count, "\(indices)")
        }
        var z = x
        z.assign(Tensor([7.0, 8.0]), at: [.index(0), .range(start: 0, end: 2, step: 1), .range(start: 0, end: 2, step: 1)])
        expectEqual(z.slice([.index(0), .range(start: 0, end: 2, step: 1), .range(start: 0, end: 2, step: 1)]).doubles, [7, 8, 7, 8])
    }

    @Test func splitAndStackAreInverse() {
        let x = Tensor.arange(12).reshaped([3, 4])
        let parts = x.split(sizes: [1, 3], axis: 1)
        expectEqual(parts.map(\.shape), [[3, 1], [3, 3]])
        expectEqual(Tensor.concatenate(parts, axis: 1), x)
        let rows = x.split(parts: 3)
        expectEqual(Tensor.concatenate(rows), x)
        expectEqual(Tensor.stack(rows.map { $0.squeezed() }), x)
        expectEqual(x.unsqueezed(axis: -1).shape, [3, 4, 1])
        expectEqual(x.unsqueezed(axis: 0).squeezed(axes: [0]).shape, [3, 4])
    }

    @Test func scatterAndIndexAddReverseGatherAndIndexSelect() {
        let x = Tensor([[1, 2, 3], [4, 5, 6]], dtype: .float64)
        let idx = Tensor([[2, 2], [0, 1]], dtype: .int64)
        let g = x.gather(idx, axis: 1)
        expectEqual(g.doubles, [3, 3, 4, 5])
        let back = Tensor.ones([2, 2], dtype: .float64).scatterAdd(into: [2, 3], indices: idx, axis: 1)
        expectEqual(back.doubles, [0, 0, 2, 1, 1, 0])
        let sel = Tensor([0, 0, 1], dtype: .int64)
        expectEqual(x.indexSelect(sel, axis: 0).shape, [3, 3])
        let added = Tensor.ones([3, 3], dtype: .float64).indexAdd(into: [2, 3], indices: sel, axis: 0)
        expectEqual(added.doubles, [2, 2, 2, 1, 1, 1])
    }

    @Test func broadcastToAndSumToShapeAreInverse() {
        let b = Tensor([[1], [2]])
        let wide = b.broadcast(to: [3, 2, 4])
        expectEqual(wide.shape, [3, 2, 4])
        expectEqual(wide.sumToShape([2, 1]).doubles, [12, 24])
        expectEqual(Tensor.broadcastShape([5, 1, 3], [4, 1]), [5, 4, 3])
    }

    /// The two copying shortcuts of `broadcast(to:)` (one element filled; a whole tensor stacked
    /// along new leading axes) and the general road, on every element size.
    @Test func broadcastShortcutsCopyTheRightElements() {
        for dtype in [DType.float32, .float64, .int64, .bool] {
            let one = Tensor([1], shape: [1, 1], dtype: dtype)
            expectEqual(one.broadcast(to: [2, 3, 1]).doubles, [1, 1, 1, 1, 1, 1], "\(dtype)")
            let row = Tensor([1, 0, 1], shape: [3], dtype: dtype)
            expectEqual(row.broadcast(to: [2, 2, 3]).doubles, [1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1], "\(dtype)")
            expectEqual(row.broadcast(to: [0, 3]).shape, [0, 3])
            let column = Tensor([1, 0], shape: [2, 1], dtype: dtype)   // not a trailing copy: the general road
            expectEqual(column.broadcast(to: [2, 2]).doubles, [1, 1, 0, 0], "\(dtype)")
        }
        let bias = Tensor([0.5, -1.25], shape: [2], dtype: .float32)
        expectEqual(bias.broadcast(to: [3, 2]).scalars(as: Float.self), [0.5, -1.25, 0.5, -1.25, 0.5, -1.25])
    }
}

import Foundation
