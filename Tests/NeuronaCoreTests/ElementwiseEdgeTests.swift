import Foundation
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

/// exp, log, tanh and sigmoid run as C loops (elementwise_loops.c) over the C library's
/// functions: the same bits as the formulas in Swift over the same functions, at the points where
/// sigmoid switches formula (0), where one exponential would overflow (±100, ±1000), and at NaN,
/// ±infinity, ±0 and the smallest normal.
struct TranscendentalMapTests {
    static let points: [Double] = [.nan, -.infinity, -1000, -100, -20, -1.5, -Double(Float.leastNormalMagnitude),
                                   -0.0, 0, Double(Float.leastNormalMagnitude), 1e-3, 0.5, 2, 20, 100, 1000, .infinity]

    /// Equal bits, or both NaN.
    static func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }

    @Test func float32GivesTheBitsOfTheFormulas() {
        let x = Tensor(Self.points.map { Float($0) }, shape: [Self.points.count])
        let v = Self.points.map { Float($0) }
        func sigmoid(_ v: Float) -> Float { v >= 0 ? 1 / (1 + expf(-v)) : expf(v) / (1 + expf(v)) }
        #expect(Self.sameBits(x.exp().doubles, v.map { Double(expf($0)) }))
        #expect(Self.sameBits(x.log().doubles, v.map { Double(logf($0)) }))
        #expect(Self.sameBits(x.tanh().doubles, v.map { Double(tanhf($0)) }))
        #expect(Self.sameBits(x.sigmoid().doubles, v.map { Double(sigmoid($0)) }))
        // Where 1 / (1 + e^−x) alone would give 0: e^x / (1 + e^x), a subnormal float.
        #expect(x.sigmoid().doubles[3] > 0)
    }

    @Test func float64GivesTheBitsOfTheFormulas() {
        let x = Tensor(Self.points, shape: [Self.points.count])
        func sigmoid(_ v: Double) -> Double { v >= 0 ? 1 / (1 + Foundation.exp(-v)) : Foundation.exp(v) / (1 + Foundation.exp(v)) }
        #expect(Self.sameBits(x.exp().doubles, Self.points.map { Foundation.exp($0) }))
        #expect(Self.sameBits(x.log().doubles, Self.points.map { Foundation.log($0) }))
        #expect(Self.sameBits(x.tanh().doubles, Self.points.map { Foundation.tanh($0) }))
        #expect(Self.sameBits(x.sigmoid().doubles, Self.points.map(sigmoid)))
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
