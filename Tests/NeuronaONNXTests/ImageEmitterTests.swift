import NeuronaONNX
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// Conv2D and pooling: the kernel's layout, the explicit padding, and one transpose pair for a
/// stack of image layers.
struct ImageEmitterTests {
    @Test func convKernelIsFiltersChannelsRowsColumns() throws {
        let network = try Sequential([Conv2D(filters: 3, kernelSize: SizePair(2, 3), activation: .relu)], inputShape: [5, 6, 2], seed: 4)
        let model = try exported(network)
        expectEqual(model.ops, ["Transpose", "Conv", "Relu", "Transpose"])   // relu on the channels-first value
        let kernel = (network.layers[0] as! Conv2D).weight!.value           // [kh, kw, C, F]
        let written = try #require(model.initializer("layers.0.weight"))
        expectEqual(written.shape, [3, 2, 2, 3])                               // [F, C, kh, kw]
        for (f, c, i, j) in [(0, 0, 0, 0), (2, 1, 1, 2), (1, 0, 1, 1)] {
            expectEqual(written.value(at: [f, c, i, j]), kernel.value(at: [i, j, c, f]))
        }
        let conv = try #require(model.node("Conv"))
        #expect(conv.ints("kernel_shape") == [2, 3] && conv.ints("pads") == [0, 0, 0, 0] && conv.ints("strides") == [1, 1])
        #expect(model.graph.node.first?.ints("perm") == [0, 3, 1, 2] && model.graph.node.last?.ints("perm") == [0, 2, 3, 1])
    }

    @Test func samePaddingIsWrittenOutWithTheOddCellAtTheEnd() throws {
        // 7 wide, kernel 4, stride 2: output 4, total padding (4−1)·2 + 4 − 7 = 3: 1 before, 2 after (Keras's split).
        let network = try Sequential([Conv2D(filters: 1, kernelSize: 4, strides: 2, padding: .same)], inputShape: [7, 7, 1])
        let conv = try #require(try exported(network).node("Conv"))
        expectEqual(conv.ints("pads"), [1, 1, 2, 2])
        // Dilation 2 with a 3-wide kernel spans 5: same padding 2 on each side at stride 1.
        let dilated = try Sequential([Conv2D(filters: 1, kernelSize: 3, padding: .same, dilation: 2)], inputShape: [6, 6, 1])
        let node = try #require(try exported(dilated).node("Conv"))
        #expect(node.ints("pads") == [2, 2, 2, 2] && node.ints("dilations") == [2, 2])
    }

    @Test func stackedImageLayersTransposeOnceEachWay() throws {
        let network = try Sequential([Conv2D(filters: 2, kernelSize: 3), MaxPool2D(poolSize: 2), Conv2D(filters: 2, kernelSize: 1),
                                      AvgPool2D(poolSize: 2, strides: 1, padding: .same), Flatten()], inputShape: [8, 8, 1])
        let model = try exported(network)
        expectEqual(model.ops, ["Transpose", "Conv", "MaxPool", "Conv", "AveragePool", "Transpose", "Flatten"])
        expectEqual(model.node("AveragePool")?.int("count_include_pad"), 0)   // padding cells not counted, as Neurona
        expectEqual(model.node("AveragePool")?.ints("pads"), [0, 0, 1, 1])
    }

    @Test func softmaxAfterAConvolutionRunsOnChannelsLast() throws {
        let model = try exported(try Sequential([Conv2D(filters: 3, kernelSize: 1, activation: .softmax)], inputShape: [2, 2, 1]))
        expectEqual(model.ops, ["Transpose", "Conv", "Transpose", "Softmax"])
    }

    @Test func globalPoolingsReduceTheImageAxes() throws {
        let average = try exported(try Sequential([GlobalAveragePooling2D()], inputShape: [3, 3, 2]))
        #expect(average.ops == ["ReduceMean"] && average.node("ReduceMean")?.ints("axes") == [1, 2])
        let maximum = try exported(try Sequential([GlobalMaxPooling2D()], inputShape: [3, 3, 2]))
        #expect(maximum.ops == ["ReduceMax"] && maximum.graph.output[0].writtenShape == ["batch", "2"])
    }
}
