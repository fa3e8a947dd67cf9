/// How pixels between the input's pixels are computed (Keras's `interpolation`): by
/// ``UpSampling2D`` and by the geometric augmentation layers (``RandomRotation``,
/// ``RandomTranslation``, ``RandomZoom``).
public enum ImageInterpolation: String, Codable, Sendable, CaseIterable {
    /// The nearest pixel's value.
    case nearest
    /// Linear along each axis between the neighbouring pixels.
    case bilinear
}
