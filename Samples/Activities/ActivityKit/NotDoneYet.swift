/// What an exercise's function throws until the student writes it: the checker reports the
/// function as "not done yet" instead of judging it.
///
/// Every function a student finishes starts as `throw NotDoneYet()`; `#function` names it.
///
///     func cost(predictions: Tensor, targets: Tensor) throws -> Double {
///         throw NotDoneYet()   // ← replace with your code
///     }
public struct NotDoneYet: Error, CustomStringConvertible {
    /// The function still to write, as Swift names it (`cost(predictions:targets:)`).
    public let function: String

    /// Marks `function` (the caller, by default) as not written yet.
    /// - Parameter function: The function's name; `#function` fills it in.
    public init(function: String = #function) {
        self.function = function
    }

    /// "cost(predictions:targets:) is not done yet".
    public var description: String { "\(function) is not done yet" }
}
