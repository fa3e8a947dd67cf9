/// Maps a number in [0, 1] to a colour by interpolating between anchor colours.
public struct ColorMap: Sendable {
    /// The colours at 0, …, 1, evenly spaced.
    public let anchors: [RGB]

    /// A colour map through `anchors`, evenly spaced from 0 to 1.
    /// - Parameter anchors: at least two colours.
    public init(_ anchors: [RGB]) {
        self.anchors = anchors.count >= 2 ? anchors : [.black, .white]
    }

    /// The colour at `t` (clamped to [0, 1]; NaN gives the lowest colour).
    public func color(_ t: Double) -> RGB {
        let u = Swift.max(0, Swift.min(1, t.isFinite ? t : 0)) * Double(anchors.count - 1)
        let i = Swift.min(Int(u), anchors.count - 2)
        return anchors[i].mixed(with: anchors[i + 1], u - Double(i))
    }

    /// Black (0) to white (1): images as `plt.imshow(cmap="gray")` shows them.
    public static let grey = ColorMap([.black, .white])
    /// White (0) to black (1): Fashion-MNIST as the lecture's ggplot shows it.
    public static let inverseGrey = ColorMap([.white, .black])
    /// White to dark blue: counts in a confusion matrix.
    public static let blues = ColorMap([RGB(hex: 0xF7FBFF), RGB(hex: 0x9ECAE1), RGB(hex: 0x3182BD), RGB(hex: 0x08306B)])
    /// Blue (negative) through white (0 at the middle) to red (positive): signed weights.
    public static let diverging = ColorMap([RGB(hex: 0x2166AC), RGB(hex: 0x92C5DE), .white, RGB(hex: 0xF4A582), RGB(hex: 0xB2182B)])
    /// Dark purple through teal to yellow (viridis): activations, brighter is larger.
    public static let viridis = ColorMap([RGB(hex: 0x440154), RGB(hex: 0x3B528B), RGB(hex: 0x21918C),
                                          RGB(hex: 0x5EC962), RGB(hex: 0xFDE725)])
    /// Orange (class 0, probability 0) through white to blue (class 1): the TensorFlow
    /// playground's colours.
    public static let playground = ColorMap([RGB(hex: 0xF59322), RGB(hex: 0xE8EAEB), RGB(hex: 0x0877BD)])
}

/// The values that map to the two ends of a colour map.
public struct ValueRange: Equatable, Sendable {
    /// The value shown with the colour map's lowest colour.
    public var lower: Double
    /// The value shown with its highest colour.
    public var upper: Double

    /// A range from `lower` to `upper`.
    /// - Parameters:
    ///   - lower: the value at colour 0.
    ///   - upper: the value at colour 1.
    public init(_ lower: Double, _ upper: Double) {
        (self.lower, self.upper) = (lower, upper)
    }

    /// The smallest and largest finite value among `values` (0...1 when there is none).
    /// - Parameter values: The values to cover; NaN and infinities are skipped.
    public init(covering values: [Double]) {
        let finite = values.filter(\.isFinite)
        self.init(finite.min() ?? 0, finite.max() ?? 1)
    }

    /// A range symmetric around 0 that covers `values`: for a diverging map, so 0 is white.
    public static func symmetric(covering values: [Double]) -> ValueRange {
        let m = values.filter(\.isFinite).map { Swift.abs($0) }.max() ?? 1
        return ValueRange(-m, m)
    }

    /// Where `value` lies in the range, 0 to 1 (0.5 for an empty range).
    public func fraction(_ value: Double) -> Double {
        upper - lower > 0 ? (value - lower) / (upper - lower) : 0.5
    }
}
