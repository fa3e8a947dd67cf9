import Foundation
import NeuronaAutograd
import NeuronaCore
@testable import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// The augmentation layers' behaviour beyond Keras's pixels (AugmentationOracleTests): identity
/// in inference, draws from the seeded generator (the same run twice is the same bit for bit),
/// the factor conventions, and gradients that pass through.
struct AugmentationTests {
    /// One of each layer, settings away from their defaults.
    static func layers(seed: UInt64? = nil) -> [any StochasticLayer] {
        [RandomFlip(mode: .horizontal, seed: seed),
         RandomRotation(factor: 0.2, fillMode: .constant, seed: seed, fillValue: 0.5),
         RandomTranslation(heightFactor: 0.2, widthFactor: [-0.1, 0.3], fillMode: .wrap, seed: seed),
         RandomZoom(heightFactor: [-0.5, -0.3], widthFactor: 0.2, interpolation: .nearest, seed: seed),
         RandomContrast(factor: [0.3, 0.3], valueRange: [-10, 10], seed: seed)]
    }

    static func images(_ shape: [Int] = [3, 5, 6, 2], dtype: DType = .float64, seed: UInt64 = 1) -> Tensor {
        var g = RandomGenerator(seed: seed)
        return Tensor.uniform(shape, dtype: dtype, using: &g)
    }

    @Test(arguments: 0..<5)
    func inferencePassesTheImagesThrough(index: Int) throws {
        let layer = Self.layers(seed: 3)[index]
        try layer.build(inputShape: [5, 6, 2], seed: 0)
        let x = Variable(Self.images())
        layer.isTraining = false
        #expect(layer(x) === x, "\(layer.typeName)")
        layer.isTraining = true
        #expect(!layer(x).value.isIdentical(to: x.value), "\(layer.typeName): training changes the images")
    }

    /// Layers without a seed draw theirs from the model's generator when built: the same build
    /// seed gives the same augmented batches, bit for bit; another seed, other batches.
    @Test func theModelsSeedFixesEveryDraw() throws {
        func run(seed: UInt64) throws -> [Tensor] {
            let model = try Sequential(Self.layers().map { $0 as any Layer }, inputShape: [5, 6, 2], seed: seed)
            model.isTraining = true
            let x = Variable(Self.images())
            return [model(x).value, model(x).value]
        }
        let (a, b, c) = (try run(seed: 7), try run(seed: 7), try run(seed: 8))
        #expect(a[0].isIdentical(to: b[0]) && a[1].isIdentical(to: b[1]))
        #expect(!a[0].isIdentical(to: a[1]), "each batch draws anew")
        #expect(!a[0].isIdentical(to: c[0]))
    }

    /// A layer's own seed wins over the model's.
    @Test func aSeededLayerIgnoresTheModelsSeed() throws {
        func run(seed: UInt64) throws -> Tensor {
            let layer = RandomRotation(factor: 0.3, seed: 5)
            try layer.build(inputShape: [5, 6, 2], seed: seed)
            layer.isTraining = true
            return layer(Variable(Self.images())).value
        }
        #expect(try run(seed: 1).isIdentical(to: try run(seed: 2)))
    }

    /// A factor given as two equal bounds always draws that value: the layer's images are the
    /// transform's (rotation factor 0.1 is 36°, translation and zoom likewise).
    @Test func equalBoundsGiveTheTransformItself() throws {
        let x = Variable(Self.images())
        let cases: [(any StochasticLayer, ImageTransform)] = [
            (RandomRotation(factor: [0.1, 0.1]), .rotation(degrees: 36, height: 5, width: 6)),
            (RandomTranslation(heightFactor: [0.2, 0.2], widthFactor: [-0.5, -0.5]), .translation(rows: 1, columns: -3)),
            (RandomZoom(heightFactor: [0.3, 0.3]), .zoom(height: 1.3, width: 1.3, imageHeight: 5, imageWidth: 6)),
            (RandomZoom(heightFactor: [0.3, 0.3], widthFactor: [-0.2, -0.2]), .zoom(height: 1.3, width: 0.8, imageHeight: 5, imageWidth: 6)),
        ]
        for (layer, transform) in cases {
            try layer.build(inputShape: [5, 6, 2], seed: 0)
            layer.isTraining = true
            let expected = x.transformedImages([transform], fillMode: .reflect)
            #expect(maxDifference(layer(x).value, expected.value) < 1e-12, "\(layer.typeName)")
        }
    }

