import NeuronaCore
import NeuronaMetrics
import Testing
import _NeuronaTestSupport

/// Keras's top-k categorical accuracy, with examples worked out by hand.
struct TopKAccuracyTests {
    /// Three examples, k = 2: the true class ranks 2nd (in), 3rd (out) and 1st (in): 2/3.
    /// One-hot targets give the same as int64 classes (Keras's sparse and dense variants).
    @Test func countsTheTrueClassAmongTheKHighest() {
        let scores = Tensor([[0.5, 0.3, 0.2], [0.1, 0.2, 0.7], [0.1, 0.6, 0.3]])
        let sparse = Tensor([1, 0, 1], dtype: .int64)
        let oneHot = Tensor([[0, 1, 0], [1, 0, 0], [0, 1, 0]])
        expectEqual(TopKAccuracy(k: 2)(scores, sparse), twoThirds)
        expectEqual(TopKAccuracy(k: 2)(scores, oneHot), twoThirds)
        expectEqual(TopKAccuracy(k: 1)(scores, sparse), oneThird)       // plain accuracy
        expectEqual(TopKAccuracy(k: 3)(scores, sparse), 1)
    }

    /// Ties at the boundary count as in (TensorFlow's `in_top_k`): all four scores equal, k = 1.
    @Test func tiesAtTheBoundaryAreIn() {
        expectEqual(TopKAccuracy(k: 1)(Tensor([[0.25, 0.25, 0.25, 0.25]]), Tensor([3], dtype: .int64)), 1)
    }

    /// One probability per example is two classes, [1 − p, p]: top-1 is the binary accuracy
    /// (0.9 → 1 right, 0.2 → 0 right, 0.6 → 1 wrong: 2/3), top-2 always holds.
    @Test func oneProbabilityPerExampleIsTwoClasses() {
        let p = Tensor([0.9, 0.2, 0.6], shape: [3, 1]), y = Tensor([1, 0, 0], shape: [3, 1])
        expectEqual(TopKAccuracy(k: 1)(p, y), twoThirds)
        expectEqual(TopKAccuracy(k: 2)(p, y), 1)
    }

    /// Streams over batches, and is registered under Keras's names with `k` (5 by default).
    @Test func streamsAndIsRegistered() throws {
        let metric = TopKAccuracy(k: 2)
        metric.update(predictions: Tensor([[0.5, 0.3, 0.2]]), targets: Tensor([2], dtype: .int64))   // out
        metric.update(predictions: Tensor([[0.5, 0.3, 0.2]]), targets: Tensor([1], dtype: .int64))   // in
        expectEqual(metric.result(), 0.5)
        let byName = try MetricRegistry.default.make("top_k_categorical_accuracy") as! TopKAccuracy
        #expect(byName.k == 5 && byName.name == "top_k_categorical_accuracy")
        let sparse = try MetricRegistry.default.make(fromJSON: #"{"type": "sparse_top_k_categorical_accuracy", "k": 3}"#) as! TopKAccuracy
        #expect(sparse.k == 3 && sparse.name == "sparse_top_k_categorical_accuracy")
        #expect(throws: (any Error).self) { try MetricRegistry.default.make(fromJSON: #"{"type": "top_k_accuracy", "k": 0}"#) }
    }
}
