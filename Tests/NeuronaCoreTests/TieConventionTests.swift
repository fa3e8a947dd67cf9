import NeuronaCore
import Testing
import _NeuronaTestSupport

/// The values of NeuronaCore's README table "Conventions at ties and bounds" (the gradients are
/// in NeuronaAutogradTests' TieConventionTests; the NumPy fixtures hold more tie cases).
struct TieConventionTests {
    /// Equal element by element, NaN equal to NaN.
    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    @Test(arguments: [DType.float64, .float32])
    func argmaxAndArgminTakeTheFirstOfTiedExtremes(_ dtype: DType) {
        // NumPy and PyTorch: "the indices of the first maximal value"; NaN is the extreme.
        let x = Tensor([1, 3, 3, 0, 2, 2, 2, 2, -1, 5, 0, 5], shape: [3, 4], dtype: dtype)
        expectEqual(x.argmax(axis: 1).doubles, [1, 0, 1])
        expectEqual(x.argmin(axis: 1).doubles, [3, 0, 0])
        expectEqual(x.argmax().doubles, [9])
        let withNaN = Tensor([1, .nan, 3, .nan], shape: [4], dtype: dtype)
        #expect(withNaN.argmax().doubles == [1] && withNaN.argmin().doubles == [1])
        #expect(withNaN.max().item.isNaN)
    }

    @Test(arguments: [DType.float64, .float32])
    func rowExtremaTakeTheFirstTieAndTheFirstNaN(_ dtype: DType) {
        // Contiguous rows (the classifier's argmax) take a branch-free scan; rows with a NaN or
        // an infinity are rescanned, so the first NaN still wins wherever it is.
        let x = Tensor([.nan, 1, 2, .nan,  1, 2, .nan, .nan,  -.infinity, -.infinity, -.infinity, -.infinity,
                        4, -1, 4, 0,  0, -0.0, 0, .infinity,  1, -0.0, 0, 2,  3, 1, 2, 3], shape: [7, 4], dtype: dtype)
        expectEqual(x.argmax(axis: 1).doubles, [0, 2, 0, 0, 3, 3, 0])
        expectEqual(x.argmin(axis: 1).doubles, [0, 2, 0, 1, 0, 1, 1])
        #expect(Self.same(x.max(axes: [1]).doubles, [.nan, .nan, -.infinity, 4, .infinity, 2, 3]))
        #expect(Self.same(x.min(axes: [1]).doubles, [.nan, .nan, -.infinity, -1, 0, 0, 1]))
        expectEqual(x.min(axes: [1]).doubles[5].sign, .minus)   // the first of the tied zeros, -0
    }

    @Test(arguments: [DType.float64, .float32])
    func roundingIsHalfToEven(_ dtype: DType) {
        let x = Tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5], dtype: dtype)
        expectEqual(x.rounded().doubles, [-2, -2, -0, 0, 2, 2, 4])
    }

    @Test(arguments: [DType.float64, .float32])
    func signIsZeroAtZeroAndNaNAtNaN(_ dtype: DType) {
        let y = Tensor([0, -0.0, 3, -2, .nan, .infinity], dtype: dtype).sign()
        #expect(Self.same(y.doubles, [0, 0, 1, -1, .nan, 1]))
        expectEqual(Tensor([-4, 0, 9], dtype: .int64).sign().doubles, [-1, 0, 1])
    }

    @Test(arguments: [DType.float64, .float32])
    func clipGivesTheBoundAtAndBeyondItAndKeepsNaN(_ dtype: DType) {
        let y = Tensor([-1, -1.5, -0.5, 1, 1.5, .nan], dtype: dtype).clipped(min: -1, max: 1)
        #expect(Self.same(y.doubles, [-1, -1, -0.5, 1, 1, .nan]))
    }

    @Test(arguments: [DType.float64, .float32])
    func maximumAndMinimumOnTiesAndNaN(_ dtype: DType) {
        let a = Tensor([1, 2, .nan, 3], dtype: dtype)
        let b = Tensor([1, .nan, 2, 3], dtype: dtype)
        #expect(Self.same(a.maximum(b).doubles, [1, .nan, .nan, 3]))
        #expect(Self.same(a.minimum(b).doubles, [1, .nan, .nan, 3]))
    }

    @Test func maxPoolGivesATieToTheFirstCell() {
        // One 2×2 window of equal values: the winner is the first cell (flat index 0), as PyTorch's
        // max_pool2d, whose loop keeps a maximum unless a later value is strictly greater.
        for dtype in [DType.float32, .float64] {
            let images = Tensor([7, 7, 7, 7], shape: [1, 2, 2, 1], dtype: dtype)
            let pooled = images.maxPool(WindowGeometry(input: (2, 2), kernel: (2, 2), strides: (2, 2), same: false))
            #expect(pooled.values.doubles == [7] && pooled.indices.doubles == [0], "\(dtype)")
        }
    }

    @Test func integerDivisionFloors() {
        let q = Tensor([7, -7, 7, -7], dtype: .int64) / Tensor([2, 2, -2, -2], dtype: .int64)
        expectEqual(q.doubles, [3, -4, -4, 3])
    }
}
