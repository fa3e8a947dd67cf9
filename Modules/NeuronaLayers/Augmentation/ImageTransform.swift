import Foundation
import NeuronaAutograd
import NeuronaCore

/// A projective transform of an image in Keras's and TensorFlow's layout: eight numbers
/// `[a0, a1, a2, b0, b1, b2, c0, c1]` that send each *output* pixel `(x, y)` (column, row) to
/// the *input* point it reads, `((a0·x + a1·y + a2) / k, (b0·x + b1·y + b2) / k)` with
/// `k = c0·x + c1·y + 1`.
///
/// The geometric augmentation layers make theirs with ``rotation(degrees:height:width:)``,
/// ``translation(rows:columns:)`` and ``zoom(height:width:imageHeight:imageWidth:)``, the
/// matrices Keras's `RandomRotation`, `RandomTranslation` and `RandomZoom` build, and apply
/// them with ``NeuronaAutograd/Variable/transformedImages(_:interpolation:fillMode:fillValue:)``.
public struct ImageTransform: Equatable, Sendable {
    /// `[a0, a1, a2, b0, b1, b2, c0, c1]`.
    public var coefficients: [Double]

    /// A transform from its eight coefficients.
    /// - Parameter coefficients: `[a0, a1, a2, b0, b1, b2, c0, c1]` (eight numbers).
    public init(_ coefficients: [Double]) {
        checkPrecondition(coefficients.count == 8, "ImageTransform: needs 8 coefficients, got \(coefficients.count)")
        self.coefficients = coefficients
    }

    /// The identity: every pixel reads itself.
    public static let identity = ImageTransform([1, 0, 0, 0, 1, 0, 0, 0])

    /// A rotation by `degrees` (counter-clockwise for positive angles, as Keras's `RandomRotation`)
    /// about the centre of an image of `height × width` pixels, `((width − 1)/2, (height − 1)/2)`.
    /// - Parameters:
    ///   - degrees: The angle in degrees.
    ///   - height: The image's rows.
    ///   - width: The image's columns.
    public static func rotation(degrees: Double, height: Int, width: Int) -> ImageTransform {
        let angle = degrees * .pi / 180
        let (cosine, sine) = (cos(angle), sin(angle))
        let cx = 0.5 * Double(width - 1), cy = 0.5 * Double(height - 1)
        let (a0, a1, b0, b1) = (cosine, -sine, sine, cosine)
        return ImageTransform([a0, a1, cx - cx * a0 - cy * a1, b0, b1, cy - cx * b0 - cy * b1, 0, 0])
    }

    /// A shift by `rows` pixels down and `columns` pixels right (negative: up, left).
    /// - Parameters:
    ///   - rows: The shift along the rows, in pixels.
    ///   - columns: The shift along the columns, in pixels.
    public static func translation(rows: Double, columns: Double) -> ImageTransform {
        ImageTransform([1, 0, -columns, 0, 1, -rows, 0, 0])
    }

    /// A zoom about the image's centre that reads `height` times as many rows and `width` times
    /// as many columns: factors above 1 zoom out, below 1 zoom in (Keras's `RandomZoom` matrix).
    /// - Parameters:
    ///   - height: The factor along the rows.
    ///   - width: The factor along the columns.
    ///   - imageHeight: The image's rows.
    ///   - imageWidth: The image's columns.
    public static func zoom(height: Double, width: Double, imageHeight: Int, imageWidth: Int) -> ImageTransform {
        ImageTransform([width, 0, Double(imageWidth - 1) / 2 * (1 - width),
                        0, height, Double(imageHeight - 1) / 2 * (1 - height), 0, 0])
    }

    /// The input point output pixel `(x, y)` reads, or nil where `k = 0` (a point at infinity,
    /// which takes the fill value) or where the coefficients make it no number at all.
    func source(x: Double, y: Double) -> (x: Double, y: Double)? {
        let c = coefficients
        let k = c[6] * x + c[7] * y + 1
        guard k != 0 else { return nil }
        let point = ((c[0] * x + c[1] * y + c[2]) / k, (c[3] * x + c[4] * y + c[5]) / k)
        return point.0.isFinite && point.1.isFinite ? point : nil
    }
}

