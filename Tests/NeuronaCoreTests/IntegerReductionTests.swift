import NeuronaCore
import Testing

/// Sums of int64 tensors (their own kernel, exact, wrapping like NumPy's int64), against loops:
/// the mutation check (`make mutation`) found the kernel's row offset could be negated without
/// any test failing, because no test summed an int64 tensor over an axis.
struct IntegerReductionTests {
    @Test func int64SumsOverEachAxisMatchLoops() {
        let shape = [2, 3, 4]
        let values = (0..<24).map { Int64($0 * 7 % 11) - 5 }
        let x = Tensor(values, shape: shape)
        #expect(x.dtype == .int64)
        func at(_ i: Int, _ j: Int, _ k: Int) -> Int64 { values[(i * 3 + j) * 4 + k] }
        #expect(x.sum().scalars(as: Int64.self) == [values.reduce(0, +)])
        #expect(x.sum(axes: [0]).scalars(as: Int64.self) == (0..<3).flatMap { j in (0..<4).map { k in at(0, j, k) + at(1, j, k) } })
        #expect(x.sum(axes: [1]).scalars(as: Int64.self) == (0..<2).flatMap { i in (0..<4).map { k in (0..<3).map { at(i, $0, k) }.reduce(0, +) } })
        #expect(x.sum(axes: [2]).scalars(as: Int64.self) == (0..<2).flatMap { i in (0..<3).map { j in (0..<4).map { at(i, j, $0) }.reduce(0, +) } })
        #expect(x.sum(axes: [0, 2]).scalars(as: Int64.self) == (0..<3).map { j in (0..<2).flatMap { i in (0..<4).map { at(i, j, $0) } }.reduce(0, +) })
        #expect(x.sum(axes: [1]).dtype == .int64 && x.sum(axes: [1]).shape == [2, 4])
    }
}
