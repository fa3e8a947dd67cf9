/// How a sliding window treats the border (Keras's `padding`).
public enum Padding: String, Codable, Sendable {
    /// No padding: the window stays inside the input; the output shrinks.
    case valid
    /// Zeros around the input so that the output is ⌈input / stride⌉ in size.
    case same
    /// Zeros before the sequence only, `(kernel − 1)·dilation` of them, so that an output step
    /// sees no later input step (``Conv1D`` only, as in Keras; output ⌈input / stride⌉).
    case causal

    /// Throws unless this padding is `valid` or `same`: `causal` is for ``Conv1D`` only.
    func requireValidOrSame() throws {
        try requireSetting(self != .causal, "padding \"causal\" is for Conv1D only; use \"valid\" or \"same\"")
    }
}
