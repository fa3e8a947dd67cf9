import Foundation
import NeuronaONNX
import NeuronaAttention
import NeuronaCore
import NeuronaLayers
import NeuronaNormalization
import NeuronaRecurrent
import NeuronaResidual
import Testing
import _NeuronaTestSupport

/// The plugins' layers and the activations: operators, initializer layouts (gate order), and
/// the constants written.
struct LayerEmitterTests {
    @Test func lstmGatesAreReorderedToOnnxsIofc() throws {
        let lstm = LSTM(units: 2)
        let network = try Sequential([lstm], inputShape: [4, 3], seed: 5)
        let model = try exported(network)
        expectEqual(model.ops, ["Transpose", "LSTM", "Squeeze"])
        expectEqual(model.node("LSTM")?.int("hidden_size"), 2)
        let w = try #require(model.initializer("layers.0.weight"))            // [1, 4·U, F]
        let r = try #require(model.initializer("layers.0.recurrent_weight"))  // [1, 4·U, U]
        let b = try #require(model.initializer("layers.0.bias"))              // [1, 8·U]
        #expect(w.shape == [1, 8, 3] && r.shape == [1, 8, 2] && b.shape == [1, 16])
        let kernel = lstm.cellState.weight!.value, bias = lstm.cellState.bias!.value   // gates i, f, g, o in columns
        // ONNX's rows: i (Neurona 0), o (3), f (1), c (2).
        for (onnxGate, neuronaGate) in [(0, 0), (1, 3), (2, 1), (3, 2)] {
            for unit in 0..<2 {
                for feature in 0..<3 {
                    expectEqual(w.value(at: [0, onnxGate * 2 + unit, feature]), kernel.value(at: [feature, neuronaGate * 2 + unit]))
                }
                expectEqual(b.value(at: [0, onnxGate * 2 + unit]), bias.value(at: [neuronaGate * 2 + unit]))
            }
        }
        #expect(b.doubles[8...].allSatisfy { $0 == 0 })   // the recurrent bias: Neurona has one bias
    }

    @Test func gruIsResetBeforeAndKeepsItsGateOrder() throws {
        let network = try Sequential([GRU(units: 3, returnSequences: true)], inputShape: [2, 2], seed: 6)
        let model = try exported(network)
        expectEqual(model.ops, ["Transpose", "GRU", "Squeeze", "Transpose"])
        expectEqual(model.node("GRU")?.int("linear_before_reset"), 0)
        let gru = network.layers[0] as! GRU
        let w = try #require(model.initializer("layers.0.weight"))
        expectEqual(w, gru.cellState.weight!.value.transposed().reshaped([1, 9, 2]))
        expectEqual(model.graph.output[0].writtenShape, ["batch", "2", "3"])
    }

    @Test func batchNormalizationUsesItsRunningStatistics() throws {
        let norm = BatchNormalization(epsilon: 0.01)
        let network = try Sequential([norm], inputShape: [2, 2, 3])
        norm.runningVariance!.value = Tensor([0.5, 1, 2] as [Float], shape: [3])
        let model = try exported(network)
        expectEqual(model.ops, ["Sub", "Div", "Mul", "Add"])
        let std = try #require(model.initializer("layers.0.running_std"))
        expectEqual(std, (Tensor([0.5, 1, 2] as [Float], shape: [3]) + 0.01).sqrt())
    }

    @Test func layerNormalizationIsOnnxsOperator() throws {
        let model = try exported(try Sequential([LayerNormalization(epsilon: 1e-5)], inputShape: [4]))
        let node = try #require(model.node("LayerNormalization"))
        expectEqual(node.int("axis"), -1)
        expectEqual(node.attribute.first { $0.name == "epsilon" }?.f, Float(1e-5))
    }

    @Test func residualProjectionIsExportedAtItsPath() throws {
        let model = try exported(try Sequential([ResidualBlock([Dense(units: 3)])], inputShape: [2]))
        expectEqual(model.ops, ["Gemm", "Gemm", "Add"])
        expectEqual(model.initializer("layers.0.shortcut.weight")?.shape, [2, 3])
    }

    @Test func attentionIsDecomposedWithItsCausalMask() throws {
        let model = try exported(try Sequential([MultiHeadAttention(heads: 2, keyDim: 3, causal: true)], inputShape: [4, 5]))
        expectEqual(model.ops.filter { $0 == "MatMul" }.count, 4 + 2)   // 4 projections, scores, weighted values
        #expect(model.ops.contains("Softmax"))
        let mask = try #require(model.initializer("layers.0.causal_mask"))
        #expect(mask.shape == [4, 4] && mask.value(at: [0, 1]) == -1e9 && mask.value(at: [1, 0]) == 0)
        expectEqual(model.initializer("layers.0.query.weight")?.shape, [5, 6])
    }

    @Test(arguments: [("relu", ["Relu"]), ("gelu", ["Mul", "Erf", "Add", "Mul", "Mul"]), ("swish", ["Sigmoid", "Mul"]),
                      ("hard_tanh", ["Clip"]), ("rbf", ["Mul", "Neg", "Exp"]), ("log_softmax", ["LogSoftmax"]), ("linear", [])])
    func activationOperators(_ name: String, _ ops: [String]) throws {
        let network = try Sequential([Activation(try ActivationFunction(name))], inputShape: [3])
        let model = try exported(network)
        expectEqual(model.ops, (ops.isEmpty ? ["Identity"] : ops))
    }

    @Test func defaultAlphasAreTheRegisteredOnes() throws {
        // leaky_relu's registered default is 0.2, elu's 1 (ActivationFunction.swift).
        let model = try exported(try Sequential([Activation("leaky_relu"), Activation("elu"),
                                                 Activation(try ActivationFunction("elu", alpha: 0.3))], inputShape: [2]))
        let alphas = model.graph.node.map { $0.attribute.first { $0.name == "alpha" }?.f }
        expectEqual(alphas, [0.2, 1, 0.3])
    }
}

/// Every built-in activation has an ONNX form, and the error's list of them is the emitter's.
struct ActivationCoverageTests {
    @Test func everyBuiltInActivationIsExported() throws {
        expectEqual(Set(ONNXGraphBuilder.exportedActivations), Set(ActivationFunction.names))
        for name in ActivationFunction.names {
            #expect(throws: Never.self) { try exported(try Sequential([Activation(try ActivationFunction(name))], inputShape: [3])) }
        }
    }
}
