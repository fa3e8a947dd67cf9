import NeuronaAutograd
import NeuronaCore
@testable import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// Embedding: the lookup, the table's scatter-add gradient, masking, and the typed error for
/// an id out of range. (Its PyTorch oracle cases are in SequenceLayerOracleTests.)
struct EmbeddingTests {
    /// A layer with the table `[[0, 1], [10, 11], [20, 21], [30, 31]]`.
    func embedding(maskZero: Bool = false) throws -> Embedding {
        let layer = Embedding(inputDim: 4, outputDim: 2, maskZero: maskZero)
        try layer.build(inputShape: [3], seed: 1)
        try layer.loadWeights(["weight": Tensor([0, 1, 10, 11, 20, 21, 30, 31], shape: [4, 2])])
        return layer
    }

    @Test func looksUpEachIdsRow() throws {
        let layer = try embedding()
        expectEqual(layer.outputShape, [3, 2])
        let y = layer(Variable(Tensor([3, 0, 1, 2, 2, 0], shape: [2, 3])))
        expectEqual(y.shape, [2, 3, 2])
        expectEqual(y.value.doubles, [30, 31, 0, 1, 10, 11, 20, 21, 20, 21, 0, 1])
        #expect(y.sequenceMask == nil)
        // int64 ids read the same rows.
        expectEqual(layer(Variable(Tensor([Int64(3), 0, 1], shape: [1, 3]))).value.doubles, [30, 31, 0, 1, 10, 11])
    }

    /// The table's gradient adds each output row's gradient onto the row read: id 2 read twice
    /// gets the sum of both, id 3 (never read) gets zeros.
    @Test func theTablesGradientIsAScatterAdd() throws {
        let layer = try embedding()
        let y = layer(Variable(Tensor([2, 0, 2], shape: [1, 3])))
        try y.backward(seed: Tensor([1, 2, 3, 4, 5, 6], shape: [1, 3, 2]))
        expectEqual(layer.weight?.grad?.doubles, [3, 4, 0, 0, 1 + 5, 2 + 6, 0, 0])
    }

    @Test func gradientCheck() throws {
        let layer = Embedding(inputDim: 5, outputDim: 3)
        try layer.build(inputShape: [4], seed: 2)
        // int64 ids: the checker perturbs only the table (ids are not differentiable).
        let ids = Tensor([Int64(1), 4, 4, 0, 2, 1, 3, 1], shape: [2, 4])
        let result = GradientChecker.check(layer: layer, input: ids)
        #expect(result.passed, "\(result)")
    }

    @Test func maskZeroMarksThePadding() throws {
        let y = try embedding(maskZero: true)(Variable(Tensor([3, 0, 1, 0, 0, 2], shape: [2, 3])))
        expectEqual(y.sequenceMask?.shape, [2, 3])
        expectEqual(y.sequenceMask?.doubles, [1, 0, 1, 0, 0, 1])
    }

    /// GlobalAveragePooling1D averages the real steps only: (30 + 10)/2 and 20 (Keras's
    /// sum(x·m)/sum(m)); an all-padding sequence gives zeros.
    @Test func globalAveragePoolingHonoursTheMask() throws {
        let model = try Sequential([Embedding(inputDim: 4, outputDim: 2, maskZero: true), GlobalAveragePooling1D()], inputShape: [3])
        try model.loadWeights(["layers.0.weight": Tensor([0, 1, 10, 11, 20, 21, 30, 31], shape: [4, 2])])
        let y = model(Variable(Tensor([3, 0, 1, 0, 0, 2, 0, 0, 0], shape: [3, 3])))
        expectEqual(y.value.doubles, [20, 21, 20, 21, 0, 0])
        // Gradients through the mask (the table's), in float64.
        let masked = try Sequential([Embedding(inputDim: 6, outputDim: 2, maskZero: true), Dropout(rate: 0.5), GlobalAveragePooling1D()],
                                    inputShape: [4])
        let result = GradientChecker.check(layer: masked, input: Tensor([Int64(1), 0, 5, 0, 0, 0, 2, 3], shape: [2, 4]))
        #expect(result.passed, "\(result)")
    }

    /// Dropout and Activation keep the mask (the steps stay where they were); other ops drop it.
    @Test func dropoutAndActivationPassTheMaskOn() throws {
        let x = Variable(Tensor.ones([2, 3, 2]))
        x.sequenceMask = Tensor([1, 1, 0, 1, 0, 0], shape: [2, 3]) .!= 0
        let dropout = Dropout(rate: 0.5, seed: 1)
        try dropout.build(inputShape: [3, 2], seed: 0)
        dropout.isTraining = true
        expectEqual(dropout(x).sequenceMask?.doubles, x.sequenceMask?.doubles)
        let activation = Activation(.tanh)
        try activation.build(inputShape: [3, 2], seed: 0)
        expectEqual(activation(x).sequenceMask?.doubles, x.sequenceMask?.doubles)
        #expect((x * 2).sequenceMask == nil)
    }

    /// An id outside 0..<input_dim is a typed error naming the id, where it sits and the fix;
    /// inside a Sequential, the layer's path too.
    @Test func anIdOutOfRangeThrowsNamingItsPlace() throws {
        let layer = try embedding()
        #expect(throws: LayerError.invalidInput(layer: "Embedding", message:
            "id 7 at [1, 2] of the input (shape [2, 3]) is not in 0..<4 (input_dim); input_dim counts the ids, so it must be at least 8 (the largest id + 1)")) {
            try layer.checkInputValues(Tensor([0, 1, 2, 3, 0, 7], shape: [2, 3]))
        }
        #expect(throws: LayerError.invalidInput(layer: "Embedding", message:
            "id -1 at [0, 1] of the input (shape [2, 3]) is not in 0..<4 (input_dim); ids must be whole numbers from 0 (map them into 0..<4 first)")) {
            try layer.checkInputValues(Tensor([0, -1, 2, 3, 0, 1], shape: [2, 3]))
        }
        #expect(throws: LayerError.invalidInput(layer: "Embedding", message:
            "id 1.5 at [0, 0] of the input (shape [1, 3]) is not in 0..<4 (input_dim); ids must be whole numbers from 0 (map them into 0..<4 first)")) {
            try layer.checkInputValues(Tensor([1.5, 0, 0], shape: [1, 3]))
        }
        let model = try Sequential([layer, GlobalAveragePooling1D()], inputShape: [3])
        #expect(throws: LayerError.invalidInput(layer: "layers.0 (Embedding)", message:
            "id 4 at [0, 2] of the input (shape [1, 3]) is not in 0..<4 (input_dim); input_dim counts the ids, so it must be at least 5 (the largest id + 1)")) {
            try model.checkValues(ofBatch: Tensor([1, 2, 4], shape: [1, 3]))
        }
        try model.checkValues(ofBatch: Tensor([1, 2, 3], shape: [1, 3]))
    }

    @Test func aGraphChecksTheLayersReadingItsInput() throws {
        let graph = try Graph(inputs: [.init(name: "ids", shape: [3])],
                              nodes: [.init(name: "embed", layer: Embedding(inputDim: 4, outputDim: 2), inputs: ["ids"]),
                                      .init(name: "pool", layer: GlobalAveragePooling1D(), inputs: ["embed"])],
                              output: "pool")
        #expect(throws: LayerError.self) { try graph.checkValues(ofBatch: Tensor([1, 9, 0], shape: [1, 3])) }
        try graph.checkValues(ofBatch: Tensor([1, 3, 0], shape: [1, 3]))
    }
}
