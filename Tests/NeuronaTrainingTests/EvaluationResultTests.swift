import NeuronaCore
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// `evaluate`'s typed result: the loss, the metrics by name and in Keras's order.
struct EvaluationResultTests {
    let result = EvaluationResult(loss: 0.3377942, metrics: [("accuracy", 0.8792), ("top_k", 0.97)])

    @Test func lossAndMetricsByNameAndInOrder() throws {
        expectEqual(result.loss, 0.3377942)
        #expect(result["loss"] == 0.3377942 && result["accuracy"] == 0.8792 && result["recall"] == nil)
        expectEqual(result.names, ["loss", "accuracy", "top_k"])
        expectEqual(result.values, [0.3377942, 0.8792, 0.97])
        expectEqual(result.dictionary, ["loss": 0.3377942, "accuracy": 0.8792, "top_k": 0.97])
        let (loss, accuracy) = try result.lossAnd("accuracy")
        #expect(loss == 0.3377942 && accuracy == 0.8792)
        expectEqual("\(result)", "loss: 0.3378, accuracy: 0.8792, top_k: 0.9700")
    }

    @Test func anUncompiledMetricIsAnError() {
        #expect(throws: TrainingError.invalidArgument(#"evaluate: no metric "recall" was computed; the model was compiled with metrics: accuracy, top_k"#)) {
            try result.lossAnd("recall")
        }
        #expect(throws: TrainingError.invalidArgument(#"evaluate: no metric "accuracy" was computed; the model was compiled with no metrics"#)) {
            try EvaluationResult(loss: 1, metrics: []).lossAnd("accuracy")
        }
    }

    /// `evaluate` on a model returns it: the loss equals the loss function on the predictions.
    @Test func evaluateReturnsIt() throws {
        let (x, y) = blobs(60)
        let model = try classifier()
        let result = try model.evaluate(x: x, y: y, batchSize: 7)
        expectEqual(result.names, ["loss", "accuracy"])
        let (loss, accuracy) = try result.lossAnd("accuracy")
        let predictions = try model.predict(x)
        let expectedAccuracy = Double((predictions.argmax(axis: 1) .== y).converted(to: .float32).sum().item) / 60
        expectEqual(accuracy, expectedAccuracy)
        #expect(loss > 0 && loss == result["loss"])
    }
}
