/// One activity of the catalog: what it is, and its checker bound to the student's type.
///
/// The command's catalog binds each checker to the type in the student's file
/// (`ActivityEntry(LinearRegressionActivity.info) { LinearRegressionActivity.check(LinearRegression.self) }`);
/// the tests bind the same checkers to reference solutions and to typical mistakes.
public struct ActivityEntry {
    /// The activity.
    public let info: ActivityInfo
    /// Runs its checker.
    public let check: (CheckOptions) -> CheckReport

    /// An entry.
    /// - Parameters:
    ///   - info: The activity.
    ///   - check: Its checker, bound to the type to check.
    public init(_ info: ActivityInfo, check: @escaping (CheckOptions) -> CheckReport) {
        self.info = info
        self.check = check
    }
}

/// Settings of a check that only some checkers use.
public struct CheckOptions: Sendable {
    /// Where the MNIST-family files are (`--data-dir`); the default folders otherwise.
    public var dataDirectory: String?
    /// Smaller training runs for the figures (the tests' debug builds); the command runs the
    /// lecture's sizes.
    public var quick: Bool
    /// The lecture's own training run where it is long (activity 10: 5 epochs on 60,000 images).
    public var full: Bool

    /// Options.
    /// - Parameters:
    ///   - dataDirectory: Where the MNIST-family files are.
    ///   - quick: Smaller training runs.
    ///   - full: The lecture's long runs.
    public init(dataDirectory: String? = nil, quick: Bool = false, full: Bool = false) {
        self.dataDirectory = dataDirectory
        self.quick = quick
        self.full = full
    }
}

extension Array where Element == ActivityEntry {
    /// The entry selected by a number ("4") or a name ("logistic-regression").
    /// - Parameter selector: A number or a name, as the command line gives it.
    public func entry(_ selector: String) -> ActivityEntry? {
        let key = selector.lowercased()
        return first { String($0.info.number) == key || $0.info.name == key }
    }
}
