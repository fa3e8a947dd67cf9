internal import CNeuronaKernels

// The four arithmetic operations on float32 and float64 run in CNeuronaKernels' loop
// (`elementwise_loops.h`) for every layout but a general broadcast: compiled optimized in a
// debug build too, where the generic Swift loop made protocol calls per element (training's
// gradient sums go through here). Each element is one IEEE operation either way, so the bits
// do not depend on which loop ran.

extension BinaryOp {
    /// The C loop's code for this operation; nil for those that stay in Swift.
    var arithmetic: neurona_arithmetic? {
        switch self {
        case .add: NEURONA_ADD
        case .subtract: NEURONA_SUBTRACT
        case .multiply: NEURONA_MULTIPLY
        case .divide: NEURONA_DIVIDE
        case .maximum, .minimum, .power: nil
        }
    }
}

extension Tensor {
    /// `out[i] = a[·] op b[·]` over `range` in the C loop; false (nothing done) for a general
    /// broadcast layout, which walks its plan in Swift.
    static func arithmeticKernel<T: FloatingScalar>(
        _ op: neurona_arithmetic, _ layout: ZipLayout, _ range: Range<Int>,
        _ a: UnsafeMutablePointer<T>, _ b: UnsafeMutablePointer<T>, _ out: UnsafeMutablePointer<T>
    ) -> Bool {
        let start = range.lowerBound, n = range.count
        // Each operand's start and its steps between rows and along a row; the rows of `out`.
        let walk: (UnsafeMutablePointer<T>, Int, Int, UnsafeMutablePointer<T>, Int, Int, Int, Int)
        switch layout {
        case .elementwise: walk = (a + start, 0, 1, b + start, 0, 1, 1, n)
        case .scalarRight: walk = (a + start, 0, 1, b, 0, 0, 1, n)
        case .scalarLeft: walk = (a, 0, 0, b + start, 0, 1, 1, n)
        case .rowRight(let width): walk = (a + start, width, 1, b, 0, 1, n / width, width)
        case .rowLeft(let width): walk = (a, 0, 1, b + start, width, 1, n / width, width)
        case .general: return false
        }
        let (x, xRow, xStep, y, yRow, yStep, rows, width) = walk
        let z = out + start
        if T.self == Float.self {
            neurona_arithmetic_f32(op, UnsafeRawPointer(x).assumingMemoryBound(to: Float.self), xRow, xStep,
                                   UnsafeRawPointer(y).assumingMemoryBound(to: Float.self), yRow, yStep,
                                   UnsafeMutableRawPointer(z).assumingMemoryBound(to: Float.self), rows, width)
        } else if T.self == Double.self {
            neurona_arithmetic_f64(op, UnsafeRawPointer(x).assumingMemoryBound(to: Double.self), xRow, xStep,
                                   UnsafeRawPointer(y).assumingMemoryBound(to: Double.self), yRow, yStep,
                                   UnsafeMutableRawPointer(z).assumingMemoryBound(to: Double.self), rows, width)
        } else {
            return false
        }
        return true
    }
}
