import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaNormalization
import NeuronaPyTorch
import NeuronaRecurrent
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// PyTorch models loaded into the Neurona networks a PyTorch user would write for them must
/// predict what PyTorch predicts.
///
/// Tolerance: the reference is PyTorch's forward pass in float64 from the same float32 weights
/// and inputs. Neurona's float64 pass differs from it only by the order of its sums, far below the
/// project's float64 oracle bound (1e-10 in `|a − b| / (1 + |b|)`, `oracleTolerance`); the float32
/// pass rounds each of its short sums (at most 36 terms of size O(1) here: 36·2⁻²⁴ ≈ 2e-6 per
/// layer) and is held to the float32 oracle bound, 1e-5. A wrong layout (a kernel not
/// transposed, CHW columns read as HWC, a bias missing) is off by O(1).
///
/// The network is converted to each dtype before loading: an LSTM's `bias_ih + bias_hh` is
/// added in the parameter's dtype, and a float32 sum rounded once (2⁻²⁴ relative) would exceed
/// the float64 bound, where PyTorch adds the two in float64.
struct LoadWeightsTests {
    private func expectPredictions(_ makeModel: () throws -> Model, _ file: String, keyMap: [String: String] = [:],
                                   _ input: Tensor, _ output: Tensor) throws {
        for dtype in [DType.float64, .float32] {
            let model = try makeModel()
            model.network.convertParameters(to: dtype)
            try model.loadWeights(pytorch: TorchFixtures.url(file), keyMap: keyMap)
            let y = try model.predict(input.converted(to: dtype))
            let error = oracleError(y, output)
            #expect(error <= oracleTolerance(dtype), "\(file), \(dtype): error \(error)")
        }
    }

    private func mlp() throws -> Model {
        Model(try Sequential([Dense(units: 8, activation: .relu), Dense(units: 3)], inputShape: [4], seed: 9))
    }

    /// Conv2d(2→4, 3, padding 1), BatchNorm2d (eps 1e-5), ReLU, MaxPool2d(2), Flatten, Dropout, Linear(36→3).
    private func cnn() throws -> Model {
        Model(try Sequential([Conv2D(filters: 4, kernelSize: 3, padding: .same), BatchNormalization(epsilon: 1e-5),
                              Activation(.relu), MaxPool2D(poolSize: 2), Flatten(), Dropout(rate: 0.5), Dense(units: 3)],
                             inputShape: [6, 6, 2], seed: 9))
    }

    /// nn.LSTM(3, 5, num_layers=2, batch_first=True) on 6 steps, then Linear(5→2) on the last step.
    private func lstm() throws -> Model {
        Model(try Sequential([LSTM(units: 5, returnSequences: true), LSTM(units: 5), Dense(units: 2)], inputShape: [6, 3], seed: 9))
    }

    @Test(arguments: ["mlp.pt", "mlp.safetensors"])
    func mlpPredictsWhatPyTorchPredicts(_ file: String) throws {
        let model = try mlp()
        let report = try model.loadWeights(pytorch: TorchFixtures.url(file))
        #expect(report.pairs.map(\.module) == ["0", "2"] && report.pairs.map(\.layer) == ["layers.0", "layers.1"])
        #expect(report.missing.isEmpty && report.unexpected.isEmpty)
        try expectPredictions(mlp, file, try TorchFixtures.tensor("mlp_input"), try TorchFixtures.tensor("mlp_output"))
    }

    @Test(arguments: ["cnn.pt", "cnn.safetensors"])
    func cnnWithBatchNormAndFlattenPredictsWhatPyTorchPredicts(_ file: String) throws {
        // PyTorch's images are NCHW, Neurona's NHWC.
        let images = try TorchFixtures.tensor("cnn_input").permuted([0, 2, 3, 1])
        try expectPredictions(cnn, file, images, try TorchFixtures.tensor("cnn_output"))
    }

    @Test func lstmPredictsWhatPyTorchPredicts() throws {
        let model = try lstm()
        let report = try model.loadWeights(pytorch: TorchFixtures.url("lstm.pt"))
        expectEqual(report.pairs.map(\.module), ["lstm.l0", "lstm.l1", "fc"])
        try expectPredictions(lstm, "lstm.pt", try TorchFixtures.tensor("lstm_input"), try TorchFixtures.tensor("lstm_output"))
    }

    @Test func keyMapPairsModulesOutOfOrder() throws {
        // safetensors sorts names: fc comes before lstm, so the order alone pairs fc with the first LSTM.
        let model = try lstm()
        #expect(throws: PyTorchError.self) { try model.loadWeights(pytorch: TorchFixtures.url("lstm.safetensors")) }
        let report = try model.loadWeights(pytorch: TorchFixtures.url("lstm.safetensors"), keyMap: ["fc": "layers.2"])
        expectEqual(report.pairs.map(\.module), ["lstm.l0", "lstm.l1", "fc"])
        try expectPredictions(lstm, "lstm.safetensors", keyMap: ["fc": "layers.2"],
                              try TorchFixtures.tensor("lstm_input"), try TorchFixtures.tensor("lstm_output"))
    }

