import NeuronaCore

// Pointer-level helpers for the update loops: the parameter and its slots as typed pointers,
// each tensor made unique first (so updates happen in place, not on a shared copy), with no
// array or other allocation per call.

/// Typed pointers to a parameter's slot tensors (the built-in optimizers have at most two).
struct SlotPointers<T> {
    /// How many slots there are (0, 1 or 2).
    let count: Int
    private let first: UnsafeMutablePointer<T>?
    private let second: UnsafeMutablePointer<T>?

    /// Pointers to the elements of `slots` (at most two), each made unique first.
    @inline(__always)
    init(_ slots: inout [Tensor], as type: T.Type) where T: TensorScalar {
        checkPrecondition(slots.count <= 2, "optimizer: \(slots.count) slot tensors, at most 2 supported")
        count = slots.count
        first = count > 0 ? slots[0].withUnsafeMutableBufferPointer(as: T.self) { $0.baseAddress! } : nil
        second = count > 1 ? slots[1].withUnsafeMutableBufferPointer(as: T.self) { $0.baseAddress! } : nil
    }

    /// The elements of slot `index`.
    @inline(__always)
    subscript(index: Int) -> UnsafeMutablePointer<T> { index == 0 ? first! : second! }
}

/// Calls `body` with typed pointers to `parameter`, `gradient` and every slot, and the element
/// count.
@inline(__always)
private func withTypedPointers<T: TensorScalar>(
    _ parameter: inout Tensor, _ gradient: Tensor, _ slots: inout [Tensor], as type: T.Type,
    _ body: (UnsafeMutablePointer<T>, UnsafePointer<T>, SlotPointers<T>, Int) -> Void
) {
    let slotPointers = SlotPointers(&slots, as: T.self)
    let n = parameter.count
    gradient.withUnsafeBufferPointer(as: T.self) { g in
        parameter.withUnsafeMutableBufferPointer(as: T.self) { p in body(p.baseAddress!, g.baseAddress!, slotPointers, n) }
    }
}

/// Calls `float` or `double` (by the parameter's dtype) with typed pointers to `parameter`,
/// `gradient` and every slot, and the element count.
@inline(__always)
func withUpdatePointers(
    _ parameter: inout Tensor, _ gradient: Tensor, _ slots: inout [Tensor],
    float: (UnsafeMutablePointer<Float>, UnsafePointer<Float>, SlotPointers<Float>, Int) -> Void,
    double: (UnsafeMutablePointer<Double>, UnsafePointer<Double>, SlotPointers<Double>, Int) -> Void
) {
    switch parameter.dtype {
    case .float32: withTypedPointers(&parameter, gradient, &slots, as: Float.self, float)
    case .float64: withTypedPointers(&parameter, gradient, &slots, as: Double.self, double)
    default: preconditionFailed("optimizer: parameters must be float32 or float64, got \(parameter.dtype)")
    }
}