    /// The draws as Keras makes them: a flip when `u ≤ ½`; a rotation factor `f` gives angles in
    /// `[−f, f]` turns; a contrast factor `f` alone gives `[1, 1 + f)`, a pair `[l, u]` gives
    /// `[1 − l, 1 + u)` (Keras 3.15.1: `RandomContrast(0.5).factor == (0, 0.5)`).
    @Test func theDrawsFollowKerasConventions() throws {
        let x = Variable(Self.images([4, 5, 6, 1]))
        var g = RandomGenerator(seed: 9)
        let flip = RandomFlip(mode: .vertical, seed: 9)
        let flips = (0..<4).map { _ in g.nextUnitDouble() <= 0.5 }
        try flip.build(inputShape: [5, 6, 1], seed: 0)
        flip.isTraining = true
        #expect(flip(x).value.isIdentical(to: flip.flipped(x, flips: flips).value))

        g = RandomGenerator(seed: 9)
        let contrast = RandomContrast(factor: 0.5, valueRange: [-5, 5], seed: 9)
        let single = (0..<4).map { _ in 1 + 0.5 * g.nextUnitDouble() }
        try contrast.build(inputShape: [5, 6, 1], seed: 0)
        contrast.isTraining = true
        #expect(contrast(x).value.isIdentical(to: contrast.contrasted(x, factors: single).value))
        #expect(RandomContrast(factor: [0.5, 0.2]).config.factor.bounds { (0, $0) } == (0.2, 0.5))

        var rotation = RandomRotation(factor: 0.25, seed: 4).generator
        let angles = (0..<1000).map { _ in -90 + 180 * rotation.nextUnitDouble() }
        #expect(angles.min()! >= -90 && angles.max()! < 90 && angles.min()! < -85 && angles.max()! > 85)
    }

    /// Keras's flip in `horizontal_and_vertical` mode makes one draw for both axes: an image is
    /// turned half a turn or left alone, never flipped along one axis only.
    @Test func bothAxesFlipTogether() throws {
        let x = Variable(Self.images([16, 3, 4, 1]))
        let layer = RandomFlip(seed: 2)
        try layer.build(inputShape: [3, 4, 1], seed: 0)
        layer.isTraining = true
        let y = layer(x).value
        let halfTurn = RandomFlip(mode: .horizontalAndVertical).flipped(x, flips: Array(repeating: true, count: 16)).value
        var turned = 0
        for i in 0..<16 {
            let (image, original, rotated) = (y[i], x.value[i], halfTurn[i])
            #expect(image.isIdentical(to: original) || image.isIdentical(to: rotated))
            if image.isIdentical(to: rotated) { turned += 1 }
        }
        #expect(turned > 0 && turned < 16)
    }

    /// Gradients flow to the input through every layer in training (float64 finite differences;
    /// the maps are linear in the images for drawn parameters, so differences are exact up to
    /// rounding: 1e-6 as for the other layers). The generator is reset before each call, so
    /// every evaluation draws the same parameters.
    @Test(arguments: 0..<5)
    func gradientsPassThrough(index: Int) throws {
        let layer = Self.layers(seed: 11)[index]
        try layer.build(inputShape: [5, 6, 2], seed: 0)
        layer.isTraining = true
        let start = layer.generator
        // Contrast clips at ±10: images in [0, 1] stay far inside, away from the clip's corners.
        let result = GradientChecker.check(inputs: [Self.images()]) { v in
            layer.generator = start
            return layer(v[0])
        }
        #expect(result.passed, "\(layer.typeName): \(result)")
    }

