/// An 8-bit sRGB colour.
public struct RGB: Equatable, Hashable, Sendable {
    /// Red, 0–255.
    public var red: UInt8
    /// Green, 0–255.
    public var green: UInt8
    /// Blue, 0–255.
    public var blue: UInt8

    /// A colour from its three channels.
    /// - Parameters:
    ///   - red: red, 0–255.
    ///   - green: green, 0–255.
    ///   - blue: blue, 0–255.
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        (self.red, self.green, self.blue) = (red, green, blue)
    }

    /// A colour from `0xRRGGBB`.
    /// - Parameter hex: the colour as a 24-bit number.
    public init(hex: UInt32) {
        self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF))
    }

    /// `#rrggbb`, for SVG.
    public var hexString: String {
        "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The colour `fraction` of the way from `self` to `other` (0 gives `self`, 1 gives `other`).
    public func mixed(with other: RGB, _ fraction: Double) -> RGB {
        let t = Swift.max(0, Swift.min(1, fraction.isFinite ? fraction : 0))
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
            let from = Double(a), to = Double(b)
            let value: Double = from + (to - from) * t
            return UInt8(value.rounded())
        }
        return RGB(mix(red, other.red), mix(green, other.green), mix(blue, other.blue))
    }

    /// White.
    public static let white = RGB(255, 255, 255)
    /// Black.
    public static let black = RGB(0, 0, 0)
    /// The grey of gridlines and frames.
    public static let grid = RGB(hex: 0xDDDDDD)
    /// The dark grey of axis text.
    public static let text = RGB(hex: 0x333333)
    /// The red that marks a wrong prediction.
    public static let wrong = RGB(hex: 0xD62728)
    /// The green of a right prediction.
    public static let right = RGB(hex: 0x2CA02C)
    /// The categorical palette of the charts (matplotlib's tab10).
    public static let palette: [RGB] = [0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD,
                                        0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF].map { RGB(hex: $0) }
}
