import NeuronaCore
import Testing

/// Elementwise ops at the points where their formulas switch branches, found by the mutation
/// check (`make mutation`): `sign` with `x < 0` changed to `x < 1` survived, because no test
/// took the sign of 0 (NumPy: `np.sign([-2., -0.5, 0., 0.5, 3.])` → `[-1., -1., 0., 1., 1.]`).
struct ElementwiseEdgeTests {
    @Test(arguments: [DType.float32, .float64, .int64])
    func signOfZeroIsZero(dtype: DType) {
        let x = Tensor([-2, -0.5, 0, 0.5, 3], shape: [5], dtype: .float64).converted(to: dtype)
        // int64 truncates ±0.5 to 0.
        let expected: [Double] = dtype == .int64 ? [-1, 0, 0, 0, 1] : [-1, -1, 0, 1, 1]
        #expect(x.sign().doubles == expected)
    }
}
