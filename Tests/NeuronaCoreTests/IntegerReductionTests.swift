import NeuronaCore
import Testing
import _NeuronaTestSupport

/// Sums of int64 tensors (their own kernel, exact, wrapping like NumPy's int64), against loops:
/// the mutation check (`make mutation`) found the kernel's row offset could be negated without
/// any test failing, because no test summed an int64 tensor over an axis.
struct IntegerReductionTests {
    @Test func int64SumsOverEachAxisMatchLoops() {
        let shape = [2, 3, 4]
        let values: [Int64] = (0..<24).map { (index: Int) -> Int64 in Int64(index * 7 % 11) - 5 }
        let x = Tensor(values, shape: shape)
        expectEqual(x.dtype, .int64)
        func at(_ i: Int, _ j: Int, _ k: Int) -> Int64 { values[(i * 3 + j) * 4 + k] }
        expectEqual(x.sum().scalars(as: Int64.self), [values.reduce(0, +)])
        // The loops' sums, built with plain loops (closures over literals here cost seconds of type checking).
        var overAxis0: [Int64] = [], overAxis1: [Int64] = [], overAxis2: [Int64] = [], overAxes02: [Int64] = []
        for j in 0..<3 { for k in 0..<4 { overAxis0.append(at(0, j, k) + at(1, j, k)) } }
        for i in 0..<2 { for k in 0..<4 { var s: Int64 = 0; for j in 0..<3 { s += at(i, j, k) }; overAxis1.append(s) } }
        for i in 0..<2 { for j in 0..<3 { var s: Int64 = 0; for k in 0..<4 { s += at(i, j, k) }; overAxis2.append(s) } }
        for j in 0..<3 { var s: Int64 = 0; for i in 0..<2 { for k in 0..<4 { s += at(i, j, k) } }; overAxes02.append(s) }
        expectEqual(x.sum(axes: [0]).scalars(as: Int64.self), overAxis0)
        expectEqual(x.sum(axes: [1]).scalars(as: Int64.self), overAxis1)
        expectEqual(x.sum(axes: [2]).scalars(as: Int64.self), overAxis2)
        expectEqual(x.sum(axes: [0, 2]).scalars(as: Int64.self), overAxes02)
        #expect(x.sum(axes: [1]).dtype == .int64 && x.sum(axes: [1]).shape == [2, 4])
    }
}
