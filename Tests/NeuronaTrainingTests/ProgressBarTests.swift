import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import NeuronaTraining
import _NeuronaTestSupport

/// A terminal screen: interprets printable characters (with auto-wrap at the last column, as
/// xterm does), carriage return, line feed and `ESC[K` (erase to end of line).
struct TerminalScreen {
    let columns: Int
    var rows: [[Character]] = [[]]
    var row = 0, column = 0

    init(columns: Int) { self.columns = columns }

    mutating func feed(_ text: String) {
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            switch c {
            case "\r": column = 0
            case "\n": newLine()
            case "\r\n": column = 0; newLine()
            case "\u{1B}":
                // Only CSI K (erase to end of line) is expected; anything else is kept visible.
                if characters.prefix(2) == ["[", "K"] {
                    characters = characters.dropFirst(2)
                    if rows[row].count > column { rows[row].removeSubrange(column...) }
                } else {
                    put("^")
                }
            default: put(c)
            }
        }
    }

    private mutating func newLine() {
        row += 1
        while rows.count <= row { rows.append([]) }
    }

    private mutating func put(_ c: Character) {
        if column == columns { column = 0; newLine() }
        while rows[row].count < column { rows[row].append(" ") }
        if column < rows[row].count { rows[row][column] = c } else { rows[row].append(c) }
        column += 1
    }

    /// The screen's text lines, trailing empty ones removed.
    var lines: [String] {
        var lines = rows.map { String($0) }
        while lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// A pseudo-terminal of `columns` × 24, window size set with `TIOCSWINSZ`.
///
/// Opened as glibc's `posix_openpt`, `unlockpt` and `ptsname` do (Swift's Glibc module does not
/// declare them): `/dev/ptmx`, then `TIOCSPTLCK` (unlock) and `TIOCGPTN` (its number) on it,
/// whose values are Linux's `_IOW('T', 0x31, int)` and `_IOR('T', 0x30, unsigned int)`.
struct PseudoTerminal {
    let master: Int32, slave: Int32
    static let setLock: UInt = 0x4004_5431, getNumber: UInt = 0x8004_5430

    init(columns: Int) throws {
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, Self.setLock, &unlock) == 0, ioctl(master, Self.getNumber, &number) == 0 else {
            throw POSIXError(.ENODEV)
        }
        slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw POSIXError(.ENODEV) }
        var size = winsize(ws_row: 24, ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    /// What the terminal received since the last call (the driver turns "\n" into "\r\n").
    func drain() -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes += buffer.prefix(n)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func write(_ text: String) { _ = text.withCString { Glibc.write(slave, $0, strlen($0)) } }

    func close() { _ = Glibc.close(slave); _ = Glibc.close(master) }
}

@Suite struct ProgressBarTests {
    /// Three epochs of 1875 steps as `fit` draws them (header, running line, final line with
    /// validation values), on a pseudo-terminal `columns` wide; returns the screen.
    func screen(columns: Int) throws -> [String] {
        let terminal = try PseudoTerminal(columns: columns)
        defer { terminal.close() }
        var screen = TerminalScreen(columns: columns)
        expectEqual(ProgressBar.terminalColumns(terminal.slave), columns)
        for epoch in 1...3 {
            terminal.write("Epoch \(epoch)/3\n")
            var bar = ProgressBar(total: 1875, output: terminal.slave, redrawInterval: 0)
            #expect(bar.interactive)
            for step in stride(from: 1, through: 1875, by: 125) {
                // The loss shrinks from 12.3 to below 1: the line gets shorter, so stale characters would show.
                let loss = step < 900 ? 12.3456 - Double(step) / 1000 : 0.5 + Double(step) / 10_000
                bar.update(step: step, values: [("loss", loss), ("accuracy", 0.82 + Double(step) / 100_000)])
                screen.feed(terminal.drain())
            }
            bar.finish(values: [("loss", 0.5003), ("accuracy", 0.8238), ("val_loss", 0.4123), ("val_accuracy", 0.8512)])
            screen.feed(terminal.drain())
        }
        return screen.lines
    }

    /// `line` without its timing fields, which depend on the clock, and with the bar (whose
    /// width depends on how long the timing text is) reduced to `[=]`.
    func withoutTiming(_ line: String) -> String {
        line.replacingOccurrences(of: #" - \d+s( \d+(us|ms|s)/step)?"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"\[=+\]"#, with: "[=]", options: .regularExpression)
    }

    @Test(arguments: [80, 120]) func oneLinePerEpochThatFitsTheTerminal(columns: Int) throws {
        let lines = try screen(columns: columns)
        print("progress bar on a \(columns)-column pseudo-terminal:\n" + lines.map { "|" + $0 + "|" }.joined(separator: "\n"))
        // Exactly a header and a finished line per epoch: no staircase of wrapped redraws.
        expectEqual(lines.count, 6)
        expectEqual(lines.enumerated().filter { $0.offset % 2 == 0 }.map(\.element), ["Epoch 1/3", "Epoch 2/3", "Epoch 3/3"])
        let values = [("loss", 0.5003), ("accuracy", 0.8238), ("val_loss", 0.4123), ("val_accuracy", 0.8512)]
        let expected = withoutTiming(ProgressBar.line(step: 1875, total: 1875, elapsed: 0, values: values, fitting: columns - 1))
        for line in lines.enumerated().filter({ $0.offset % 2 == 1 }).map(\.element) {
            #expect(line.count < columns)
            #expect(!line.contains("ETA"))      // every running line was overwritten
            expectEqual(withoutTiming(line), expected)  // nothing left over from longer lines
        }
    }

    @Test func shortensTheBarFirstThenTheLessImportantFields() {
        let values = [("loss", 0.5003), ("accuracy", 0.8238)]
        let full = ProgressBar.line(step: 125, total: 1875, elapsed: 10, values: values)
        expectEqual(full, " 125/1875 [=>............................] - ETA: 140s - loss: 0.5003 - accuracy: 0.8238")
        expectEqual(full.count, 88)
        // 79 columns: the bar shrinks from 30 to 21 (1/15 done: one character, the arrow).
        #expect(ProgressBar.line(step: 125, total: 1875, elapsed: 10, values: values, fitting: 79)
                == " 125/1875 [>....................] - ETA: 140s - loss: 0.5003 - accuracy: 0.8238")
        // 60 columns: no bar.
        #expect(ProgressBar.line(step: 125, total: 1875, elapsed: 10, values: values, fitting: 60)
                == " 125/1875 - ETA: 140s - loss: 0.5003 - accuracy: 0.8238")
        // 45 columns: no time, then no accuracy.
        #expect(ProgressBar.line(step: 125, total: 1875, elapsed: 10, values: values, fitting: 45)
                == " 125/1875 - loss: 0.5003 - accuracy: 0.8238")
        #expect(ProgressBar.line(step: 125, total: 1875, elapsed: 10, values: values, fitting: 30)
                == " 125/1875 - loss: 0.5003")
        expectEqual(ProgressBar.line(step: 125, total: 1875, elapsed: 10, values: values, fitting: 12), " 125/1875 - ")
    }
}
