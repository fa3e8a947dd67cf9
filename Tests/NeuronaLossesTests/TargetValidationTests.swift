import NeuronaCore
import NeuronaLosses
import Testing
import _NeuronaTestSupport

/// Each loss checks its own targets (`validateTargets`); class labels are checked once, in
/// `firstInvalidClassLabel`, for the losses and for `oneHot`.
struct TargetValidationTests {
    @Test func sparseLabelsMustBeClassIndices() throws {
        let loss = SparseCategoricalCrossentropy()
        try loss.validateTargets(Tensor([0, 2, 1], dtype: .int64), predictionShape: [3, 3])
        try loss.validateTargets(Tensor([0, 2, 1], dtype: .float32), predictionShape: [3, 3])   // whole numbers
        try loss.validateTargets(Tensor([[0], [2], [1]], dtype: .int64), predictionShape: [3, 3])
        for (label, text) in [(-1.0, "-1"), (3, "3"), (0.5, "0.5"), (.nan, "nan")] {
            let labels = Tensor([0, 1, label], dtype: label == label.rounded() ? .int64 : .float64)
            #expect(throws: LossError.invalidTargets(loss: "sparse_categorical_crossentropy", shape: [3], example: 2,
                                                     message: "label \(text) is not a class index in 0..<3")) {
                try loss.validateTargets(labels, predictionShape: [3, 3])
            }
        }
        #expect(throws: LossError.invalidTargets(loss: "sparse_categorical_crossentropy", shape: [2], example: nil,
                                                 message: "expected one class index per example, shape [3]")) {
            try loss.validateTargets(Tensor([0, 1], dtype: .int64), predictionShape: [3, 3])
        }
    }

    @Test func elementwiseLossesWantThePredictionsShape() throws {
        for loss in [MeanSquaredError(), MeanAbsoluteError(), Huber(), BinaryCrossentropy(), CategoricalCrossentropy()] as [any Loss] {
            try loss.validateTargets(Tensor.zeros([4, 2]), predictionShape: [4, 2])
            #expect(throws: LossError.invalidTargets(loss: loss.typeName, shape: [4], example: nil,
                                                     message: "expected the predictions' shape [4, 2]")) {
                try loss.validateTargets(Tensor.zeros([4]), predictionShape: [4, 2])
            }
        }
    }

    @Test func oneHotThrowsNamingTheLabelAndItsExample() throws {
        #expect(try Tensor.oneHot(labels: Tensor([2, 0], dtype: .float64), classes: 3, dtype: .float64)
                == Tensor([[0, 0, 1], [1, 0, 0]], dtype: .float64))
        expectEqual(Tensor([1], dtype: .float32).oneHot(classes: 2), Tensor([[0, 1]]))
        #expect(throws: ClassLabelError(argument: "labels", shape: [2, 2], example: 3, value: -1, classes: 4)) {
            try Tensor.oneHot(labels: Tensor([[0, 1], [2, -1]], dtype: .int64), classes: 4)
        }
        #expect("\(ClassLabelError(argument: "labels", shape: [3], example: 1, value: 10, classes: 10))"
                == "labels: label 10 at example 1 (labels of shape [3]) is not a class index in 0..<10")
    }
}
