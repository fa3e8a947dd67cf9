import NeuronaCore

// Pointer-level helpers for the update loops: the parameter and its slots as typed pointers,
// each tensor made unique first (so updates happen in place, not on a shared copy).

/// Calls `body` with typed pointers to `parameter`, `gradient` and every slot, for Float or
/// Double tensors, then puts the slots back.
@inline(__always)
func withUpdatePointers(
    _ parameter: inout Tensor, _ gradient: Tensor, _ slots: inout [Tensor],
    float: (UnsafeMutablePointer<Float>, UnsafePointer<Float>, [UnsafeMutablePointer<Float>], Int) -> Void,
    double: (UnsafeMutablePointer<Double>, UnsafePointer<Double>, [UnsafeMutablePointer<Double>], Int) -> Void
) {
    // Move the slots out of the array so that each is uniquely referenced while written.
    var taken: [Tensor] = []
    while let last = slots.popLast() { taken.append(last) }
    taken.reverse()
    defer { slots = taken }
    let n = parameter.count
    switch parameter.dtype {
    case .float32:
        let slotPointers = (0..<taken.count).map { i in
            taken[i].withUnsafeMutableBufferPointer(as: Float.self) { $0.baseAddress! }
        }
        gradient.withUnsafeBufferPointer(as: Float.self) { g in
            parameter.withUnsafeMutableBufferPointer(as: Float.self) { p in
                float(p.baseAddress!, g.baseAddress!, slotPointers, n)
            }
        }
    case .float64:
        let slotPointers = (0..<taken.count).map { i in
            taken[i].withUnsafeMutableBufferPointer(as: Double.self) { $0.baseAddress! }
        }
        gradient.withUnsafeBufferPointer(as: Double.self) { g in
            parameter.withUnsafeMutableBufferPointer(as: Double.self) { p in
                double(p.baseAddress!, g.baseAddress!, slotPointers, n)
            }
        }
    default:
        preconditionFailed("optimizer: parameters must be float32 or float64, got \(parameter.dtype)")
    }
}
