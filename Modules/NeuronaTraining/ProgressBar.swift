import Foundation

/// Keras's progress line: `1875/1875 [==============================] - 2s 1ms/step - loss: 0.5003 - accuracy: 0.8238`.
///
/// On a terminal it is redrawn in place as batches finish; otherwise only the finished line is
/// printed, once per epoch.
public struct ProgressBar {
    public let total: Int
    public let width = 30
    /// Whether to redraw in place (standard output is a terminal).
    public let interactive: Bool
    private var lastDraw = 0.0
    private let start: Double

    public init(total: Int, interactive: Bool = isatty(STDOUT_FILENO) != 0) {
        self.total = total
        self.interactive = interactive
        self.start = ProgressBar.now()
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// The line for `step` of `total` after `elapsed` seconds with the given values.
    public static func line(step: Int, total: Int, elapsed: Double, values: [(String, Double)], width: Int = 30) -> String {
        let digits = String(total).count
        var bar = String(repeating: " ", count: digits - String(step).count) + "\(step)/\(total) ["
        let filled = total == 0 ? width : width * step / total
        if step >= total {
            bar += String(repeating: "=", count: width)
        } else {
            bar += String(repeating: "=", count: Swift.max(0, filled - 1)) + ">" + String(repeating: ".", count: width - Swift.max(filled, 1))
        }
        bar += "]"
        if step >= total {
            let perStep = elapsed / Double(Swift.max(step, 1))
            bar += " - \(Int(elapsed.rounded()))s \(timeText(perStep))/step"
        } else {
            let eta = elapsed / Double(Swift.max(step, 1)) * Double(total - step)
            bar += " - ETA: \(Int(eta.rounded()))s"
        }
        for (name, value) in values { bar += " - \(name): " + String(format: "%.4f", value) }
        return bar
    }

    static func timeText(_ seconds: Double) -> String {
        if seconds >= 1 { return "\(Int(seconds.rounded()))s" }
        if seconds >= 1e-3 { return "\(Int((seconds * 1e3).rounded()))ms" }
        return "\(Int((seconds * 1e6).rounded()))us"
    }

    /// Called after each batch: redraws at most every 50 ms on a terminal.
    public mutating func update(step: Int, values: [(String, Double)]) {
        guard interactive else { return }
        let t = ProgressBar.now()
        if step < total && t - lastDraw < 0.05 { return }
        lastDraw = t
        FileHandle.standardOutput.write(Data(("\r" + ProgressBar.line(step: step, total: total, elapsed: t - start, values: values)).utf8))
    }

    /// Called once at the end of the epoch with the final values.
    public func finish(values: [(String, Double)]) {
        let text = ProgressBar.line(step: total, total: total, elapsed: ProgressBar.now() - start, values: values)
        if interactive {
            FileHandle.standardOutput.write(Data(("\r" + text + "\n").utf8))
        } else {
            print(text)
        }
    }
}
