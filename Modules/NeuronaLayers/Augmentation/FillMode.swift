/// How a geometric transform fills the points that fall outside the input image (Keras's
/// `fill_mode`), as TensorFlow's `ImageProjectiveTransformV3` maps them, for an image row
/// `a b c d`:
///
/// | Mode | Outside the image |
/// |---|---|
/// | `reflect` | `d c b a │ a b c d │ d c b a`, reflected about the edge of the last pixel |
/// | `wrap` | `a b c d │ a b c d │ a b c d`, wrapped around to the opposite edge |
/// | `constant` | `k k k k │ a b c d │ k k k k`, the layer's `fill_value` k |
/// | `nearest` | `a a a a │ a b c d │ d d d d`, the nearest edge pixel |
public enum FillMode: String, Codable, Sendable, CaseIterable {
    /// Reflected about the edge of the last pixel (Keras's default).
    case reflect
    /// Wrapped around to the opposite edge.
    case wrap
    /// The fill value.
    case constant
    /// The nearest edge pixel.
    case nearest

    /// Where a coordinate `position` along an axis of `length` pixels reads, for the modes that
    /// bring outside points back inside (TensorFlow's `MapCoordinate`, which follows SciPy's
    /// `ndimage`); `constant` leaves it where it is. The result of the others is clamped to
    /// `[0, length − 1]`, so that a nearest-pixel read never rounds past the edge.
    func mapped(_ position: Double, length: Int) -> Double {
        let last = Double(length - 1)
        var p = position
        switch self {
        case .constant:
            return p
        case .nearest:
            break
        case .reflect:
            if length <= 1 { return 0 }
            let period = Double(2 * length)
            if p < 0 {
                p += period * (-p / period).rounded(.towardZero)   // as TensorFlow's cast to an integer
                p = p < -Double(length) ? p + period : -p - 1
            } else if p > last {
                p -= period * (p / period).rounded(.towardZero)
                if p >= Double(length) { p = period - p - 1 }
            }
        case .wrap:
            if length <= 1 { return 0 }
            let span = Double(length - 1)
            if p < 0 {
                p += Double(length) * ((-p / span).rounded(.towardZero) + 1)
            } else if p > last {
                p -= Double(length) * (p / span).rounded(.towardZero)
            }
        }
        return Swift.min(Swift.max(p, 0), last)
    }
}
