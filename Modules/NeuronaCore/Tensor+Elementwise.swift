internal import CNeuronaKernels
import RealModule

// Elementwise math: unary functions, binary arithmetic with broadcasting, comparisons, where.

/// An elementwise function of one tensor. Parameterized cases carry their constants.
package enum UnaryOp: Sendable, Equatable {
    case negate, abs, sign, square, sqrt, reciprocal
    case exp, log, sin, cos, tanh, sigmoid, relu, softplus, gelu, erf
    case floor, ceil, round
    case leakyRelu(alpha: Double)
    case elu(alpha: Double)
    case clip(low: Double, high: Double)
    case power(Double)
    /// `x ≤ threshold ? 0 : 1`, so 1 for NaN: the derivative of relu at threshold 0, where, as in
    /// PyTorch's `threshold_backward`, the gradient passes through a NaN (see README, "Conventions").
    case step(threshold: Double)
    /// `low ≤ x ≤ high ? 1 : 0` (the derivative of clip: 1 at the bounds, as PyTorch's `clamp`).
    case indicator(low: Double, high: Double)
    /// `low < x < high ? 1 : 0` (the derivative of hard tanh: 0 at the bounds, as PyTorch's `hardtanh`).
    case openIndicator(low: Double, high: Double)

    package var name: String {
        switch self {
        case .negate: return "negate"
        case .abs: return "abs"
        case .sign: return "sign"
        case .square: return "square"
        case .sqrt: return "sqrt"
        case .reciprocal: return "reciprocal"
        case .exp: return "exp"
        case .log: return "log"
        case .sin: return "sin"
        case .cos: return "cos"
        case .tanh: return "tanh"
        case .sigmoid: return "sigmoid"
        case .relu: return "relu"
        case .softplus: return "softplus"
        case .gelu: return "gelu"
        case .erf: return "erf"
        case .floor: return "floor"
        case .ceil: return "ceil"
        case .round: return "round"
        case .leakyRelu: return "leakyRelu"
        case .elu: return "elu"
        case .clip: return "clip"
        case .power: return "pow"
        case .step: return "step"
        case .indicator: return "indicator"
        case .openIndicator: return "openIndicator"
        }
    }
}

extension UnaryOp {
    /// Whether the int64 kernel computes this op (the rest need a floating-point dtype).
    var isDefinedForInt64: Bool {
        switch self {
        case .negate, .abs, .sign, .square, .relu, .clip, .step: return true
        case .power(let p): return p >= 0 && p.rounded() == p
        default: return false
        }
    }
}

/// An elementwise function of two broadcast tensors.
package enum BinaryOp: String, Sendable {
    case add, subtract, multiply, divide, maximum, minimum, power
}

/// An elementwise comparison of two broadcast tensors, giving a bool mask.
package enum ComparisonOp: String, Sendable {
    case equal, notEqual, less, lessEqual, greater, greaterEqual
}

extension Tensor {
    // MARK: Unary

    /// Applies `op` to every element. Floating-point dtypes support every op; int64 supports
    /// negate, abs, sign, square, relu, clip and step.
    package func map(_ op: UnaryOp) -> Tensor {
        let out = Tensor(uninitializedShape: shape, dtype: dtype)
        checkPrecondition(dtype != .bool, "\(op.name): not defined for bool tensors (shape \(shape)); convert first")
        checkPrecondition(dtype != .int64 || op.isDefinedForInt64,
                          "\(op.name): not defined for int64 tensors (shape \(shape)); convert to a floating-point dtype first")
        let src = storage.pointer
        let dst = out.storage.pointer
        let dtype = self.dtype
        Parallel.forEachChunk(count: count, minimumPerChunk: Parallel.elementwiseGrain) { range in
            switch dtype {
            case .float32:
                Tensor.unaryKernel(op, src.assumingMemoryBound(to: Float.self), dst.assumingMemoryBound(to: Float.self), range)
            case .float64:
                Tensor.unaryKernel(op, src.assumingMemoryBound(to: Double.self), dst.assumingMemoryBound(to: Double.self), range)
            case .int64:
                Tensor.integerUnaryKernel(op, src.assumingMemoryBound(to: Int64.self), dst.assumingMemoryBound(to: Int64.self), range)
            case .bool:
                break
            }
        }
        return out
    }

    /// `y[i] = f(x[i])` over `range`. Always inlined, so that `f` (a closure literal at every
    /// call site) is inlined into the loop and the loop vectorizes.
    @inline(__always)
    static func mapLoop<T>(_ x: UnsafeMutablePointer<T>, _ y: UnsafeMutablePointer<T>, _ range: Range<Int>, _ f: (T) -> T) {
        for i in range { y[i] = f(x[i]) }
    }

