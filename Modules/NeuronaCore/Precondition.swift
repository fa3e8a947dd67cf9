/// Stops the program with `message` unless `condition` holds, in every build configuration.
///
/// Swift's `precondition` prints its message only in debug builds: under `-O` a user who calls
/// an op with impossible shapes sees `Swift runtime failure: precondition failure` and nothing
/// else. Neurona's checks of its own math (an op called directly with shapes that cannot work)
/// use this function instead, so the op and the shapes are printed in release builds too:
///
/// ```swift
/// checkPrecondition(a.shape == b.shape, "add: shapes \(a.shape) and \(b.shape) differ")
/// ```
///
/// Anything that comes from outside the program (files, JSON, data a user passes to `fit`)
/// throws a typed error instead; this is for mistakes in code, which must stop.
///
/// - Parameters:
///   - condition: What must hold. Evaluated once.
///   - message: Names the op and the shapes or values involved. Built only when the check fails.
///   - file: The file the message names: the caller's, by default.
///   - line: The line the message names: the caller's, by default.
@inlinable @inline(__always)
public func checkPrecondition(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                              file: StaticString = #fileID, line: UInt = #line) {
    if _slowPath(!condition()) { preconditionFailed(message(), file: file, line: line) }
}

/// Stops the program with `message`, in every build configuration (the failing branch of
/// ``checkPrecondition(_:_:file:line:)``, for code paths that cannot continue).
@inline(never)
public func preconditionFailed(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError(message, file: file, line: line)
}
