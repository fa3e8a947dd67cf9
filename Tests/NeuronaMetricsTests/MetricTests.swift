import NeuronaCore
import NeuronaMetrics
import Testing
import _NeuronaTestSupport

struct MetricTests {
    @Test func accuracyInItsThreeKinds() {
        let probabilities = Tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]])
        expectEqual(Accuracy()(probabilities, Tensor([1, 0, 0, 0], dtype: .int64)), 0.75)            // sparse
        expectEqual(Accuracy()(probabilities, Tensor([[0, 1], [1, 0], [1, 0], [1, 0]])), 0.75)      // one-hot
        expectEqual(Accuracy()(Tensor([[0.9], [0.2], [0.6]]), Tensor([[1], [1], [0]])), oneThird)     // binary
        let streaming = Accuracy()
        streaming.update(predictions: probabilities.slice(axis: 0, start: 0, end: 2), targets: Tensor([1, 0], dtype: .int64))
        streaming.update(predictions: probabilities.slice(axis: 0, start: 2, end: 4), targets: Tensor([0, 0], dtype: .int64))
        expectEqual(streaming.result(), 0.75)
        streaming.reset()
        expectEqual(streaming.result(), 0)
    }

    @Test func precisionRecallF1AgainstHandCounts() {
        // Predicted: 1 1 0 1 0 0; true: 1 0 0 1 1 0 → tp 2, fp 1, fn 1, tn 2.
        let p = Tensor([[0.9], [0.8], [0.1], [0.7], [0.4], [0.2]])
        let t = Tensor([[1], [0], [0], [1], [1], [0]])
        expectEqual(Precision()(p, t), twoThirds)
        expectEqual(Recall()(p, t), twoThirds)
        #expect(abs(F1Score()(p, t) - twoThirds) < 1e-15)
        // Three classes; scikit-learn: precision_score(y, ŷ, average="macro") etc.
        let yTrue = Tensor([0, 1, 2, 2, 1, 0, 2], dtype: .int64)
        let yPred = Tensor([0, 2, 2, 2, 1, 0, 1], dtype: .int64).oneHot(classes: 3)
        // Per class precision: 2/2, 1/2, 2/3; recall: 2/2, 1/2, 2/3.
        let macroAverage: Double = (1 + 0.5 + twoThirds) / 3
        let microAverage: Double = 5.0 / 7
        #expect(abs(Precision(averaging: .macro, classCount: 3)(yPred, yTrue) - macroAverage) < 1e-15)
        #expect(abs(Recall(averaging: .macro, classCount: 3)(yPred, yTrue) - macroAverage) < 1e-15)
        #expect(abs(Precision(averaging: .micro, classCount: 3)(yPred, yTrue) - microAverage) < 1e-15)
        #expect(abs(F1Score(averaging: .micro, classCount: 3)(yPred, yTrue) - microAverage) < 1e-15)
        let perClass = Precision(averaging: .macro, classCount: 3)
        perClass.update(predictions: yPred, targets: yTrue)
        expectEqual(perClass.score(forClass: 2), twoThirds)
    }

    @Test func precisionAndRecallCountDifferentErrors() {
        // Predicted: 1 1 1 0; true: 1 0 0 1 → tp 1, fp 2, fn 1: precision 1/3, recall 1/2, F1 2/5.
        let p = Tensor([[0.9], [0.8], [0.7], [0.1]]), t = Tensor([[1], [0], [0], [1]])
        expectEqual(Precision()(p, t), oneThird)
        expectEqual(Recall()(p, t), 0.5)
        expectEqual(F1Score()(p, t), 0.4)
        // Three classes, true 0 0 1 1 2 2 2, predicted 0 0 0 1 2 2 1. Per class: precision 2/3, 1/2, 1;
        // recall 1, 1/2, 2/3; F1 4/5, 1/2, 4/5 (scikit-learn's f1_score(average="macro"): 0.7).
        let yTrue = Tensor([0, 0, 1, 1, 2, 2, 2], dtype: .int64)
        let yPred = Tensor([0, 0, 0, 1, 2, 2, 1], dtype: .int64).oneHot(classes: 3)
        let precision = Precision(classCount: 3), recall = Recall(classCount: 3), f1 = F1Score(averaging: .macro, classCount: 3)
        for metric in [precision, recall, f1] as [ClassRatioMetric] { metric.update(predictions: yPred, targets: yTrue) }
        expectEqual((0..<3).map(precision.score(forClass:)), [twoThirds, 0.5, 1])
        expectEqual((0..<3).map(recall.score(forClass:)), [1, 0.5, twoThirds])
        expectEqual((0..<3).map(f1.score(forClass:)), [0.8, 0.5, 0.8])
        #expect(abs(f1.result() - 0.7) < 1e-15)  // three terms of at most 1: a few ulps of 1
        // Their default names are History's keys, as Keras names them.
        expectEqual([Precision().name, Recall().name, F1Score().name], ["precision", "recall", "f1_score"])
    }

    @Test func confusionMatrix() {
        let m = ConfusionMatrix(classCount: 3)
        m.update(predictions: Tensor([0, 2, 2, 2, 1, 0, 1], dtype: .int64).oneHot(classes: 3),
                 targets: Tensor([0, 1, 2, 2, 1, 0, 2], dtype: .int64))
        expectEqual(m.matrix.scalars(as: Int64.self), [2, 0, 0, 0, 1, 1, 0, 1, 2])
        expectEqual(m.result(), 5)
    }

    @Test func regressionMetricsStreamLikeOneBatch() {
        let p = Tensor([2.5, 0.0, 2, 8], dtype: .float64), t = Tensor([3, -0.5, 2, 7], dtype: .float64)
        // scikit-learn: mean_squared_error 0.375, mean_absolute_error 0.5, r2_score 0.9486081370449679
        expectEqual(MeanSquaredErrorMetric()(p, t), 0.375)
        expectEqual(MeanAbsoluteErrorMetric()(p, t), 0.5)
        #expect(abs(R2Score()(p, t) - 0.9486081370449679) < 1e-12)
        let r2 = R2Score()
        r2.update(predictions: p.slice(axis: 0, start: 0, end: 1), targets: t.slice(axis: 0, start: 0, end: 1))
        r2.update(predictions: p.slice(axis: 0, start: 1, end: 4), targets: t.slice(axis: 0, start: 1, end: 4))
        #expect(abs(r2.result() - 0.9486081370449679) < 1e-12)
    }

    @Test func registryNames() throws {
        try expectEqual(MetricRegistry.default.make("accuracy").name, "accuracy")
        let macro = try MetricRegistry.default.make(fromJSON: #"{"type": "precision", "averaging": "macro", "classes": 3}"#)
        expectEqual((macro as? Precision)?.averaging, .macro)
        #expect(throws: RegistryError.self) { try MetricRegistry.default.make("acuracy") }
    }
}
