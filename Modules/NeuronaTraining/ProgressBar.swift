import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keras's progress line: `1875/1875 [==============================] - 2s 1ms/step - loss: 0.5003 - accuracy: 0.8238`.
///
/// On a terminal it is redrawn in place as batches finish, shortened to fit the terminal's width
/// (read with `TIOCGWINSZ` at every redraw; 80 columns when unknown) so it never wraps, and every
/// redraw erases to the end of the line (`\r` + text + `ESC[K`) so no stale characters remain.
/// When it does not fit, it gives up, in order: bar width (down to 10), the per-step time, the
/// bar, the time or ETA, then the values from the last one (loss stays), then characters at the end.
/// Otherwise (output to a file or pipe) only the finished line is printed, once per epoch, in full.
public struct ProgressBar {
    /// The number of steps (batches) in the epoch.
    public let total: Int
    /// The bar's width in characters when the terminal is wide enough.
    public let width = 30
    /// Whether to redraw in place (the output is a terminal).
    public let interactive: Bool
    /// The file descriptor written to (standard output unless a test passes a pseudo-terminal).
    public let output: Int32
    /// The shortest time between two redraws, in seconds.
    public let redrawInterval: Double
    private var lastDraw = -Double.infinity
    private let start: Double

    /// The width assumed when the output is not a terminal or reports no size.
    public static let defaultColumns = 80
    /// The narrowest bar drawn before the bar is dropped.
    public static let minimumBarWidth = 10

    /// A progress bar for an epoch of `total` steps.
    /// - Parameters:
    ///   - total: the number of steps.
    ///   - interactive: redraw in place (default: when `output` is a terminal).
    ///   - output: the file descriptor to write to (default: standard output).
    ///   - redrawInterval: the shortest time between redraws in seconds (default 50 ms).
    public init(total: Int, interactive: Bool? = nil, output: Int32 = STDOUT_FILENO, redrawInterval: Double = 0.05) {
        self.total = total
        self.output = output
        self.interactive = interactive ?? (isatty(output) != 0)
        self.redrawInterval = redrawInterval
        self.start = ProgressBar.now()
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// The terminal's width in columns for `descriptor` (`TIOCGWINSZ`), or ``defaultColumns``.
    public static func terminalColumns(_ descriptor: Int32 = STDOUT_FILENO) -> Int {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return defaultColumns }
        return Int(size.ws_col)
    }

    /// The full line for `step` of `total` after `elapsed` seconds with the given values (no width limit).
    public static func line(step: Int, total: Int, elapsed: Double, values: [(String, Double)], width: Int = 30) -> String {
        Parts(step: step, total: total, elapsed: elapsed, values: values).text(barWidth: width, perStep: true, timing: true,
                                                                              valueCount: values.count)
    }

    /// The line shortened to at most `columns` characters.
    public static func line(step: Int, total: Int, elapsed: Double, values: [(String, Double)], width: Int = 30,
                            fitting columns: Int) -> String {
        let parts = Parts(step: step, total: total, elapsed: elapsed, values: values)
        var candidates: [String] = []
        for bar in stride(from: width, through: minimumBarWidth, by: -1) {
            candidates.append(parts.text(barWidth: bar, perStep: true, timing: true, valueCount: values.count))
        }
        candidates.append(parts.text(barWidth: minimumBarWidth, perStep: false, timing: true, valueCount: values.count))
        candidates.append(parts.text(barWidth: nil, perStep: false, timing: true, valueCount: values.count))
        for count in stride(from: values.count, through: Swift.min(1, values.count), by: -1) {
            candidates.append(parts.text(barWidth: nil, perStep: false, timing: false, valueCount: count))
        }
        if let fitting = candidates.first(where: { $0.count <= columns }) { return fitting }
        return String((candidates.last ?? "").prefix(Swift.max(0, columns)))
    }

    /// The pieces of one progress line.
    struct Parts {
        let step: Int, total: Int, elapsed: Double, values: [(String, Double)]

        func text(barWidth: Int?, perStep: Bool, timing: Bool, valueCount: Int) -> String {
            let digits = String(total).count
            var line = String(repeating: " ", count: Swift.max(0, digits - String(step).count)) + "\(step)/\(total)"
            if let width = barWidth {
                let filled = total == 0 ? width : width * Swift.min(step, total) / total
                line += " ["
                if step >= total {
                    line += String(repeating: "=", count: width)
                } else {
                    line += String(repeating: "=", count: Swift.max(0, filled - 1)) + ">" + String(repeating: ".", count: width - Swift.max(filled, 1))
                }
                line += "]"
            }
            if timing {
                if step >= total {
                    line += " - \(Int(elapsed.rounded()))s"
                    if perStep { line += " \(ProgressBar.timeText(elapsed / Double(Swift.max(step, 1))))/step" }
                } else {
                    let eta = elapsed / Double(Swift.max(step, 1)) * Double(total - step)
                    line += " - ETA: \(Int(eta.rounded()))s"
                }
            }
            for (name, value) in values.prefix(valueCount) { line += " - \(name): " + String(format: "%.4f", value) }
            return line
        }
    }

    static func timeText(_ seconds: Double) -> String {
        if seconds >= 1 { return "\(Int(seconds.rounded()))s" }
        if seconds >= 1e-3 { return "\(Int((seconds * 1e3).rounded()))ms" }
        return "\(Int((seconds * 1e6).rounded()))us"
    }

    /// Called after each batch: redraws at most every ``redrawInterval`` seconds on a terminal.
    public mutating func update(step: Int, values: [(String, Double)]) {
        guard interactive else { return }
        let t = ProgressBar.now()
        if step < total && t - lastDraw < redrawInterval { return }
        lastDraw = t
        draw(step: step, values: values, elapsed: t - start, final: false)
    }

    /// Called once at the end of the epoch with the final values.
    public func finish(values: [(String, Double)]) {
        let elapsed = ProgressBar.now() - start
        if interactive {
            draw(step: total, values: values, elapsed: elapsed, final: true)
        } else {
            write(ProgressBar.line(step: total, total: total, elapsed: elapsed, values: values, width: width) + "\n")
        }
    }

    /// Redraws the line in place: carriage return, the line fitted to one column less than the
    /// terminal (so the cursor never reaches the last column and wraps), erase to end of line.
    func draw(step: Int, values: [(String, Double)], elapsed: Double, final: Bool) {
        let columns = ProgressBar.terminalColumns(output) - 1
        let text = ProgressBar.line(step: step, total: total, elapsed: elapsed, values: values, width: width, fitting: columns)
        write("\r" + text + "\u{1B}[K" + (final ? "\n" : ""))
    }

    private func write(_ text: String) {
        // Output written with `print` before (the "Epoch 1/5" header) must come first.
        fflush(stdout)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(output, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { if n < 0 && errno == EINTR { continue }; return }
            offset += n
        }
    }
}