extension Variable {
    /// Channels-last images `[N, H, W, C]` resampled through one ``ImageTransform`` per image
    /// (Keras's `keras.ops.image.affine_transform`, TensorFlow's `ImageProjectiveTransformV3`).
    ///
    /// Each output pixel reads its input point (see ``ImageTransform``), brought back inside
    /// the image by `fillMode` (`constant` leaves it where it is). `nearest` reads the pixel the
    /// point rounds to (halves away from zero); `bilinear` weighs the four pixels around it.
    /// Any pixel read outside the image reads `fillValue` (TensorFlow 2.21's rule: under
    /// `constant`, a point half a pixel outside blends the edge with the fill value). For given transforms the result is linear in the images, so the gradient
    /// is the transposed map: each output pixel's gradient goes back to the pixels it read,
    /// by the same weights (computed once, as one `indexSelect` whose backward pass is an
    /// `indexAdd`).
    ///
    /// - Parameters:
    ///   - transforms: One transform per image, or one for all.
    ///   - interpolation: `nearest` or `bilinear`.
    ///   - fillMode: How points outside the image are read.
    ///   - fillValue: The value of points outside the image under `constant`.
    public func transformedImages(_ transforms: [ImageTransform], interpolation: ImageInterpolation = .bilinear,
                                  fillMode: FillMode = .constant, fillValue: Double = 0) -> Variable {
        checkPrecondition(rank == 4, "transformedImages: expected images [N, H, W, C], got shape \(shape)")
        let (n, h, w, c) = (shape[0], shape[1], shape[2], shape[3])
        checkPrecondition(transforms.count == n || transforms.count == 1,
                          "transformedImages: \(transforms.count) transforms for \(n) images (give one per image, or one)")
        let reads = ResamplingReads(imageCount: n, height: h, width: w, transforms: transforms,
                                    interpolation: interpolation, fillMode: fillMode, fillValue: fillValue)
        let pixels = reshaped([n * h * w, c])
        let weights = Tensor(reads.weights, shape: [n * h * w, reads.readsPerPixel, 1], dtype: dtype)
        let gathered = pixels.indexSelect(Tensor(reads.rows, shape: [reads.rows.count]))
            .reshaped([n * h * w, reads.readsPerPixel, c])
        var output = (gathered * weights).sum(axes: [1])
        if reads.fills.contains(where: { $0 != 0 }) {
            output = output + Tensor(reads.fills, shape: [n * h * w, 1], dtype: dtype)
        }
        return output.reshaped([n, h, w, c])
    }
}

/// For every output pixel, the input pixels it reads with their weights, and the part of
/// the fill value it takes: TensorFlow's `ProjectiveGenerator` written as a sparse linear map.
struct ResamplingReads {
    /// Input reads per output pixel: 1 (nearest) or 4 (bilinear).
    let readsPerPixel: Int
    /// The input pixel (row of the `[N·H·W, C]` view) of each read; 0 for a read that takes the fill value.
    private(set) var rows: [Int64]
    /// The weight of each read (0 for a read of the fill value).
    private(set) var weights: [Double]
    /// The fill value's part of each output pixel.
    private(set) var fills: [Double]

    init(imageCount n: Int, height h: Int, width w: Int, transforms: [ImageTransform],
         interpolation: ImageInterpolation, fillMode: FillMode, fillValue: Double) {
        readsPerPixel = interpolation == .nearest ? 1 : 4
        rows = [Int64](repeating: 0, count: n * h * w * readsPerPixel)
        weights = [Double](repeating: 0, count: rows.count)
        fills = [Double](repeating: 0, count: n * h * w)
        for image in 0..<n {
            let transform = transforms.count == 1 ? transforms[0] : transforms[image]
            for y in 0..<h {
                for x in 0..<w {
                    let pixel = (image * h + y) * w + x
                    guard let point = transform.source(x: Double(x), y: Double(y)) else { fills[pixel] = fillValue; continue }
                    let sx = fillMode.mapped(point.x, length: w), sy = fillMode.mapped(point.y, length: h)
                    // Only `constant` leaves points outside. One a pixel or more beyond the edge
                    // reads nothing but the fill value (and is kept away from Int's range).
                    guard sx > -1, sx < Double(w), sy > -1, sy < Double(h) else { fills[pixel] = fillValue; continue }
                    var slot = pixel * readsPerPixel
                    func read(row: Double, column: Double, weight: Double) {
                        let (r, col) = (Int(row), Int(column))
                        if r >= 0 && r < h && col >= 0 && col < w {
                            rows[slot] = Int64((image * h + r) * w + col)
                            weights[slot] = weight
                        } else {
                            fills[pixel] += weight * fillValue
                        }
                        slot += 1
                    }
                    switch interpolation {
                    case .nearest:
                        read(row: sy.rounded(), column: sx.rounded(), weight: 1)
                    case .bilinear:
                        let (y0, x0) = (sy.rounded(.down), sx.rounded(.down))
                        let (y1, x1) = (y0 + 1, x0 + 1)
                        read(row: y0, column: x0, weight: (y1 - sy) * (x1 - sx))
                        read(row: y0, column: x1, weight: (y1 - sy) * (sx - x0))
                        read(row: y1, column: x0, weight: (sy - y0) * (x1 - sx))
                        read(row: y1, column: x1, weight: (sy - y0) * (sx - x0))
                    }
                }
            }
        }
    }
}
