/// How ``World/allReduce(_:_:timeout:)`` and ``World/reduceScatter(_:_:timeout:)`` combine the ranks' tensors,
/// element by element.
public enum ReduceOperation: String, Sendable, CaseIterable {
    /// The sum over ranks.
    case sum
    /// The sum over ranks divided by the number of ranks (int64: the sum divided with truncation,
    /// as integer division does).
    case mean
    /// The largest value over ranks.
    case max
}
