import NeuronaCore
import NeuronaExtras
import NeuronaLayers
import Testing

@Suite struct OrthogonalInitializerTests {
    /// The largest |(MᵀM or MMᵀ) − gain²·I| over the smaller Gram matrix of `m` ([rows, columns]).
    static func gramError(_ m: Tensor, gain: Double) -> Double {
        let (rows, columns) = (m.shape[0], m.shape[1])
        let tall = rows >= columns
        let gram = tall ? m.transposed().matmul(m) : m.matmul(m.transposed())
        let size = tall ? columns : rows
        var worst = 0.0
        for i in 0..<size { for j in 0..<size {
            worst = max(worst, abs(gram.doubles[i * size + j] - (i == j ? gain * gain : 0)))
        } }
        return worst
    }

    @Test(arguments: [[6, 3], [3, 6], [5, 5]])
    func columnsOrRowsAreOrthonormalTimesTheGain(shape: [Int]) {
        var generator = RandomGenerator(seed: 4)
        let m = OrthogonalInitializer.matrix(shape: shape, gain: 0.5, generator: &generator)
        #expect(m.shape == shape)
        #expect(Self.gramError(m, gain: 0.5) < 1e-12)
    }

    @Test func aConvolutionKernelIsOrthogonalAsAMatrix() {
        var generator = RandomGenerator(seed: 5)
        let kernel = OrthogonalInitializer.matrix(shape: [3, 3, 2, 4], gain: 1, generator: &generator)
        #expect(Self.gramError(kernel.reshaped([18, 4]), gain: 1) < 1e-12)
    }

    @Test func registeredByNameWithItsGain() throws {
        try ExtrasPlugin.register()
        let initializer = try Initializer("orthogonal", settings: ["gain": 2])
        var generator = RandomGenerator(seed: 6)
        let w = initializer.make([8, 4], fanIn: 8, fanOut: 4, dtype: .float64, generator: &generator)
        #expect(Self.gramError(w, gain: 2) < 1e-12)
    }
}
