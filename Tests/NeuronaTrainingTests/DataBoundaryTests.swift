import Foundation
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// What `fit`, `evaluate`, `predict` and `DataLoader` say about data they cannot take.
struct DataBoundaryTests {
    @Test func noExamplesThrowForFitAndEvaluateButPredictGivesAnEmptyResult() throws {
        let model = try classifier()
        let x = Tensor.zeros([0, 4]), y = Tensor.zeros([0], dtype: .int64)
        #expect(throws: TrainingError.noExamples(what: "fit inputs x", shape: [0, 4])) { try model.fit(x: x, y: y, verbose: .silent) }
        #expect(throws: TrainingError.noExamples(what: "evaluate inputs x", shape: [0, 4])) { try model.evaluate(x: x, y: y) }
        var loader = try DataLoader(TensorDataset(inputs: x, targets: y), batchSize: 4)
        #expect(throws: TrainingError.noExamples(what: "fit data set", shape: [0])) { try model.fit(&loader, verbose: .silent) }
        let p = try model.predict(x)
        #expect(p.shape == [0, 3] && p.dtype == .float32)
    }

    @Test func fitRefusesANegativeLearningRateBeforeTheFirstStep() throws {
        let (x, y) = blobs(12)
        let model = try classifier()
        let before = model.parameters.map { $0.variable.value.doubles }
        model.compile(optimizer: SGD(learningRate: -0.1), loss: SparseCategoricalCrossentropy())
        #expect(throws: OptimizerError.invalidConfig(optimizer: "sgd", message: "learning_rate must be a finite number ≥ 0, got -0.1")) {
            try model.fit(x: x, y: y, verbose: .silent)
        }
        expectEqual(model.parameters.map { $0.variable.value.doubles }, before)
    }

    @Test func labelsOutOfRangeNameTheExampleTheShapeAndTheArgument() throws {
        let (x, y) = blobs(12)
        let model = try classifier()
        var labels = y.doubles
        labels[5] = -1
        #expect(throws: TrainingError.invalidTargets(what: "fit targets y", reason: .invalidTargets(
            loss: "sparse_categorical_crossentropy", shape: [12], example: 5, message: "label -1 is not a class index in 0..<3"))) {
            try model.fit(x: x, y: Tensor(labels, shape: [12], dtype: .int64), verbose: .silent)
        }
        labels[5] = 3
        #expect(throws: TrainingError.invalidTargets(what: "evaluate targets y", reason: .invalidTargets(
            loss: "sparse_categorical_crossentropy", shape: [12], example: 5, message: "label 3 is not a class index in 0..<3"))) {
            try model.evaluate(x: x, y: Tensor(labels, shape: [12], dtype: .int64))
        }
        labels[5] = 1.5
        #expect(throws: TrainingError.invalidTargets(what: "fit targets y", reason: .invalidTargets(
            loss: "sparse_categorical_crossentropy", shape: [12], example: 5, message: "label 1.5 is not a class index in 0..<3"))) {
            try model.fit(x: x, y: Tensor(labels, shape: [12], dtype: .float64), verbose: .silent)
        }
        // Whole-number float labels are class indices (Keras takes them too).
        try model.fit(x: x, y: y.converted(to: .float32), verbose: .silent)
        // One-hot targets for a sparse loss: the shape is named.
        #expect(throws: TrainingError.invalidTargets(what: "fit targets y", reason: .invalidTargets(
            loss: "sparse_categorical_crossentropy", shape: [12, 3], example: nil, message: "expected one class index per example, shape [12]"))) {
            try model.fit(x: x, y: y.oneHot(classes: 3), verbose: .silent)
        }
    }

    @Test func aBadLabelInAShuffledDataLoaderNamesItsIndexInTheDataSet() throws {
        let (x, y) = blobs(40)
        var labels = y.doubles
        labels[29] = 7
        let model = try classifier()
        var loader = try DataLoader(TensorDataset(inputs: x, targets: Tensor(labels, shape: [40], dtype: .int64)),
                                    batchSize: 8, shuffle: true, seed: 3)
        do {
            try model.fit(&loader, verbose: .silent)
            Issue.record("fit accepted label 7 for 3 classes")
        } catch TrainingError.invalidTargets(let what, .invalidTargets(let loss, let shape, let example, let message)) {
            #expect(what == "fit targets y" && loss == "sparse_categorical_crossentropy" && shape == [8])
            #expect(example == 29 && message == "label 7 is not a class index in 0..<3")
        }
    }

    @Test func elementwiseLossesNameTheTargetShape() throws {
        let model = Model(try Sequential([Dense(units: 2)], inputShape: [3], seed: 1))
        model.compile(optimizer: SGD(), loss: MeanSquaredError())
        #expect(throws: TrainingError.invalidTargets(what: "fit targets y", reason: .invalidTargets(
            loss: "mean_squared_error", shape: [5, 3], example: nil, message: "expected the predictions' shape [5, 2]"))) {
            try model.fit(x: Tensor.zeros([5, 3]), y: Tensor.zeros([5, 3]), verbose: .silent)
        }
    }

    @Test func batchSizesMustBePositive() throws {
        let (x, y) = blobs(8)
        #expect(throws: DataError(.invalidArgument, file: "DataLoader", "batchSize must be positive, got 0")) {
            _ = try DataLoader(TensorDataset(inputs: x, targets: y), batchSize: 0)
        }
        let model = try classifier()
        #expect(throws: TrainingError.invalidArgument("evaluate: batchSize must be positive, got 0")) { try model.evaluate(x: x, y: y, batchSize: 0) }
        #expect(throws: TrainingError.invalidArgument("predict: batchSize must be positive, got -1")) { try model.predict(x, batchSize: -1) }
    }
}