    @Test func aBareLayerLoadsToo() throws {
        let network = try Sequential([Dense(units: 8, activation: .relu), Dense(units: 3)], inputShape: [4], seed: 9)
        try network.loadWeights(pytorch: TorchFixtures.url("mlp.pt"))
        let y = network(Variable(try TorchFixtures.tensor("mlp_input").converted(to: .float32))).value
        #expect(oracleError(y, try TorchFixtures.tensor("mlp_output")) <= oracleTolerance(.float32))
    }

    // MARK: Strictness

    @Test func wrongShapesNameBothShapesAndChangeNothing() throws {
        let model = Model(try Sequential([Dense(units: 6, activation: .relu), Dense(units: 3)], inputShape: [4], seed: 9))
        let before = model.getWeights()
        let error = try #require(throws: PyTorchError.self) { try model.loadWeights(pytorch: TorchFixtures.url("mlp.pt")) }
        guard case .weightMismatch(let missing, let unexpected, let wrongShape) = error else { Issue.record("\(error)"); return }
        #expect(missing.isEmpty && unexpected.isEmpty)
        #expect(wrongShape.contains { $0.contains("layers.0.weight") && $0.contains("[4, 6]") && $0.contains("0.weight [8, 4]") })
        expectEqual(model.getWeights(), before)
    }

    @Test func missingAndUnexpectedKeysAreNamed() throws {
        let longer = Model(try Sequential([Dense(units: 8, activation: .relu), Dense(units: 3), Dense(units: 2)], inputShape: [4]))
        let error = try #require(throws: PyTorchError.self) { try longer.loadWeights(pytorch: TorchFixtures.url("mlp.pt")) }
        expectEqual(error, .weightMismatch(missing: ["layers.2.weight", "layers.2.bias"], unexpected: [], wrongShape: []))

        let shorter = Model(try Sequential([Dense(units: 8, activation: .relu)], inputShape: [4]))
        let error2 = try #require(throws: PyTorchError.self) { try shorter.loadWeights(pytorch: TorchFixtures.url("mlp.pt")) }
        expectEqual(error2, .weightMismatch(missing: [], unexpected: ["2.weight", "2.bias"], wrongShape: []))
    }

    @Test func nonStrictLoadsWhatFitsAndReportsTheRest() throws {
        // A new head of 2 classes instead of 3: the first layer loads, the head keeps its weights.
        let model = Model(try Sequential([Dense(units: 8, activation: .relu), Dense(units: 2)], inputShape: [4], seed: 9))
        let head = model.getWeights()[2]
        let report = try model.loadWeights(pytorch: TorchFixtures.url("mlp.pt"), strict: false)
        expectEqual(report.loaded, ["layers.0.weight", "layers.0.bias"])
        expectEqual(report.missing, ["layers.1.weight", "layers.1.bias"])
        expectEqual(report.unexpected, ["2.weight", "2.bias"])
        expectEqual(report.wrongShape.count, 2)
        let stateDict = try PyTorchStateDict.read(from: TorchFixtures.url("mlp.pt"))
        expectEqual(model.getWeights()[0], stateDict["0.weight"]!.transposed(0, 1))
        expectEqual(model.getWeights()[2], head)
    }

    @Test func keyMapEntriesMustNameRealModulesAndLayers() throws {
        let model = try mlp()
        #expect(throws: PyTorchError.self) { try model.loadWeights(pytorch: TorchFixtures.url("mlp.pt"), keyMap: ["fc9": "layers.0"]) }
        #expect(throws: PyTorchError.self) { try model.loadWeights(pytorch: TorchFixtures.url("mlp.pt"), keyMap: ["0": "layers.7"]) }
    }

    @Test func unbuiltNetworksAndGRUAreTypedErrors() throws {
        let unbuilt = Model(Sequential([Dense(units: 8), Dense(units: 3)]))
        #expect(throws: PyTorchError.notBuilt(layer: "Sequential")) { try unbuilt.loadWeights(pytorch: TorchFixtures.url("mlp.pt")) }
        let gru = Model(try Sequential([GRU(units: 5), Dense(units: 2)], inputShape: [6, 3]))
        let error = try #require(throws: PyTorchError.self) { try gru.loadWeights(pytorch: TorchFixtures.url("lstm.pt")) }
        guard case .unsupportedLayer(let layer, "GRU", let reason) = error else { Issue.record("\(error)"); return }
        #expect(layer == "layers.0" && reason.contains("not yet"))
    }
}
