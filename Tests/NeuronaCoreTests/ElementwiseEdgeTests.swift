import NeuronaCore
import Testing
import _NeuronaTestSupport

/// Elementwise ops at the points where their formulas switch branches, found by the mutation
/// check (`make mutation`): `sign` with `x < 0` changed to `x < 1` survived, because no test
/// took the sign of 0 (NumPy: `np.sign([-2., -0.5, 0., 0.5, 3.])` → `[-1., -1., 0., 1., 1.]`);
/// `.!=` computing `==` survived, because no test compared with `.!=`.
struct ElementwiseEdgeTests {
    @Test(arguments: [DType.float32, .float64, .int64])
    func signOfZeroIsZero(dtype: DType) {
        let x = Tensor([-2, -0.5, 0, 0.5, 3], shape: [5], dtype: .float64).converted(to: dtype)
        // int64 truncates ±0.5 to 0.
        let expected: [Double] = dtype == .int64 ? [-1, 0, 0, 0, 1] : [-1, -1, 0, 1, 1]
        expectEqual(x.sign().doubles, expected)
    }

    @Test(arguments: [DType.float32, .float64, .int64])
    func everyComparisonOnEqualAndUnequalElements(dtype: DType) {
        let a = Tensor([1, 2, 3, 4], shape: [4], dtype: .float64).converted(to: dtype)
        let b = Tensor([1, 5, 3, 0], shape: [4], dtype: .float64).converted(to: dtype)
        func bits(_ t: Tensor) -> [Double] { t.converted(to: .float64).doubles }
        expectEqual(bits(a .== b), [1, 0, 1, 0])
        expectEqual(bits(a .!= b), [0, 1, 0, 1])
        expectEqual(bits(a .!= 3), [1, 1, 0, 1])
        expectEqual(bits(a .< b), [0, 1, 0, 0])
        expectEqual(bits(a .<= b), [1, 1, 1, 0])
        expectEqual(bits(a .> b), [0, 0, 0, 1])
        expectEqual(bits(a .>= b), [1, 0, 1, 1])
    }
}

@Suite struct InPlaceScalarDivisionTests {
    /// The address of `t`'s first element.
    static func address(_ t: Tensor) -> UnsafeRawPointer? { t.withUnsafeRawBytes { $0.baseAddress } }

    @Test func dividesInPlaceWithTheValuesOfDivision() {
        var generator = RandomGenerator(seed: 3)
        var images = Tensor.uniform([4, 28, 28], low: 0, high: 255, using: &generator)
        let expected = images.doubles.map { Double(Float($0) / Float(255)) }
        let before = Self.address(images)
        images /= 255
        expectEqual(Self.address(images), before, "a uniquely held float32 tensor is divided in place")
        expectEqual(images.doubles, expected)
        var doubles = Tensor([3.0, 7.5], dtype: .float64)
        doubles /= 2
        expectEqual(doubles.doubles, [1.5, 3.75])
    }

    @Test func aSharedTensorIsCopiedNotChanged() {
        let original = Tensor([2, 4, 8])
        var scaled = original
        scaled /= 2
        expectEqual(original.doubles, [2, 4, 8])
        expectEqual(scaled.doubles, [1, 2, 4])
        var integers = Tensor([3, 6], shape: [2], dtype: .int64)
        integers /= 3
        expectEqual(integers.doubles, (Tensor([3, 6], shape: [2], dtype: .int64) / 3).doubles)
    }
}
