import Foundation
import Lessons
import Testing
import _NeuronaTestSupport

/// The `text-classifier` and `autoencoder` samples on short runs (seconds in a debug build).
/// Their bands come from several seeds: another CPU's kernels sum in another order, which moves
/// a trained network's figures about as much as another seed does.
struct TextAndAutoencoderLessonTests {
    static func options(epochs: Int, trainLimit: Int) -> LessonOptions {
        LessonOptions(epochs: epochs, outputDirectory: temporaryFolder("lessons-text-autoencoder").path,
                      trainLimit: trainLimit, quiet: true)
    }

    /// 2,000 training words, 500 held out, 3 epochs. Measured (debug build, 2026-12-07), seeds 1–4:
    /// test accuracy 0.894–0.910, on the words written in a–z only 0.894–0.909, test loss
    /// 0.206–0.257, last epoch's training loss 0.244–0.285 (from 0.670–0.680 after epoch 1).
    @Test func textClassifierTellsEnglishFromSpanishWords() throws {
        let r = try TextClassifierLesson.run(Self.options(epochs: 3, trainLimit: 2000))
        #expect(r.number("train_count") == 2000 && r.number("test_count") == 500 && r.number("sequence_length") == 16)
        #expect(r.number("test_accuracy")! > 0.85, "\(r.json)")
        // Not only the accents: the words written in a–z only, most of the test set, too.
        #expect(r.number("plain_test_accuracy")! > 0.85 && r.number("plain_test_count")! > 400, "\(r.json)")
        #expect(r.number("test_loss")! < 0.35, "\(r.json)")
        let losses = r.numbers("epoch_losses")!
        #expect(losses.count == 3 && losses[2] < losses[0] - 0.25, "\(losses)")
        // The vocabulary is the training words' characters plus padding and OOV: no arithmetic,
        // so exact on every machine for seed 42.
        expectEqual(r.number("vocabulary_size"), 35)
        #expect(r.numbers("example_spanish_probabilities")!.allSatisfy { $0 > 0 && $0 < 1 })
    }

    /// 512 training images, 2 epochs in batches of 8 (128 steps), 512 test images. Measured
    /// (debug build, 2026-12-07): test MSE 0.0227 with seed 42, 0.0396, 0.0232, 0.0233 with seeds
    /// 1–3 (0.26–0.45 of the 0.0877 of answering the average training image, which involves no
    /// training); epoch losses 0.129–0.140, then 0.029–0.053 (0.21–0.41 of the first).
    @Test func autoencoderRedrawsTheTestImages() throws {
        let options = Self.options(epochs: 2, trainLimit: 512)
        var short = options
        short.batchSize = 8
        let r = try AutoencoderLesson.run(short)
        #expect(r.number("train_count") == 512 && r.number("test_count") == 512 && r.number("code_size") == 392)
        // No BLAS: the average image sums 512 values per pixel (relative error ≤ 512·ε₃₂ ≈ 3e-5),
        // its squared differences add about twice that, and their 401,408 are summed pairwise
        // (≤ 19·ε₃₂ ≈ 1e-6): under 1e-4 relative, 9e-6 here; 1e-4 absolute leaves room.
        #expect(abs(r.number("average_image_mse")! - 0.0877288) < 1e-4, "\(r.json)")
        #expect(r.number("test_mse")! < 0.65 * r.number("average_image_mse")!, "\(r.json)")
        let losses = r.numbers("epoch_losses")!
        #expect(losses.count == 2 && losses[1] < 0.6 * losses[0], "\(losses)")
        // Conv2D 16·(9 + 1) + 8·(16·9 + 1), Conv2DTranspose 8·(8·9 + 1) + 16·(8·9 + 1), Conv2D 16·9 + 1.
        expectEqual(r.number("parameters"), 3217)
        let picture = URL(fileURLWithPath: options.outputDirectory).appendingPathComponent("autoencoder-reconstructions.png")
        try expectEqual(Data(contentsOf: picture).prefix(8), Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(r.text.contains(picture.path))
    }
}
