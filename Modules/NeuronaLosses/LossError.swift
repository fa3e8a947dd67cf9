import NeuronaCore

/// A loss whose settings make no sense (`delta` must be positive), or targets it cannot take.
public enum LossError: Error, Equatable, CustomStringConvertible {
    /// A setting out of range.
    case invalidConfig(loss: String, message: String)
    /// Targets of `shape` that the loss cannot take; `example` is the example (first axis) at
    /// fault when one is.
    case invalidTargets(loss: String, shape: [Int], example: Int?, message: String)

    public var description: String {
        switch self {
        case .invalidConfig(let loss, let message): return "\(loss): \(message)"
        case .invalidTargets(let loss, let shape, let example, let message):
            let place = example.map { ", example \($0)" } ?? ""
            return "\(loss): targets of shape \(shape)\(place): \(message)"
        }
    }
}
