import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing

/// The edges of Dense's and Conv2D's settings, found by the mutation check (`make mutation`):
/// `> 0` weakened to `>= 0` and `> 0` tightened to `> 1` survived because no test made a layer
/// with exactly 0 or exactly 1 unit or filter.
struct LayerConfigBoundaryTests {
    @Test(arguments: [#"{"type": "Dense", "units": 0}"#, #"{"type": "Conv2D", "filters": 0, "kernel_size": 3}"#,
                      #"{"type": "Conv2D", "filters": 2, "kernel_size": 0}"#, #"{"type": "Conv2D", "filters": 2, "kernel_size": 3, "strides": 0}"#])
    func zeroSizesInJSONThrow(json: String) {
        let registry = LayerRegistry()
        registry.registerBuiltIns()
        #expect(throws: LayerError.self) { try registry.make(from: json) }
    }

    @Test func oneUnitAndOneFilterAreValid() throws {
        let registry = LayerRegistry()
        registry.registerBuiltIns()
        let dense = try registry.make(from: #"{"type": "Dense", "units": 1}"#)
        #expect(try dense.build(inputShape: [3], seed: 1) == [1])
        let conv = try registry.make(from: #"{"type": "Conv2D", "filters": 1, "kernel_size": 1}"#)
        #expect(try conv.build(inputShape: [4, 4, 2], seed: 1) == [4, 4, 1])
        // The initializer path too (not only JSON): one filter, a 1×1 kernel of ones sums the channels.
        let direct = Conv2D(filters: 1, kernelSize: 1, useBias: false)
        _ = try direct.build(inputShape: [2, 2, 2], seed: 1)
        try direct.loadWeights(["weight": Tensor.ones([1, 1, 2, 1])])
        let x = Tensor((0..<8).map(Double.init), shape: [1, 2, 2, 2], dtype: .float32)
        #expect(direct(Variable(x)).value.doubles == [1, 5, 9, 13])
        #expect(Dense(units: 1).units == 1)
    }
}