    /// `exp`, `log`, `tanh`, `sigmoid` or `relu` of `count` float32 or float64 values from `x` into
    /// `y` (the same buffer or apart) through the C loops (elementwise_loops.c): the C library's
    /// functions, which swift-numerics' `T.exp`, `T.log` and `T.tanh` call too, so the bits are
    /// those of the Swift formulas in every build; a debug build's generic loop took a closure call
    /// and a protocol call per element. The convolutions apply their fused relu through it too.
    static func cLibraryMap(_ kind: neurona_map, from x: UnsafeMutableRawPointer, into y: UnsafeMutableRawPointer,
                            count: Int, dtype: DType) {
        if dtype == .float32 {
            neurona_map_f32(kind, x.assumingMemoryBound(to: Float.self), y.assumingMemoryBound(to: Float.self), count)
        } else {
            neurona_map_f64(kind, x.assumingMemoryBound(to: Double.self), y.assumingMemoryBound(to: Double.self), count)
        }
    }

    /// ``cLibraryMap(_:from:into:count:dtype:)`` over `x[n]` into `y[n]`.
    private static func cLibraryMap<T: FloatingScalar>(
        _ kind: neurona_map, _ x: UnsafeMutablePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Range<Int>
    ) {
        cLibraryMap(kind, from: UnsafeMutableRawPointer(x + n.lowerBound), into: UnsafeMutableRawPointer(y + n.lowerBound),
                    count: n.count, dtype: T.dtype)
    }

    static func unaryKernel<T: FloatingScalar>(
        _ op: UnaryOp, _ x: UnsafeMutablePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Range<Int>
    ) {
        // The constants outside the closures: in a debug build a literal of a generic type is a
        // protocol call each time it is evaluated (a fifth of a debug-built CNN's training time).
        let zero: T = 0, one: T = 1
        switch op {
        case .negate: mapLoop(x, y, n) { -$0 }
        case .abs: mapLoop(x, y, n) { Swift.abs($0) }
        // NaN stays NaN (NumPy's convention; PyTorch's gives 0, see README, "Conventions").
        case .sign: mapLoop(x, y, n) { $0 > zero ? one : ($0 < zero ? -one : ($0 == zero ? zero : $0)) }
        case .square: mapLoop(x, y, n) { $0 * $0 }
        case .sqrt: mapLoop(x, y, n) { $0.squareRoot() }
        case .reciprocal: mapLoop(x, y, n) { one / $0 }
        case .exp: cLibraryMap(NEURONA_MAP_EXP, x, y, n)
        case .log: cLibraryMap(NEURONA_MAP_LOG, x, y, n)
        case .sin: mapLoop(x, y, n) { T.sin($0) }
        case .cos: mapLoop(x, y, n) { T.cos($0) }
        case .tanh: cLibraryMap(NEURONA_MAP_TANH, x, y, n)
        // x ≥ 0 ? 1 / (1 + e^−x) : e^x / (1 + e^x): neither exponential overflows.
        case .sigmoid: cLibraryMap(NEURONA_MAP_SIGMOID, x, y, n)
        // NaN fails `<= 0` and passes through, as in PyTorch (relu(NaN) = NaN), and -0 becomes +0.
        case .relu: cLibraryMap(NEURONA_MAP_RELU, x, y, n)
        case .softplus:
            // log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow for large |x|.
            mapLoop(x, y, n) { v in Swift.max(v, zero) + T.log(onePlus: T.exp(-Swift.abs(v))) }
        case .gelu:
            // The exact form: x · Φ(x) = x/2 · (1 + erf(x/√2)).
            let invSqrt2: T = 1 / T(2).squareRoot()
            let half: T = 1 / 2
            mapLoop(x, y, n) { v in
                let phi: T = one + T.erf(v * invSqrt2)
                return half * v * phi
            }
        case .erf: mapLoop(x, y, n) { T.erf($0) }
        case .floor: mapLoop(x, y, n) { $0.rounded(.down) }
        case .ceil: mapLoop(x, y, n) { $0.rounded(.up) }
        case .round: mapLoop(x, y, n) { $0.rounded(.toNearestOrEven) }
        case .leakyRelu(let alpha):
            let a = T(alpha)
            mapLoop(x, y, n) { $0 > 0 ? $0 : a * $0 }
        case .elu(let alpha):
            let a = T(alpha)
            mapLoop(x, y, n) { $0 > 0 ? $0 : a * T.expMinusOne($0) }
        case .clip(let low, let high):
            let lo = T(low), hi = T(high)
            mapLoop(x, y, n) { Swift.min(Swift.max($0, lo), hi) }
        case .power(let p):
            if p == 2 {
                mapLoop(x, y, n) { $0 * $0 }
            } else if p == 1 {
                mapLoop(x, y, n) { $0 }
            } else if p == 0.5 {
                mapLoop(x, y, n) { $0.squareRoot() }
            } else if p.rounded() == p && Swift.abs(p) < 1_048_576.0 {
                let k = Int(p)
                mapLoop(x, y, n) { T.pow($0, k) }
            } else {
                let e = T(p)
                mapLoop(x, y, n) { T.pow($0, e) }
            }
        case .step(let threshold):
            let t = T(threshold)
            mapLoop(x, y, n) { $0 <= t ? zero : one }
        case .indicator(let low, let high):
            let lo = T(low), hi = T(high)
            mapLoop(x, y, n) { $0 >= lo && $0 <= hi ? one : zero }
        case .openIndicator(let low, let high):
            let lo = T(low), hi = T(high)
            mapLoop(x, y, n) { $0 > lo && $0 < hi ? one : zero }
        }
    }

