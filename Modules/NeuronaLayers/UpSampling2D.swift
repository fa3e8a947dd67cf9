import NeuronaAutograd
import NeuronaCore

/// Enlarges channels-last images `[N, H, W, C]` by whole factors to `[N, H·sh, W·sw, C]`
/// (Keras's `UpSampling2D`): a decoder's or an autoencoder's way back up. No parameters.
///
/// `nearest` repeats each pixel `sh × sw` times. `bilinear` interpolates between the four
/// nearest pixels with half-pixel centres (TensorFlow's `resize`, PyTorch's
/// `interpolate(align_corners=False)`): output pixel `i` reads input position
/// `(i + ½)/s − ½`, clamped to the image. Both are linear maps, computed as a broadcast
/// (nearest) or as two matrix products, one per axis (bilinear); their gradients are the
/// transposed maps.
public final class UpSampling2D: ConfigurableLayer, StatefulLayer {
    public static let typeName = "UpSampling2D"

    /// How the new pixels are computed (Keras's `interpolation`): `nearest` repeats each pixel,
    /// `bilinear` interpolates with half-pixel centres.
    public typealias Interpolation = ImageInterpolation

    /// The settings, as in JSON: `size` and `interpolation`.
    public struct Config: LayerConfig {
        /// The factors along the rows and the columns.
        public var size: SizePair
        /// `nearest` or `bilinear`.
        public var interpolation: Interpolation
        public static let defaults = UpSampling2D().config
        public func validate() throws {
            try requireSetting(size.isPositive, "size must be positive, got \(size)")
        }
    }

    /// The layer's settings.
    public let config: Config
    public var layerState = LayerState()
    /// Bilinear's interpolation matrices `[H·sh, H]` and `[W·sw, W]` for the built size.
    private var interpolationMatrices: (rows: Tensor, columns: Tensor)?

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The factors and the interpolation.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - size: The factors along the rows and the columns, e.g. 2 or `SizePair(2, 3)`.
    ///   - interpolation: `nearest` (repeat) or `bilinear`.
    public convenience init(size: SizePair = 2, interpolation: Interpolation = .nearest) {
        self.init(config: Config(size: size, interpolation: interpolation))
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[height, width, channels]", got: inputShape)
        }
        let (h, w, s) = (inputShape[0], inputShape[1], config.size)
        let (outH, outW) = (h.multipliedReportingOverflow(by: s.height), w.multipliedReportingOverflow(by: s.width))
        guard !outH.overflow, !outW.overflow else {
            throw LayerError.invalidConfig(layer: Self.typeName, message: "size \(s) makes images of \(inputShape) too large")
        }
        if config.interpolation == .bilinear {
            interpolationMatrices = (Self.bilinearMatrix(from: h, to: outH.partialValue), Self.bilinearMatrix(from: w, to: outW.partialValue))
        }
        return layerState.built(input: inputShape, output: [outH.partialValue, outW.partialValue, inputShape[2]])
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let output = outputShape else { preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))") }
        let (n, h, w, c) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let s = config.size
        switch config.interpolation {
        case .nearest:
            return input.reshaped([n, h, 1, w, 1, c]).broadcast(to: [n, h, s.height, w, s.width, c]).reshaped([n] + output)
        case .bilinear:
            guard let (rows, columns) = interpolationMatrices else { preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))") }
            let dtype = input.dtype
            // Rows: [H', H]·[N, H, W·C]; then columns: [W', W]·[N·H', W, C].
            let alongRows = Variable(rows.converted(to: dtype)).matmul(input.reshaped([n, h, w * c]))
            let alongColumns = Variable(columns.converted(to: dtype)).matmul(alongRows.reshaped([n * output[0], w, c]))
            return alongColumns.reshaped([n] + output)
        }
    }

    /// The `[outputSize, inputSize]` matrix of linear interpolation with half-pixel centres:
    /// row `i` weighs the two input cells around `(i + ½)·inputSize/outputSize − ½` (clamped at 0;
    /// the upper cell clamped to the last), as TensorFlow's and PyTorch's bilinear resize.
    static func bilinearMatrix(from inputSize: Int, to outputSize: Int) -> Tensor {
        var m = [Double](repeating: 0, count: outputSize * inputSize)
        let scale = Double(inputSize) / Double(outputSize)
        for i in 0..<outputSize {
            let position = Swift.max((Double(i) + 0.5) * scale - 0.5, 0)
            let low = Swift.min(Int(position), inputSize - 1)
            let high = Swift.min(low + 1, inputSize - 1)
            let fraction = position - Double(low)
            m[i * inputSize + low] += 1 - fraction
            m[i * inputSize + high] += fraction
        }
        return Tensor(m, shape: [outputSize, inputSize], dtype: .float64)
    }
}
