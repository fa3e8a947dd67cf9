import NeuronaAutograd
import NeuronaCore

/// The check `fit` makes before each update when asked to stop on NaN (``TerminateOnNaN`` or
/// `fit(stopOnNonFinite: true)`): one pass over every gradient's bits.
enum NonFiniteCheck {
    /// The name of the first parameter whose gradient holds a NaN or an infinity, or nil.
    ///
    /// A float is NaN or infinite exactly when its exponent bits are all ones; the largest
    /// exponent field of a buffer is found with integer maxima, which the compiler vectorizes
    /// (a floating-point sum would not be, and could overflow on finite values).
    static func firstNonFiniteGradient(_ parameters: [NamedParameter]) -> String? {
        for parameter in parameters {
            guard let gradient = parameter.variable.grad, !isFinite(gradient) else { continue }
            return parameter.name
        }
        return nil
    }

    /// Whether every element of a float32 or float64 tensor is finite (other dtypes always are).
    static func isFinite(_ tensor: Tensor) -> Bool {
        switch tensor.dtype {
        case .float32:
            return tensor.withUnsafeRawBytes { raw in
                allExponentsBelowMaximum(raw.bindMemory(to: UInt32.self), exponentMask: 0x7f80_0000)
            }
        case .float64:
            return tensor.withUnsafeRawBytes { raw in
                allExponentsBelowMaximum(raw.bindMemory(to: UInt64.self), exponentMask: 0x7ff0_0000_0000_0000)
            }
        case .int64, .bool:
            return true
        }
    }

    @inline(__always)
    static func allExponentsBelowMaximum<T: FixedWidthInteger & UnsignedInteger>(_ bits: UnsafeBufferPointer<T>, exponentMask: T) -> Bool {
        var largest: T = 0
        for b in bits { largest = Swift.max(largest, b & exponentMask) }
        return largest != exponentMask
    }
}