    static func integerUnaryKernel(
        _ op: UnaryOp, _ x: UnsafeMutablePointer<Int64>, _ y: UnsafeMutablePointer<Int64>, _ n: Range<Int>
    ) {
        switch op {
        case .negate: mapLoop(x, y, n) { -$0 }
        case .abs: mapLoop(x, y, n) { Swift.abs($0) }
        case .sign: mapLoop(x, y, n) { $0.signum() }
        case .square: mapLoop(x, y, n) { $0 &* $0 }
        case .relu: mapLoop(x, y, n) { Swift.max($0, 0) }
        case .clip(let low, let high):
            let lo = Int64(low.rounded(.up)), hi = Int64(high.rounded(.down))
            mapLoop(x, y, n) { Swift.min(Swift.max($0, lo), hi) }
        case .step(let threshold):
            mapLoop(x, y, n) { Double($0) <= threshold ? 0 : 1 }
        case .power(let p) where p >= 0 && p.rounded() == p:
            let k = Int(p)
            mapLoop(x, y, n) { v in
                var r: Int64 = 1
                for _ in 0..<k { r = r &* v }
                return r
            }
        default:
            preconditionFailed("\(op.name): not defined for int64 tensors; convert to a floating-point dtype first")
        }
    }

    /// Each element negated: `-x`.
    public func negated() -> Tensor { map(.negate) }
    /// The absolute value of each element.
    public func abs() -> Tensor { map(.abs) }
    /// The sign of each element: -1, 0 or 1 (NaN stays NaN).
    public func sign() -> Tensor { map(.sign) }
    /// Each element squared: `x²`.
    public func squared() -> Tensor { map(.square) }
    /// The square root of each element.
    public func sqrt() -> Tensor { map(.sqrt) }
    /// The reciprocal of each element: `1 / x`.
    public func reciprocal() -> Tensor { map(.reciprocal) }
    /// `eˣ` of each element.
    public func exp() -> Tensor { map(.exp) }
    /// The natural logarithm of each element.
    public func log() -> Tensor { map(.log) }
    /// The sine of each element (radians).
    public func sin() -> Tensor { map(.sin) }
    /// The cosine of each element (radians).
    public func cos() -> Tensor { map(.cos) }
    /// The hyperbolic tangent of each element, in (-1, 1).
    public func tanh() -> Tensor { map(.tanh) }
    /// The logistic sigmoid of each element: `1 / (1 + e⁻ˣ)`, in (0, 1).
    public func sigmoid() -> Tensor { map(.sigmoid) }
    /// `max(0, x)` of each element (ReLU).
    public func relu() -> Tensor { map(.relu) }
    /// `log(1 + eˣ)` of each element, computed without overflow.
    public func softplus() -> Tensor { map(.softplus) }
    /// The Gaussian error linear unit of each element: `x·Φ(x)` (the exact form, with erf).
    public func gelu() -> Tensor { map(.gelu) }
    /// The error function of each element.
    public func erf() -> Tensor { map(.erf) }
    /// Each element rounded down.
    public func floor() -> Tensor { map(.floor) }
    /// Each element rounded up.
    public func ceil() -> Tensor { map(.ceil) }
    /// Each element rounded to the nearest integer, halves to even (as NumPy and PyTorch round).
    public func rounded() -> Tensor { map(.round) }
    /// `x` where `x > 0`, else `alpha·x` (leaky ReLU).
    /// - Parameter alpha: The slope for negative inputs.
    public func leakyRelu(alpha: Double = 0.01) -> Tensor { map(.leakyRelu(alpha: alpha)) }
    /// `x` where `x > 0`, else `alpha·(eˣ − 1)` (ELU).
    /// - Parameter alpha: The value negative inputs approach.
    public func elu(alpha: Double = 1) -> Tensor { map(.elu(alpha: alpha)) }
    /// Each element limited to `[low, high]`.
    public func clipped(min low: Double, max high: Double) -> Tensor {
        checkPrecondition(low <= high, "clip: min \(low) is greater than max \(high)")
        return map(.clip(low: low, high: high))
    }
    /// Each element raised to `exponent`.
    public func pow(_ exponent: Double) -> Tensor { map(.power(exponent)) }

