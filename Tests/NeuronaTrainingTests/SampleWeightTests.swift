import Foundation
import NeuronaCore
import NeuronaLayers
import NeuronaOptimizers
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// `sampleWeight` and `classWeight` in `fit` and `evaluate`, against Keras 3.15.1's numbers on
/// the same data and initial weights (`Fixtures/make_keras_training_fixtures.py`), and the
/// typed errors for weights that cannot weigh the examples.
struct SampleWeightTests {
    let fixture = KerasTrainingFixture.shared

    /// The fixture's classifier (3 → Dense(4, relu) → Dense(units, activation)) with the case's
    /// initial weights, compiled as Keras's was (SGD 0.1, `loss`, accuracy).
    func classifier(_ name: String, units: Int = 3, activation: ActivationFunction = .softmax,
                    loss: String = "sparse_categorical_crossentropy") throws -> Model {
        let model = Model(try Sequential([Dense(units: 4, activation: .relu), Dense(units: units, activation: activation)], inputShape: [3]))
        try model.network.loadWeights(fixture.initialWeights(name, layers: [("hidden", "layers.0."), ("output", "layers.1.")]))
        try model.compile(optimizer: SGD(learningRate: 0.1), loss: loss, metrics: ["accuracy"])
        return model
    }

    /// Every value Keras logged, under the same name, within the float32 tolerance.
    func expectHistory(_ history: History, equals keras: [String: [Double]], sourceLocation: SourceLocation = #_sourceLocation) {
        for (name, values) in keras {
            let ours = history[name]
            expectEqual(ours.count, values.count, "\(name): \(ours) vs Keras \(values)", sourceLocation: sourceLocation)
            for (a, b) in zip(ours, values) {
                #expect(abs(a - b) <= float32Tolerance(b), "\(name): \(ours) vs Keras \(values)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func sampleWeightsInFitValidationAndEvaluateMatchKeras() throws {
        let model = try classifier("sample_weight")
        let history = try model.fit(x: fixture.features("x"), y: fixture.labels("y"), epochs: 2, batchSize: 4, shuffle: false,
                                    validationData: (fixture.features("x_val"), fixture.labels("y_val")), verbose: 0,
                                    sampleWeight: fixture.weights("sample_weight"),
                                    validationSampleWeight: fixture.weights("val_weight"))
        expectHistory(history, equals: fixture.history("sample_weight"))
        for (key, x, y, w) in [("evaluate", "x_val", "y_val", "val_weight"), ("evaluate_training_data", "x", "y", "sample_weight")] {
            let result = try model.evaluate(x: fixture.features(x), y: fixture.labels(y), batchSize: 4, sampleWeight: fixture.weights(w))
            for (name, value) in fixture.scores("sample_weight", key) {
                #expect(abs(result[name]! - value) <= float32Tolerance(value), "\(key) \(name): \(result[name]!) vs Keras \(value)")
            }
        }
    }

    @Test func classWeightsMatchKeras() throws {
        let model = try classifier("class_weight")
        let history = try model.fit(x: fixture.features("x"), y: fixture.labels("y"), epochs: 2, batchSize: 4, shuffle: false,
                                    validationData: (fixture.features("x_val"), fixture.labels("y_val")), verbose: 0,
                                    classWeight: [0: 1.0, 1: 2.5])
        expectHistory(history, equals: fixture.history("class_weight"))
    }

    @Test func classWeightsOfOneSigmoidUnitMatchKeras() throws {
        let model = try classifier("binary_class_weight", units: 1, activation: .sigmoid, loss: "binary_crossentropy")
        let labels = (fixture.json["data"] as! [String: Any])["y_binary"] as! [[Double]]
        let y = Tensor(labels.flatMap { $0 }, shape: [labels.count, 1], dtype: .float32)
        let history = try model.fit(x: fixture.features("x"), y: y, epochs: 2, batchSize: 4, shuffle: false, verbose: 0,
                                    classWeight: [0: 0.25, 1: 2.0])
        expectHistory(history, equals: fixture.history("binary_class_weight"))
    }

    @Test func aValidationSplitTakesItsShareOfTheWeights() throws {
        let model = try classifier("validation_split")
        let history = try model.fit(x: fixture.features("x"), y: fixture.labels("y"), epochs: 2, batchSize: 4, shuffle: false,
                                    validationSplit: 0.3, verbose: 0, sampleWeight: fixture.weights("sample_weight"))
        expectHistory(history, equals: fixture.history("validation_split"))
    }

    /// Weights of 1 give the unweighted figures bit for bit (the weighted sum over the batch's
    /// size is then the mean); the class weights of `evaluate` are the sample weights they stand for.
    @Test func unitWeightsChangeNothingAndClassWeightsAreSampleWeights() throws {
        let x = fixture.features("x"), y = fixture.labels("y")
        let model = try classifier("sample_weight")
        let plain = try model.evaluate(x: x, y: y, batchSize: 4)
        let ones = try model.evaluate(x: x, y: y, batchSize: 4, sampleWeight: Tensor.ones([10]))
        // Σ 1·lᵢ / n and Σ lᵢ / n: the same float32 sums when the product by 1 is exact; the mean
        // divides by n, the weighted loss multiplies by 1/n: one rounding apart.
        #expect(abs(plain.loss - ones.loss) <= 2 * 0x1p-24 * abs(plain.loss))
        let byClass = try model.evaluate(x: x, y: y, batchSize: 4, classWeight: [1: 2.5])
        let perExample = Tensor(y.doubles.map { $0 == 1 ? 2.5 : 1 }, shape: [10], dtype: .float32)
        expectEqual(byClass, (try model.evaluate(x: x, y: y, batchSize: 4, sampleWeight: perExample)))
    }

    @Test func badWeightsThrowNamingWhatAndWhere() throws {
        let model = try classifier("sample_weight")
        let x = fixture.features("x"), y = fixture.labels("y")
        func fit(sampleWeight: Tensor? = nil, classWeight: [Int: Double]? = nil) throws {
            try model.fit(x: x, y: y, epochs: 1, batchSize: 4, verbose: 0, sampleWeight: sampleWeight, classWeight: classWeight)
        }
        #expect(throws: TrainingError.invalidWeights(what: "fit sampleWeight", problem: .shape([9], examples: 10))) {
            try fit(sampleWeight: Tensor.ones([9]))
        }
        var values = [Double](repeating: 1, count: 10)
        values[4] = -0.5
        #expect(throws: TrainingError.invalidWeights(what: "fit sampleWeight", problem: .negative(example: 4, value: -0.5))) {
            try fit(sampleWeight: Tensor(values, shape: [10], dtype: .float32))
        }
        values[4] = 1
        values[7] = .nan
        #expect(throws: TrainingError.invalidWeights(what: "fit sampleWeight", problem: .notFinite(example: 7))) {
            try fit(sampleWeight: Tensor(values, shape: [10], dtype: .float32))
        }
        #expect(throws: TrainingError.invalidWeights(what: "fit sampleWeight", problem: .dtype("int64"))) {
            try fit(sampleWeight: Tensor([Int64](repeating: 1, count: 10), shape: [10]))
        }
        #expect(throws: TrainingError.invalidWeights(what: "fit classWeight", problem: .unknownClass(3, classCount: 3))) {
            try fit(classWeight: [0: 1, 3: 2])
        }
        #expect(throws: TrainingError.invalidWeights(what: "fit classWeight", problem: .invalidClassWeight(class: 1))) {
            try fit(classWeight: [1: -1])
        }
        #expect(throws: TrainingError.invalidWeights(what: "fit classWeight", problem: .bothGiven)) {
            try fit(sampleWeight: Tensor.ones([10]), classWeight: [1: 2])
        }
        #expect(throws: TrainingError.invalidWeights(what: "evaluate sampleWeight", problem: .shape([10, 2], examples: 10))) {
            try model.evaluate(x: x, y: y, sampleWeight: Tensor.ones([10, 2]))
        }
        let error = TrainingError.invalidWeights(what: "fit classWeight", problem: .unknownClass(3, classCount: 3))
        expectEqual(error.description, "fit classWeight: class 3 does not exist: the model predicts classes 0..<3")
    }
}
