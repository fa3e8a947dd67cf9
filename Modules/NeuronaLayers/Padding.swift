/// How a sliding window treats the image border (Keras's `padding`).
public enum Padding: String, Codable, Sendable {
    /// No padding: the window stays inside the image; the output shrinks.
    case valid
    /// Zeros around the image so that the output is ⌈input / stride⌉ in size.
    case same
}