    // MARK: Binary

    /// Applies `op` elementwise to `self` and `other`, broadcasting their shapes. Mixed dtypes
    /// are promoted (bool < int64 < float32 < float64).
    package func combine(_ other: Tensor, _ op: BinaryOp) -> Tensor {
        let dtype = self.dtype.promoted(with: other.dtype)
        checkPrecondition(dtype != .bool, "\(op.rawValue): not defined for bool tensors (shapes \(shape) and \(other.shape)); convert first")
        let a = self.converted(to: dtype)
        let b = other.converted(to: dtype)
        let outShape = Tensor.broadcastShape(a.shape, b.shape, op: op.rawValue)
        let out = Tensor(uninitializedShape: outShape, dtype: dtype)
        let pa = a.storage.pointer, pb = b.storage.pointer, po = out.storage.pointer
        Tensor.forEachZipChunk(a.shape, b.shape, outShape) { layout, range in
            switch dtype {
            case .float32:
                Tensor.binaryKernel(op, layout, range, pa.assumingMemoryBound(to: Float.self),
                                    pb.assumingMemoryBound(to: Float.self), po.assumingMemoryBound(to: Float.self))
            case .float64:
                Tensor.binaryKernel(op, layout, range, pa.assumingMemoryBound(to: Double.self),
                                    pb.assumingMemoryBound(to: Double.self), po.assumingMemoryBound(to: Double.self))
            case .int64:
                Tensor.integerBinaryKernel(op, layout, range, pa.assumingMemoryBound(to: Int64.self),
                                           pb.assumingMemoryBound(to: Int64.self), po.assumingMemoryBound(to: Int64.self))
            case .bool:
                break
            }
        }
        return out
    }

    /// How two broadcast operands line up with the output.
    enum ZipLayout {
        /// Same shape: element i with element i.
        case elementwise
        /// The right operand is a single value.
        case scalarRight
        /// The left operand is a single value.
        case scalarLeft
        /// The right operand is one row of `n` values repeated over the left's rows (a bias).
        case rowRight(Int)
        /// The left operand is one row of `n` values repeated over the right's rows.
        case rowLeft(Int)
        /// Anything else: walk the plan (on one thread, over the whole output).
        case general(BroadcastPlan)
    }

    /// Calls `body` with the layout of `a` and `b` against `outShape` and the ranges of output
    /// elements to compute, split across cores when the layout is flat and the work large.
    static func forEachZipChunk(_ aShape: [Int], _ bShape: [Int], _ outShape: [Int],
                                _ body: (ZipLayout, Range<Int>) -> Void) {
        let n = Tensor.elementCount(outShape)
        let layout: ZipLayout
        if aShape == bShape {
            layout = .elementwise
        } else if aShape == outShape && Tensor.elementCount(bShape) == 1 {
            layout = .scalarRight
        } else if bShape == outShape && Tensor.elementCount(aShape) == 1 {
            layout = .scalarLeft
        } else if aShape == outShape, let n = outShape.last, n > 0, Tensor.isRow(bShape, of: outShape) {
            layout = .rowRight(n)
        } else if bShape == outShape, let n = outShape.last, n > 0, Tensor.isRow(aShape, of: outShape) {
            layout = .rowLeft(n)
        } else {
            body(.general(BroadcastPlan(aShape, bShape, outShape)), 0..<n)
            return
        }
        switch layout {
        case .rowRight(let width), .rowLeft(let width):
            // Chunks of whole rows.
            let rows = n / width
            Parallel.forEachChunk(count: rows, minimumPerChunk: Swift.max(1, Parallel.elementwiseGrain / width)) { range in
                body(layout, (range.lowerBound * width)..<(range.upperBound * width))
            }
        default:
            Parallel.forEachChunk(count: n, minimumPerChunk: Parallel.elementwiseGrain) { range in
                body(layout, range)
            }
        }
    }

