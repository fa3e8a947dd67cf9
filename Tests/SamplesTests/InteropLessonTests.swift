import Foundation
import Lessons
import Testing
import _NeuronaTestSupport

/// `samples interop`: the files trained by Keras and PyTorch give their framework's accuracy in
/// Neurona, and what Neurona writes reads back.
struct InteropLessonTests {
    @Test func kerasAndPyTorchModelsScoreAsTheirFrameworksDid() throws {
        let output = temporaryPath("interop")
        defer { try? FileManager.default.removeItem(at: output) }
        var options = TrainingLessonTests.options(epochs: 1)
        options.outputDirectory = output.path
        let r = try InteropLesson.run(options)
        let count = r.number("test_count")!
        expectEqual(count, 10_000)
        // Keras's file: the same 8,677 right answers as Keras (Interop/fashion_mnist_mlp.json), to the
        // last digit — its generator found no test image whose two best classes are close enough for
        // float32 rounding to swap them.
        expectEqual(r.number("keras_test_accuracy")!, r.number("keras_reference_accuracy")!)
        // PyTorch's file: its generator counted the images whose two best logits differ by less than
        // 1e-3 (far above float32's rounding of these sums); only those may go the other way here.
        let ties = r.number("pytorch_near_ties")!
        #expect(abs(r.number("pytorch_test_accuracy")! - r.number("pytorch_reference_accuracy")!) <= ties / count)
        // Written as .keras and read back: the same float32 weights and the same operations, so the same bits.
        expectEqual(r.number("keras_reread_difference")!, 0)
        #expect(r.number("onnx_bytes")! > 4 * Double(784 * 64 + 64 * 10))   // float32 weights are in the file
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("fashion_mlp.onnx").path))
    }
}
