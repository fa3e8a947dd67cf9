import NeuronaAutograd
import NeuronaCore
import NeuronaExtras
import NeuronaLayers
import Testing

@Suite struct PReLUTests {
    @Test func negativeSideIsScaledByAlpha() throws {
        let layer = PReLU(alphaInitializer: .constant(0.25))
        try layer.build(inputShape: [3], seed: 0)
        let y = layer(Variable(Tensor([[-2.0, 0.0, 3.0]], dtype: .float32)))
        #expect(y.value.doubles == [-0.5, 0, 3])
    }

    @Test func sharedAxesGiveOneSlopePerChannel() throws {
        let layer = PReLU(sharedAxes: [1, 2])
        try layer.build(inputShape: [4, 5, 3], seed: 0)
        #expect(layer.alpha?.shape == [1, 1, 3])
        #expect(layer.alpha?.value.doubles == [0, 0, 0])   // Keras's default: zeros, a ReLU at first
    }

    @Test func aSharedAxisBeyondTheInputIsAnError() throws {
        let layer = PReLU(sharedAxes: [3])
        #expect(throws: LayerError.invalidConfig(layer: "PReLU", message: "shared axis 3 is beyond inputs of shape [4, 5] (axes 1...2)")) {
            try layer.build(inputShape: [4, 5], seed: 0)
        }
        #expect(throws: LayerError.self) { try PReLU(sharedAxes: [0]).build(inputShape: [4], seed: 0) }
    }

    @Test func gradientsCheck() throws {
        let layer = PReLU(alphaInitializer: .constant(0.3))
        try layer.build(inputShape: [4], seed: 0)
        let input = Tensor([[-1.5, -0.2, 0.7, 2.0], [0.4, -0.9, -2.2, 1.1]], dtype: .float64)
        let result = GradientChecker.check(layer: layer, input: input)
        #expect(result.passed, "\(result)")
    }
}
