import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// The edges of Dense's and Conv2D's settings, found by the mutation check (`make mutation`):
/// `> 0` weakened to `>= 0` and `> 0` tightened to `> 1` survived because no test made a layer
/// with exactly 0 or exactly 1 unit, filter or input feature, and a kernel's span off by one
/// survived because no test fitted a kernel exactly to its image.
struct LayerConfigBoundaryTests {
    @Test(arguments: [#"{"type": "Dense", "units": 0}"#, #"{"type": "Conv2D", "filters": 0, "kernel_size": 3}"#,
                      #"{"type": "Conv2D", "filters": 2, "kernel_size": 0}"#, #"{"type": "Conv2D", "filters": 2, "kernel_size": 3, "strides": 0}"#])
    func zeroSizesInJSONThrow(json: String) throws {
        let registry = LayerRegistry()
        try registry.registerBuiltIns()
        #expect(throws: LayerError.self) { try registry.make(from: json) }
    }

    @Test func oneUnitAndOneFilterAreValid() throws {
        let registry = LayerRegistry()
        try registry.registerBuiltIns()
        let dense = try registry.make(from: #"{"type": "Dense", "units": 1}"#)
        try expectEqual(dense.build(inputShape: [3], seed: 1), [1])
        let conv = try registry.make(from: #"{"type": "Conv2D", "filters": 1, "kernel_size": 1}"#)
        try expectEqual(conv.build(inputShape: [4, 4, 2], seed: 1), [4, 4, 1])
        // The initializer path too (not only JSON): one filter, a 1×1 kernel of ones sums the channels.
        let direct = Conv2D(filters: 1, kernelSize: 1, useBias: false)
        _ = try direct.build(inputShape: [2, 2, 2], seed: 1)
        try direct.loadWeights(["weight": Tensor.ones([1, 1, 2, 1])])
        let x = Tensor((0..<8).map(Double.init), shape: [1, 2, 2, 2], dtype: .float32)
        expectEqual(direct(Variable(x)).value.doubles, [1, 5, 9, 13])
        expectEqual(Dense(units: 1).config.units, 1)
    }

    @Test func inputShapesAtTheBoundary() throws {
        // Dense: 0 input features cannot work; 1 can.
        #expect(throws: LayerError.self) { try Dense(units: 2).build(inputShape: [0], seed: 1) }
        try expectEqual(Dense(units: 2).build(inputShape: [1], seed: 1), [2])
        // Conv2D: an empty side throws; a 3×3 kernel (and a 3×3 kernel with dilation 2, span 5)
        // fits an image of exactly its span without padding, one pixel less does not.
        #expect(throws: LayerError.self) { try Conv2D(filters: 2, kernelSize: 1).build(inputShape: [0, 4, 1], seed: 1) }
        #expect(throws: LayerError.self) { try Conv2D(filters: 2, kernelSize: 1).build(inputShape: [4, 4, 0], seed: 1) }
        try expectEqual(Conv2D(filters: 2, kernelSize: 3).build(inputShape: [3, 3, 1], seed: 1), [1, 1, 2])
        #expect(throws: LayerError.self) { try Conv2D(filters: 2, kernelSize: 3).build(inputShape: [2, 3, 1], seed: 1) }
        try expectEqual(Conv2D(filters: 2, kernelSize: 3, dilation: 2).build(inputShape: [5, 5, 1], seed: 1), [1, 1, 2])
        #expect(throws: LayerError.self) { try Conv2D(filters: 2, kernelSize: 3, dilation: 2).build(inputShape: [5, 4, 1], seed: 1) }
        #expect(throws: LayerError.self) { try Conv2D(filters: 2, kernelSize: 3, dilation: 2).build(inputShape: [4, 5, 1], seed: 1) }
    }

    /// Dense on a single example without a batch axis takes its own route (matmul, then the
    /// bias): the mutation check found the bias could be subtracted there without a test failing.
    @Test func denseOnAVectorAddsTheBias() throws {
        let dense = Dense(units: 2)
        _ = try dense.build(inputShape: [3], seed: 1)
        try dense.loadWeights(["weight": Tensor([[1, 0], [0, 1], [1, 1]]), "bias": Tensor([10, -20])])
        // x·W + b = [1 + 3, 2 + 3] + [10, −20]
        let expected: [Double] = [14, -15]
        expectEqual(dense(Variable(Tensor([1, 2, 3]))).value.doubles, expected)
        expectEqual(dense(Variable(Tensor([[1, 2, 3]]))).value.doubles, expected)
    }

    /// Glorot's bound uses the kernel's fan-in and fan-out (Keras: receptive field × channels):
    /// for a 3×3 kernel, 8 channels in and 16 filters, √(6 / (72 + 144)) = 1/6. The mutation check
    /// found the receptive field (3·3) could be computed as 3/3 without a test failing.
    @Test func convolutionKernelsStartWithinGlorotsBound() throws {
        let conv = Conv2D(filters: 16, kernelSize: 3)
        _ = try conv.build(inputShape: [8, 8, 8], seed: 3)
        let bound = (6.0 / Double(9 * 8 + 9 * 16)).squareRoot()
        let largest = conv.weight!.value.doubles.map(Swift.abs).max()!
        // 1,152 uniform draws: the largest lies within 1% of the bound (a wrong fan gives 3× it).
        #expect(largest <= bound && largest > 0.99 * bound, "largest |w| \(largest), bound \(bound)")
    }
}