    /// Whether `shape` is one row of `outShape`'s last dimension: `[n]`, `[1, n]`, `[1, 1, n]`...
    static func isRow(_ shape: [Int], of outShape: [Int]) -> Bool {
        guard let n = shape.last, n == outShape.last, shape.count <= outShape.count else { return false }
        for d in shape.dropLast() where d != 1 { return false }
        return true
    }

    /// `out[i] = f(a[·], b[·])` over `range` for the given layout. Always inlined, so that `f`
    /// (a closure literal at every call site) is inlined and flat loops vectorize.
    @inline(__always)
    static func zipLoop<T, R>(
        _ layout: ZipLayout, _ range: Range<Int>, _ a: UnsafeMutablePointer<T>, _ b: UnsafeMutablePointer<T>,
        _ out: UnsafeMutablePointer<R>, _ f: (T, T) -> R
    ) {
        switch layout {
        case .elementwise:
            for i in range { out[i] = f(a[i], b[i]) }
        case .scalarRight:
            let y = b[0]
            for i in range { out[i] = f(a[i], y) }
        case .scalarLeft:
            let x = a[0]
            for i in range { out[i] = f(x, b[i]) }
        case .rowRight(let width):
            var start = range.lowerBound
            while start < range.upperBound {
                let row = out + start, left = a + start
                for j in 0..<width { row[j] = f(left[j], b[j]) }
                start += width
            }
        case .rowLeft(let width):
            var start = range.lowerBound
            while start < range.upperBound {
                let row = out + start, right = b + start
                for j in 0..<width { row[j] = f(a[j], right[j]) }
                start += width
            }
        case .general(let plan):
            plan.run(a, b, out, f)
        }
    }

    static func binaryKernel<T: FloatingScalar>(
        _ op: BinaryOp, _ layout: ZipLayout, _ range: Range<Int>,
        _ a: UnsafeMutablePointer<T>, _ b: UnsafeMutablePointer<T>, _ out: UnsafeMutablePointer<T>
    ) {
        if let arithmetic = op.arithmetic, arithmeticKernel(arithmetic, layout, range, a, b, out) { return }
        switch op {
        case .add: zipLoop(layout, range, a, b, out) { $0 + $1 }
        case .subtract: zipLoop(layout, range, a, b, out) { $0 - $1 }
        case .multiply: zipLoop(layout, range, a, b, out) { $0 * $1 }
        case .divide: zipLoop(layout, range, a, b, out) { $0 / $1 }
        case .maximum: zipLoop(layout, range, a, b, out) { $0.isNaN || $0 >= $1 ? $0 : $1 }
        case .minimum: zipLoop(layout, range, a, b, out) { $0.isNaN || $0 <= $1 ? $0 : $1 }
        case .power: zipLoop(layout, range, a, b, out) { T.pow($0, $1) }
        }
    }