    /// Every fill mode and interpolation, through the transform directly, at first and second order.
    @Test(arguments: FillMode.allCases, ImageInterpolation.allCases)
    func transformGradients(fillMode: FillMode, interpolation: ImageInterpolation) {
        let transforms = [ImageTransform.rotation(degrees: 33, height: 5, width: 6), .zoom(height: 1.4, width: 0.7, imageHeight: 5, imageWidth: 6),
                          .translation(rows: -2.3, columns: 4.6)]
        let first = GradientChecker.check(inputs: [Self.images()]) {
            $0[0].transformedImages(transforms, interpolation: interpolation, fillMode: fillMode, fillValue: 0.3)
        }
        #expect(first.passed, "\(first)")
        let second = GradientChecker.checkSecondOrder(inputs: [Self.images([3, 3, 4, 1])]) {
            let y = $0[0].transformedImages(transforms, interpolation: interpolation, fillMode: fillMode, fillValue: 0.3)
            return y * y
        }
        #expect(second.passed, "\(second)")
    }

    /// TensorFlow's fill rules on one row of 4 pixels `a b c d`, by hand from the table in
    /// FillMode's documentation: reflect `d c b a | a b c d | d c b a`, wrap
    /// `a b c d | a b c d | a b c d`, nearest `a a a a | a b c d | d d d d`. TensorFlow's wrap
    /// counts its periods in `length − 1` (`MapCoordinate<FILL_WRAP>`), so points more than
    /// 3 pixels out land elsewhere (−3 reads d, 6 reads a): followed as it is, and covered by
    /// the Keras oracle's wrap cases.
    @Test func fillModesMapCoordinatesAsTensorFlow() {
        func mapped(_ mode: FillMode, _ points: [Double]) -> [Double] { points.map { mode.mapped($0, length: 4) } }
        expectEqual(mapped(.reflect, [-4, -3, -2, -1, 4, 5, 6, 7]), [3, 2, 1, 0, 3, 2, 1, 0])
        expectEqual(mapped(.wrap, [-2, -1, 4, 5]), [2, 3, 0, 1])
        expectEqual(mapped(.wrap, [-3, 6]), [3, 0])
        expectEqual(mapped(.nearest, [-3, 5]), [0, 3])
        expectEqual(FillMode.constant.mapped(-3, length: 4), -3)
        #expect(FillMode.reflect.mapped(1e300, length: 4).isFinite, "far points stay numbers")
    }

    @Test func imagesOfTheWrongRankAreRefused() {
        #expect(throws: LayerError.incompatibleInputShape(layer: "RandomZoom", expected: "[height, width, channels]", got: [28, 28])) {
            try RandomZoom(heightFactor: 0.1).build(inputShape: [28, 28], seed: 0)
        }
    }

    /// Keras's class names and JSON keys load, with Keras's defaults.
    @Test func kerasConfigsLoadWithKerasDefaults() throws {
        let rotation = try #require(try LayerRegistry.default.make(from: #"{"type": "RandomRotation", "factor": 0.1}"#) as? RandomRotation)
        expectEqual(rotation.config, RandomRotation(factor: 0.1, fillMode: .reflect, interpolation: .bilinear, seed: nil, fillValue: 0).config)
        let flip = try #require(try LayerRegistry.default.make(from: #"{"type": "RandomFlip"}"#) as? RandomFlip)
        expectEqual(flip.config.mode, .horizontalAndVertical)
        let zoom = try #require(try LayerRegistry.default.make(from: #"{"type": "RandomZoom", "height_factor": 0.2, "width_factor": null}"#) as? RandomZoom)
        #expect(zoom.config.widthFactor == nil && zoom.config.fillMode == .reflect)
        let contrast = try #require(try LayerRegistry.default.make(from: #"{"type": "RandomContrast", "factor": [0, 0.5]}"#) as? RandomContrast)
        expectEqual(contrast.config.valueRange, [0, 255])
        #expect(throws: LayerError.self) { try LayerRegistry.default.make(from: #"{"type": "RandomRotation", "factor": 0.1, "fill_mode": "mirror"}"#) }
    }
}

private func maxDifference(_ a: Tensor, _ b: Tensor) -> Double {
    zip(a.doubles, b.doubles).map { Swift.abs($0 - $1) }.max() ?? .infinity
}
