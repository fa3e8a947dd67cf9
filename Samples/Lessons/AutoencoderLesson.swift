import Foundation
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaTraining

/// A convolutional autoencoder on Fashion-MNIST: the network learns to give back its input
/// through a narrow middle, so the middle must hold what matters in the image.
///
/// Encoder: Conv2D(16, 3, stride 2, same, relu) → Conv2D(8, 3, stride 2, same, relu), 28×28 →
/// 7×7×8 (392 numbers for 784 pixels); decoder: Conv2DTranspose(8, 3, stride 2) →
/// Conv2DTranspose(16, 3, stride 2) → Conv2D(1, 3, sigmoid), back to 28×28. TensorFlow's
/// convolutional autoencoder tutorial's network, trained the same way: the images are their
/// own targets, mean squared error, Adam, batch 32 (here `--epochs`, default 5). The figure to
/// beat is the error of always answering the average training image.
public enum AutoencoderLesson: Lesson {
    public static let name = "autoencoder"
    public static let lectures = ["000"]
    public static let summary = "a convolutional autoencoder (Conv2D down, Conv2DTranspose up) reconstructing Fashion-MNIST"

    /// The network: pixels in [0, 1], `[28, 28]` in and out.
    public static func network(seed: UInt64) throws -> Sequential {
        try Sequential([Reshape([28, 28, 1]),
                        Conv2D(filters: 16, kernelSize: 3, strides: 2, padding: .same, activation: .relu),
                        Conv2D(filters: 8, kernelSize: 3, strides: 2, padding: .same, activation: .relu),
                        Conv2DTranspose(filters: 8, kernelSize: 3, strides: 2, padding: .same, activation: .relu),
                        Conv2DTranspose(filters: 16, kernelSize: 3, strides: 2, padding: .same, activation: .relu),
                        Conv2D(filters: 1, kernelSize: 3, padding: .same, activation: .sigmoid),
                        Reshape([28, 28])],
                       inputShape: [28, 28], seed: seed)
    }

    /// The numbers in the middle: the second convolution's output, 7×7×8.
    public static let codeSize = 7 * 7 * 8

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let data = try MNISTFamily.fashionMNIST.load(from: options.dataDirectory.map { URL(fileURLWithPath: $0) })
        // A short run (`trainLimit`, tests) reconstructs as many test images as it trains on.
        let trainCount = Swift.min(options.trainLimit ?? data.trainImages.shape[0], data.trainImages.shape[0])
        let testCount = Swift.min(options.trainLimit ?? data.testImages.shape[0], data.testImages.shape[0])
        let x = data.trainImages.slice(axis: 0, start: 0, end: trainCount) / 255
        let testX = data.testImages.slice(axis: 0, start: 0, end: testCount) / 255
        let epochs = options.epochs ?? 5, batchSize = options.batchSize ?? 32

        let autoencoder = try network(seed: options.seed)
        let model = Model(autoencoder, seed: options.seed)
        try model.compile(optimizer: "adam", loss: "mse")
        if !options.quiet { model.summary() }
        let history = try model.fit(x: x, y: x, epochs: epochs, batchSize: batchSize, verbose: options.quiet ? .silent : .progressBar)
        let testMSE = try model.evaluate(x: testX, y: testX, batchSize: 256)["loss"]!
        // The error of answering every test image with the average training image.
        let averageImage = x.mean(axes: [0])
        let averageMSE = (testX - averageImage).squared().mean().item
        let reconstructions = try model.predict(testX.slice(axis: 0, start: 0, end: Swift.min(10, testCount)), batchSize: 10)

        let text = """

        A convolutional autoencoder on Fashion-MNIST, \(trainCount) training images, batch \(batchSize), \(counted(epochs, "epoch"))
          encoder: Conv2D(16, stride 2) → Conv2D(8, stride 2): 784 pixels → \(codeSize) numbers (7×7×8)
          decoder: Conv2DTranspose(8, stride 2) → Conv2DTranspose(16, stride 2) → Conv2D(1, sigmoid): back to 28×28
          \(autoencoder.parameterCount) parameters; the images are their own targets (loss: mean squared error)
        test reconstruction error (MSE) on \(testCount) images: \(format(testMSE, 5))
        answering the average training image instead: \(format(averageMSE, 5))
        The network never saw labels: it learned which shapes make up a garment, enough to redraw
        one from \(codeSize) numbers. The blur in the reconstructions is what those numbers could not keep.
        """
        return try LessonReport(text: text + drawPictures(originals: testX, reconstructions: reconstructions, labels: data.testLabels,
                                                          classNames: data.classNames, options: options), figures: [
            "test_mse": .number(testMSE), "average_image_mse": .number(averageMSE),
            "epoch_losses": .numbers(history["loss"]), "parameters": .number(Double(autoencoder.parameterCount)),
            "code_size": .number(Double(codeSize)), "train_count": .number(Double(trainCount)),
            "test_count": .number(Double(testCount)), "batch_size": .number(Double(batchSize)),
        ])
    }
}
