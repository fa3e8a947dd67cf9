import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaData
import NeuronaLayers

/// Lecture 000: a filter sliding over an image, then max and average pooling.
///
/// A 3×3 edge filter (the Laplacian: 8 in the middle, −1 around) slides over a Fashion-MNIST
/// image and over a synthetic one (a bright square); ReLU keeps the positive responses; 2×2 max
/// and average pooling halve each side. The images are written as PNG files to look at.
public enum ConvolutionLesson: Lesson {
    public static let name = "convolution"
    public static let lectures = ["000"]
    public static let summary = "an edge filter sliding over an image; max and average pooling"

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let data = try MNISTFamily.fashionMNIST.load(from: options.dataDirectory.map { URL(fileURLWithPath: $0) })
        // Pixels in [0, 1], as the lectures scale them (`/ 255`): the loader gives 0–255.
        let photo = data.testImages.slice(axis: 0, start: 0, end: 1).reshaped([1, 28, 28, 1]) / 255
        // A synthetic 28×28 image: a bright 12×12 square on black.
        var square = Tensor.zeros([1, 28, 28, 1])
        square.assign(Tensor(1), at: [.all, .range(start: 8, end: 20, step: 1), .range(start: 8, end: 20, step: 1), .all])

        let edge = Conv2D(filters: 1, kernelSize: 3, activation: .relu, useBias: false)
        let declaredShape = try edge.build(inputShape: [28, 28, 1], seed: options.seed)
        try edge.loadWeights(["weight": Tensor([-1, -1, -1, -1, 8, -1, -1, -1, -1], shape: [3, 3, 1, 1])])
        let maxPool = MaxPool2D(poolSize: 2), avgPool = AvgPool2D(poolSize: 2)
        _ = try maxPool.build(inputShape: declaredShape, seed: 0)
        _ = try avgPool.build(inputShape: declaredShape, seed: 0)

        var files: [String] = []
        var squareEdges = 0.0
        // The shapes of the tensors computed (not the layers' shape inference): the filter's
        // output and both poolings', the same for both images.
        var featureShapes: Set<[Int]> = [], pooledShapes: Set<[Int]> = []
        for (name, image) in [("fashion", photo), ("square", square)] {
            let features = edge(Variable(image))
            let maxed = maxPool(features), averaged = avgPool(features)
            featureShapes.insert(features.shape)
            pooledShapes.formUnion([maxed.shape, averaged.shape])
            files += try drawPictures(name: name, stages: [("input", image), ("edges", features.value), ("maxpool", maxed.value),
                                                           ("avgpool", averaged.value)], folder: options.outputDirectory,
                                          language: options.language)
            if name == "square" { squareEdges = (features.value .> 0).converted(to: .float32).sum().item }
        }
        guard featureShapes.count == 1, pooledShapes.count == 1, let featureShape = featureShapes.first,
              let pooledShape = pooledShapes.first else {
            throw LayerError.invalidConfig(layer: "convolution lesson", message: "images gave different shapes: \(featureShapes), \(pooledShapes)")
        }
        let text = """
        Convolution and pooling (lecture 000)

        The filter (Laplacian, an edge detector):
          -1 -1 -1
          -1  8 -1
          -1 -1 -1
        It slides over the 28×28 image with stride 1 and no padding: every 3×3 window gives one
        number, so the output is 26×26. ReLU keeps the positive responses: on the flat inside of
        the square and on the black background the filter sums to 0; only the border lights up
        (\(Int(squareEdges)) pixels).

        input shape  \(photo.shape)   (N, height, width, channels)
        output shape \(featureShape)
        2×2 max pooling keeps each window's largest value, average pooling its mean:
        pooled shape \(pooledShape)

        Pictures (PNG, upscaled; edges and both poolings on one scale, so average pooling is darker than max pooling):
        \(files.map { "  " + $0 }.joined(separator: "\n"))
        """
        return LessonReport(text: text, figures: [
            "input_shape": .numbers(photo.shape.map(Double.init)),
            "output_shape": .numbers(featureShape.map(Double.init)),
            "pooled_shape": .numbers(pooledShape.map(Double.init)),
            "square_edge_pixels": .number(squareEdges),
            "files": .array(files.map { .string($0) }),
        ])
    }
}
