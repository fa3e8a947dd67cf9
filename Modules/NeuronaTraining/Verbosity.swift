import NeuronaCore

/// How much `fit` prints. Keras's `verbose=0|1|2` is written the same: `fit(..., verbose: 0)`.
public enum Verbosity: Int, Sendable, ExpressibleByIntegerLiteral {
    /// Nothing (`0`).
    case silent = 0
    /// `Epoch i/n` and a progress bar, redrawn in place on a terminal (`1`).
    case progressBar = 1
    /// One line per epoch (`2`).
    case oneLine = 2

    /// Keras's number: 0 (silent), 1 (progress bar) or 2 (one line per epoch). Any other
    /// literal stops the program with that message (a literal is a mistake in code).
    ///
    /// - Parameter value: 0, 1 or 2.
    public init(integerLiteral value: Int) {
        guard let verbosity = Verbosity(rawValue: value) else {
            preconditionFailed("verbose: \(value) is not 0 (silent), 1 (a progress bar) or 2 (one line per epoch)")
        }
        self = verbosity
    }
}
