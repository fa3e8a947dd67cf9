import Foundation
import NeuronaAutograd
import NeuronaCore
@testable import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// The augmentation layers against Keras 3.15.1 (Fixtures/augmentation_oracles.json, written by
/// Tests/Oracles/make_augmentation_oracles.py with the TensorFlow backend): given the random
/// parameters one draw gave each image, the images must be the ones Keras's own layer makes
/// from them (TensorFlow's ImageProjectiveTransformV3 for rotations, shifts and zooms).
///
/// Tolerances: TensorFlow computes the sampling points and the bilinear weights in float32
/// even for float64 images. A point's coordinates (|x| ≤ 27 pixels on these 7×9 images) carry
/// a few float32 roundings, about 3 · 27 · 2⁻²⁴ ≈ 5e-6 pixel, and neighbouring pixels differ by
/// at most 1 here, so values differ by at most ~1e-5: held to 2e-5 (float32 outputs add
/// 4 · 2⁻²⁴ for their own sums). A nearest-pixel case was checked by the generator to pick the
/// same pixels when every point moves by 1e-4, so float32 rounding cannot change them. Flips
/// move values: held bit for bit (in float32, to the rounding of the float64 inputs, 2⁻²⁴). Contrast is computed in float64 by Keras: its channel means
/// sum 63 values, so 1e-12 of the value range.
struct AugmentationOracleTests {
    struct Case: Decodable, Sendable, CustomStringConvertible {
        var name: String
        var layer: String
        var config: [String: JSONScalar]
        var parameters: [String: [JSONScalar]]
        var input: [Double]
        var inputShape: [Int]
        var output: [Double]
        var outputShape: [Int]
        var description: String { name }

        enum CodingKeys: String, CodingKey {
            case name, layer, config, parameters, input, output
            case inputShape = "input_shape", outputShape = "output_shape"
        }

        func numbers(_ key: String) -> [Double] { parameters[key]?.compactMap(\.number) ?? [] }
        func setting(_ key: String) -> String? { config[key]?.string }
    }

    /// A number, a string, a flag or a list of numbers, as the manifest's configs hold them.
    enum JSONScalar: Decodable, Sendable {
        case number(Double), string(String), bool(Bool), numbers([Double])
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let n = try? c.decode(Double.self) { self = .number(n) }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else { self = .numbers(try c.decode([Double].self)) }
        }
        var number: Double? { if case .number(let n) = self { n } else if case .bool(let b) = self { b ? 1 : 0 } else { nil } }
        var string: String? { if case .string(let s) = self { s } else { nil } }
    }

    struct Manifest: Decodable { var cases: [Case]; var versions: [String: String] }

    static let manifest: Result<Manifest, any Error> = Result {
        let url = try #require(Bundle.module.url(forResource: "augmentation_oracles", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url))
    }

    static var cases: [Case] { (try? manifest.get().cases) ?? [] }

    /// The images a case's parameters give, by Neurona.
    static func neurona(_ c: Case, dtype: DType) throws -> Tensor {
        let x = Variable(Tensor(c.input, shape: c.inputShape, dtype: dtype))
        let (h, w) = (c.inputShape[1], c.inputShape[2])
        func resampled(_ transforms: [ImageTransform]) throws -> Tensor {
            let fill = try #require(FillMode(rawValue: c.setting("fill_mode") ?? ""))
            let interpolation = try #require(ImageInterpolation(rawValue: c.setting("interpolation") ?? ""))
            let fillValue = try #require(c.config["fill_value"]?.number)
            return x.transformedImages(transforms, interpolation: interpolation, fillMode: fill, fillValue: fillValue).value
        }
        switch c.layer {
        case "RandomRotation":
            return try resampled(c.numbers("degrees").map { ImageTransform.rotation(degrees: $0, height: h, width: w) })
        case "RandomTranslation":
            return try resampled(zip(c.numbers("row_fractions"), c.numbers("column_fractions")).map {
                ImageTransform.translation(rows: $0 * Double(h), columns: $1 * Double(w))
            })
        case "RandomZoom":
            return try resampled(zip(c.numbers("height_zooms"), c.numbers("width_zooms")).map {
                ImageTransform.zoom(height: $0, width: $1, imageHeight: h, imageWidth: w)
            })
        case "RandomFlip":
            let mode = try #require(RandomFlip.Mode(rawValue: c.setting("mode") ?? ""))
            return RandomFlip(mode: mode).flipped(x, flips: c.numbers("flips").map { $0 != 0 }).value
        case "RandomContrast":
            guard case .numbers(let range)? = c.config["value_range"] else { throw OracleError.missing("value_range") }
            return RandomContrast(factor: 0, valueRange: range).contrasted(x, factors: c.numbers("factors")).value
        default:
            throw OracleError.missing("layer \(c.layer)")
        }
    }

    enum OracleError: Error { case missing(String) }

    static func tolerance(_ c: Case, dtype: DType) -> Double {
        switch c.layer {
        case "RandomFlip": return dtype == .float32 ? 0x1p-24 : 0   // moved values: bit for bit, or float32's rounding of them
        case "RandomContrast": return 1e-12 * (c.output.max() ?? 1) + (dtype == .float32 ? 1e-6 * (c.output.max() ?? 1) : 0)
        default: return 2e-5 + (dtype == .float32 ? 4 * 0x1p-24 : 0)
        }
    }

    @Test(arguments: cases, [DType.float64, .float32])
    func matchesKeras(_ c: Case, _ dtype: DType) throws {
        let ours = try Self.neurona(c, dtype: dtype)
        expectEqual(ours.shape, c.outputShape)
        let difference = zip(ours.doubles, c.output).map { Swift.abs($0 - $1) }.max() ?? .infinity
        #expect(difference <= Self.tolerance(c, dtype: dtype), "\(c.name) \(dtype): largest difference \(difference)")
    }

    /// The fixture loads and covers every fill mode with both interpolations, and every layer.
    @Test func fixtureCoversEveryLayerAndMode() throws {
        let manifest = try Self.manifest.get()
        expectEqual(manifest.versions["keras"], "3.15.1")
        let rotations = manifest.cases.filter { $0.layer == "RandomRotation" }
        for fill in FillMode.allCases {
            for interpolation in ImageInterpolation.allCases {
                #expect(rotations.contains { $0.setting("fill_mode") == fill.rawValue && $0.setting("interpolation") == interpolation.rawValue },
                        "\(fill) \(interpolation)")
            }
        }
        expectEqual(Set(manifest.cases.map(\.layer)), ["RandomRotation", "RandomTranslation", "RandomZoom", "RandomFlip", "RandomContrast"])
        expectEqual(Set(manifest.cases.filter { $0.layer == "RandomFlip" }.compactMap { $0.setting("mode") }), Set(RandomFlip.Mode.allCases.map(\.rawValue)))
    }
}
