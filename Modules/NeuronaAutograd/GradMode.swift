#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether ops record themselves on the tape. Off inside ``withNoGrad(_:)`` (inference) and while
/// a backward pass runs without `createGraph`.
///
/// The setting belongs to the calling thread (as in PyTorch): inference with recording off on
/// one thread does not stop training on another.
public enum GradMode {
    /// Whether ops on this thread record a graph.
    public static var isEnabled: Bool { AutogradThreadState.current.gradEnabled }

    /// Runs `body` with recording set to `enabled` on this thread, restoring the previous
    /// setting after.
    public static func with<R>(enabled: Bool, _ body: () throws -> R) rethrows -> R {
        let state = AutogradThreadState.current
        let saved = state.gradEnabled
        state.gradEnabled = enabled
        defer { state.gradEnabled = saved }
        return try body()
    }
}

/// Runs `body` without recording a graph: for inference, where no gradient is wanted
/// (PyTorch's `torch.no_grad()`).
public func withNoGrad<R>(_ body: () throws -> R) rethrows -> R {
    try GradMode.with(enabled: false, body)
}

/// Autograd's per-thread settings: the grad mode.
final class AutogradThreadState {
    var gradEnabled = true

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<AutogradThreadState>.fromOpaque(pointer).release() }
        }
        return key
    }()

    /// This thread's state, made on first use.
    static var current: AutogradThreadState {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<AutogradThreadState>.fromOpaque(pointer).takeUnretainedValue()
        }
        let state = AutogradThreadState()
        pthread_setspecific(key, Unmanaged.passRetained(state).toOpaque())
        return state
    }
}