    static func integerBinaryKernel(
        _ op: BinaryOp, _ layout: ZipLayout, _ range: Range<Int>,
        _ a: UnsafeMutablePointer<Int64>, _ b: UnsafeMutablePointer<Int64>, _ out: UnsafeMutablePointer<Int64>
    ) {
        switch op {
        case .add: zipLoop(layout, range, a, b, out) { $0 &+ $1 }
        case .subtract: zipLoop(layout, range, a, b, out) { $0 &- $1 }
        case .multiply: zipLoop(layout, range, a, b, out) { $0 &* $1 }
        case .divide:
            zipLoop(layout, range, a, b, out) { x, y in
                checkPrecondition(y != 0, "divide: integer division by zero")
                // Floor division, as NumPy's // and PyTorch's floor_divide.
                let q = x / y
                return (x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q
            }
        case .maximum: zipLoop(layout, range, a, b, out) { Swift.max($0, $1) }
        case .minimum: zipLoop(layout, range, a, b, out) { Swift.min($0, $1) }
        case .power:
            zipLoop(layout, range, a, b, out) { x, k in
                checkPrecondition(k >= 0, "power: negative integer exponent \(k)")
                var r: Int64 = 1
                for _ in 0..<k { r = r &* x }
                return r
            }
        }
    }

    /// `self op value`, or `value op self` when `scalarOnLeft`, for a floating-point tensor:
    /// the scalar is rounded to the dtype once and combined with each element, exactly as with
    /// the one-element tensor of ``scalarOperand(_:)``, but without making that tensor (two
    /// allocations and a conversion per op, most of the cost on small tensors). Other dtypes
    /// take the tensor road.
    package func combine(scalar value: Double, _ op: BinaryOp, scalarOnLeft: Bool = false) -> Tensor {
        guard dtype.isFloatingPoint else {
            let operand = scalarOperand(value)
            return scalarOnLeft ? operand.combine(self, op) : combine(operand, op)
        }
        let out = Tensor(uninitializedShape: shape, dtype: dtype)
        let px = storage.pointer, po = out.storage.pointer
        let dtype = self.dtype
        Parallel.forEachChunk(count: count, minimumPerChunk: Parallel.elementwiseGrain) { range in
            if dtype == .float32 {
                Tensor.scalarKernel(op, scalarOnLeft, range, px.assumingMemoryBound(to: Float.self), Float(value),
                                    po.assumingMemoryBound(to: Float.self))
            } else {
                Tensor.scalarKernel(op, scalarOnLeft, range, px.assumingMemoryBound(to: Double.self), value,
                                    po.assumingMemoryBound(to: Double.self))
            }
        }
        return out
    }

    /// `binaryKernel` with one operand a scalar held on the stack.
    static func scalarKernel<T: FloatingScalar>(
        _ op: BinaryOp, _ scalarOnLeft: Bool, _ range: Range<Int>,
        _ x: UnsafeMutablePointer<T>, _ scalar: T, _ out: UnsafeMutablePointer<T>
    ) {
        var scalar = scalar
        withUnsafeMutablePointer(to: &scalar) { s in
            if scalarOnLeft {
                binaryKernel(op, .scalarLeft, range, s, x, out)
            } else {
                binaryKernel(op, .scalarRight, range, x, s, out)
            }
        }
    }


    /// A 0-D tensor holding `value` in a dtype suited to combine with `self`: this tensor's own
    /// dtype, or float32 when `self` is integral and `value` is not.
    @usableFromInline
    func scalarOperand(_ value: Double) -> Tensor {
        if dtype.isFloatingPoint { return Tensor(value, dtype: dtype) }
        if value.rounded() == value && Swift.abs(value) < 0x1p62 { return Tensor(value, dtype: .int64) }
        return Tensor(value, dtype: .float32)
    }

    /// The elementwise sum, broadcasting the shapes as NumPy does.
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.combine(rhs, .add) }
    /// The elementwise difference, broadcasting the shapes as NumPy does.
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.combine(rhs, .subtract) }
    /// The elementwise product, broadcasting the shapes as NumPy does.
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.combine(rhs, .multiply) }
    /// The elementwise quotient, broadcasting the shapes as NumPy does.
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.combine(rhs, .divide) }
    /// The elementwise sum of `lhs` and the scalar `rhs` (in `lhs`'s dtype, or float32 when `lhs` is integral and `rhs` is not).
    public static func + (lhs: Tensor, rhs: Double) -> Tensor { lhs.combine(scalar: rhs, .add) }
    /// The elementwise difference of `lhs` and the scalar `rhs` (in `lhs`'s dtype, or float32 when `lhs` is integral and `rhs` is not).
    public static func - (lhs: Tensor, rhs: Double) -> Tensor { lhs.combine(scalar: rhs, .subtract) }
    /// The elementwise product of `lhs` and the scalar `rhs` (in `lhs`'s dtype, or float32 when `lhs` is integral and `rhs` is not).
    public static func * (lhs: Tensor, rhs: Double) -> Tensor { lhs.combine(scalar: rhs, .multiply) }
    /// The elementwise quotient of `lhs` and the scalar `rhs` (in `lhs`'s dtype, or float32 when `lhs` is integral and `rhs` is not).
    public static func / (lhs: Tensor, rhs: Double) -> Tensor { lhs.combine(scalar: rhs, .divide) }
    /// The elementwise sum of the scalar `lhs` and `rhs`.
    public static func + (lhs: Double, rhs: Tensor) -> Tensor { rhs.combine(scalar: lhs, .add, scalarOnLeft: true) }
    /// The elementwise difference of the scalar `lhs` and `rhs`.
    public static func - (lhs: Double, rhs: Tensor) -> Tensor { rhs.combine(scalar: lhs, .subtract, scalarOnLeft: true) }
    /// The elementwise product of the scalar `lhs` and `rhs`.
    public static func * (lhs: Double, rhs: Tensor) -> Tensor { rhs.combine(scalar: lhs, .multiply, scalarOnLeft: true) }
    /// The elementwise quotient of the scalar `lhs` and `rhs`.
    public static func / (lhs: Double, rhs: Tensor) -> Tensor { rhs.combine(scalar: lhs, .divide, scalarOnLeft: true) }
    /// Each element negated.
    public static prefix func - (operand: Tensor) -> Tensor { operand.map(.negate) }

    /// Replaces `lhs` with `lhs + rhs` (broadcast; the result may have a larger shape).
    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs = lhs + rhs }
    /// Replaces `lhs` with `lhs - rhs` (broadcast; the result may have a larger shape).
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs - rhs }
    /// Replaces `lhs` with `lhs * rhs` (broadcast; the result may have a larger shape).
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs * rhs }
    /// Replaces `lhs` with `lhs / rhs` (broadcast; the result may have a larger shape).
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs / rhs }

    /// Replaces `lhs` with `lhs / rhs`, the same values as `lhs / rhs`. A floating-point tensor
    /// that holds the only reference to its storage is divided in place, so that scaling a data
    /// set (`images /= 255`, the lectures' `train_images / 255`) does not hold two copies of it.
    public static func /= (lhs: inout Tensor, rhs: Double) {
        switch lhs.dtype {
        case .float32:
            lhs.withUnsafeMutableBufferPointer(as: Float.self) { values in
                guard let p = values.baseAddress else { return }
                scalarKernel(.divide, false, values.indices, p, Float(rhs), p)
            }
        case .float64:
            lhs.withUnsafeMutableBufferPointer(as: Double.self) { values in
                guard let p = values.baseAddress else { return }
                scalarKernel(.divide, false, values.indices, p, rhs, p)
            }
        default:
            lhs = lhs / rhs
        }
    }

    /// Elementwise `self ** exponent`, broadcasting.
    public func pow(_ exponent: Tensor) -> Tensor { combine(exponent, .power) }
    /// The elementwise larger of `self` and `other`, broadcasting (NaN wins, as in NumPy).
    public func maximum(_ other: Tensor) -> Tensor { combine(other, .maximum) }
    /// The elementwise smaller of `self` and `other`, broadcasting (NaN wins, as in NumPy).
    public func minimum(_ other: Tensor) -> Tensor { combine(other, .minimum) }

    // MARK: Comparisons and selection

    /// A bool mask: `op` applied elementwise to `self` and `other`, broadcasting.
    package func compare(_ other: Tensor, _ op: ComparisonOp) -> Tensor {
        let dtype = self.dtype.promoted(with: other.dtype)
        let a = self.converted(to: dtype)
        let b = other.converted(to: dtype)
        let outShape = Tensor.broadcastShape(a.shape, b.shape, op: op.rawValue)
        let out = Tensor(uninitializedShape: outShape, dtype: .bool)
        let po = out.storage.pointer.assumingMemoryBound(to: Bool.self)
        let pa = a.storage.pointer, pb = b.storage.pointer
        Tensor.forEachZipChunk(a.shape, b.shape, outShape) { layout, range in
            switch dtype {
            case .float32: Tensor.compareKernel(op, layout, range, pa.assumingMemoryBound(to: Float.self), pb.assumingMemoryBound(to: Float.self), po)
            case .float64: Tensor.compareKernel(op, layout, range, pa.assumingMemoryBound(to: Double.self), pb.assumingMemoryBound(to: Double.self), po)
            case .int64: Tensor.compareKernel(op, layout, range, pa.assumingMemoryBound(to: Int64.self), pb.assumingMemoryBound(to: Int64.self), po)
            case .bool: Tensor.compareKernel(op, layout, range, pa.assumingMemoryBound(to: UInt8.self), pb.assumingMemoryBound(to: UInt8.self), po)
            }
        }
        return out
    }

    static func compareKernel<T: Comparable>(
        _ op: ComparisonOp, _ layout: ZipLayout, _ range: Range<Int>,
        _ a: UnsafeMutablePointer<T>, _ b: UnsafeMutablePointer<T>, _ out: UnsafeMutablePointer<Bool>
    ) {
        switch op {
        case .equal: zipLoop(layout, range, a, b, out) { $0 == $1 }
        case .notEqual: zipLoop(layout, range, a, b, out) { $0 != $1 }
        case .less: zipLoop(layout, range, a, b, out) { $0 < $1 }
        case .lessEqual: zipLoop(layout, range, a, b, out) { $0 <= $1 }
        case .greater: zipLoop(layout, range, a, b, out) { $0 > $1 }
        case .greaterEqual: zipLoop(layout, range, a, b, out) { $0 >= $1 }
        }
    }

    /// A bool tensor: true where `lhs` is equal to `rhs`, broadcasting the shapes.
    public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.compare(rhs, .equal) }
    /// A bool tensor: true where `lhs` is not equal to `rhs`, broadcasting the shapes.
    public static func .!= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.compare(rhs, .notEqual) }
    /// A bool tensor: true where `lhs` is less than `rhs`, broadcasting the shapes.
    public static func .< (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.compare(rhs, .less) }
    /// A bool tensor: true where `lhs` is less than or equal to `rhs`, broadcasting the shapes.
    public static func .<= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.compare(rhs, .lessEqual) }
    /// A bool tensor: true where `lhs` is greater than `rhs`, broadcasting the shapes.
    public static func .> (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.compare(rhs, .greater) }
    /// A bool tensor: true where `lhs` is greater than or equal to `rhs`, broadcasting the shapes.
    public static func .>= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.compare(rhs, .greaterEqual) }
    /// A bool tensor: true where `lhs` is equal to `rhs` (a scalar).
    public static func .== (lhs: Tensor, rhs: Double) -> Tensor { lhs.compare(lhs.scalarOperand(rhs), .equal) }
    /// A bool tensor: true where `lhs` is not equal to `rhs` (a scalar).
    public static func .!= (lhs: Tensor, rhs: Double) -> Tensor { lhs.compare(lhs.scalarOperand(rhs), .notEqual) }
    /// A bool tensor: true where `lhs` is less than `rhs` (a scalar).
    public static func .< (lhs: Tensor, rhs: Double) -> Tensor { lhs.compare(lhs.scalarOperand(rhs), .less) }
    /// A bool tensor: true where `lhs` is less than or equal to `rhs` (a scalar).
    public static func .<= (lhs: Tensor, rhs: Double) -> Tensor { lhs.compare(lhs.scalarOperand(rhs), .lessEqual) }
    /// A bool tensor: true where `lhs` is greater than `rhs` (a scalar).
    public static func .> (lhs: Tensor, rhs: Double) -> Tensor { lhs.compare(lhs.scalarOperand(rhs), .greater) }
    /// A bool tensor: true where `lhs` is greater than or equal to `rhs` (a scalar).
    public static func .>= (lhs: Tensor, rhs: Double) -> Tensor { lhs.compare(lhs.scalarOperand(rhs), .greaterEqual) }

    /// Elementwise `mask ? a : b`, broadcasting all three. `mask` may be any dtype (non-zero is
    /// true); the result has the promoted dtype of `a` and `b`.
    public static func `where`(_ mask: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let dtype = a.dtype.promoted(with: b.dtype)
        let shape = broadcastShape(broadcastShape(mask.shape, a.shape, op: "where"), b.shape, op: "where")
        let m = mask.converted(to: .bool).broadcast(to: shape)
        let x = a.converted(to: dtype).broadcast(to: shape)
        let y = b.converted(to: dtype).broadcast(to: shape)
        let out = Tensor(uninitializedShape: shape, dtype: dtype)
        let pm = m.storage.pointer.assumingMemoryBound(to: Bool.self)
        let n = out.count
        @inline(__always)
        func run<T>(_: T.Type) {
            let px = x.storage.pointer.assumingMemoryBound(to: T.self)
            let py = y.storage.pointer.assumingMemoryBound(to: T.self)
            let po = out.storage.pointer.assumingMemoryBound(to: T.self)
            for i in 0..<n { po[i] = pm[i] ? px[i] : py[i] }
        }
        switch dtype.byteSize {
        case 1: run(UInt8.self)
        case 4: run(UInt32.self)
        default: run(UInt64.self)
        }
        return out
    }

    /// Elementwise logical and of two masks.
    public func logicalAnd(_ other: Tensor) -> Tensor {
        Tensor.where(self, other.converted(to: .bool), Tensor(scalar: false))
    }

    /// Elementwise logical or of two masks.
    public func logicalOr(_ other: Tensor) -> Tensor {
        Tensor.where(self, Tensor(scalar: true), other.converted(to: .bool))
    }

    /// Elementwise logical not of a mask.
    public func logicalNot() -> Tensor {
        Tensor.where(self, Tensor(scalar: false), Tensor(scalar: true))
    }
}
