// NumPy broadcasting: the shape two operands broadcast to, and the loop plan that walks them.

extension Tensor {
    /// The shape `a` and `b` broadcast to under NumPy's rules (align from the right; each pair of
    /// dimensions must be equal or one of them 1). Stops naming `op` and both shapes otherwise.
    public static func broadcastShape(_ a: [Int], _ b: [Int], op: String = "broadcast") -> [Int] {
        if a == b { return a }
        let rank = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                out[i] = da
            } else if da == 1 {
                out[i] = db
            } else {
                preconditionFailed("\(op): shapes \(a) and \(b) cannot be broadcast together")
            }
        }
        return out
    }

    /// This tensor repeated along broadcast dimensions to `shape` (a new contiguous tensor).
    public func broadcast(to target: [Int]) -> Tensor {
        if target == shape { return self }
        if count == 1 && rank <= target.count {
            // One element (a scalar's gradient spread over a mean's inputs): every target fits.
            let out = Tensor(uninitializedShape: target, dtype: dtype)
            switch dtype.byteSize {
            case 1: out.storage.pointer.initializeMemory(as: UInt8.self, repeating: storage.pointer.load(as: UInt8.self), count: out.count)
            case 4: out.storage.pointer.initializeMemory(as: UInt32.self, repeating: storage.pointer.load(as: UInt32.self), count: out.count)
            default: out.storage.pointer.initializeMemory(as: UInt64.self, repeating: storage.pointer.load(as: UInt64.self), count: out.count)
            }
            return out
        }
        if rank >= 1 && target.count > rank && Array(target.suffix(rank)) == shape {
            // Whole copies stacked along new leading axes (a bias repeated for each row).
            let out = Tensor(uninitializedShape: target, dtype: dtype)
            let bytes = count * dtype.byteSize
            for copy in 0..<(count == 0 ? 0 : out.count / count) {
                (out.storage.pointer + copy * bytes).copyMemory(from: storage.pointer, byteCount: bytes)
            }
            return out
        }
        let check = Tensor.broadcastShape(shape, target, op: "broadcast(to:)")
        checkPrecondition(check == target, "broadcast(to:): shape \(shape) cannot be broadcast to \(target)")
        let out = Tensor(uninitializedShape: target, dtype: dtype)
        let plan = BroadcastPlan(shape, [], target)
        let src = storage.pointer
        let dst = out.storage.pointer
        @inline(__always)
        func copy<T>(_: T.Type) {
            var dummy: UInt8 = 0
            withUnsafePointer(to: &dummy) { b in
                plan.run(src.assumingMemoryBound(to: T.self), b, dst.assumingMemoryBound(to: T.self)) { x, _ in x }
            }
        }
        switch dtype.byteSize {
        case 1: copy(UInt8.self)
        case 4: copy(UInt32.self)
        default: copy(UInt64.self)
        }
        return out
    }

    /// Sums this tensor over its broadcast dimensions so that it gets `target`'s shape: the
    /// inverse of broadcasting, used by gradients.
    public func sumToShape(_ target: [Int]) -> Tensor {
        if shape == target { return self }
        return sum(axes: Tensor.broadcastAxes(from: shape, to: target)).reshaped(target)
    }

    /// The axes of `shape` that broadcasting from `target` added or stretched: summing over
    /// them gives `target`'s shape back (after a reshape). Stops when `target` does not
    /// broadcast to `shape`.
    public static func broadcastAxes(from shape: [Int], to target: [Int]) -> [Int] {
        checkPrecondition(shape.count >= target.count, "sumToShape: cannot reduce shape \(shape) to \(target)")
        let lead = shape.count - target.count
        var axes: [Int] = Array(0..<lead)
        for i in 0..<target.count {
            if target[i] == 1 {
                if shape[lead + i] != 1 { axes.append(lead + i) }
            } else {
                checkPrecondition(target[i] == shape[lead + i], "sumToShape: cannot reduce shape \(shape) to \(target)")
            }
        }
        return axes
    }
}

/// How to walk two broadcast operands and their output: dimensions of size 1 dropped, adjacent
/// dimensions merged where both operands are contiguous across them, strides 0 where an operand
/// is broadcast. The innermost dimension is walked by a tight loop.
@usableFromInline
struct BroadcastPlan {
    @usableFromInline var dims: [Int]
    @usableFromInline var aStrides: [Int]
    @usableFromInline var bStrides: [Int]

    @usableFromInline
    init(_ aShape: [Int], _ bShape: [Int], _ outShape: [Int]) {
        let rank = outShape.count
        func stridesFor(_ shape: [Int]) -> [Int] {
            var strides = [Int](repeating: 0, count: rank)
            var s = 1
            for i in stride(from: shape.count - 1, through: 0, by: -1) {
                let o = i + rank - shape.count
                strides[o] = shape[i] == 1 ? 0 : s
                s *= shape[i]
            }
            return strides
        }
        let sa = stridesFor(aShape)
        let sb = stridesFor(bShape)
        var dims: [Int] = []
        var aS: [Int] = []
        var bS: [Int] = []
        for i in 0..<rank where outShape[i] != 1 {
            if let last = dims.last,
               aS.last! == sa[i] * outShape[i], bS.last! == sb[i] * outShape[i] {
                // Merge with the previous (outer) dimension: contiguous across both.
                dims[dims.count - 1] = last * outShape[i]
                aS[aS.count - 1] = sa[i]
                bS[bS.count - 1] = sb[i]
            } else {
                dims.append(outShape[i])
                aS.append(sa[i])
                bS.append(sb[i])
            }
        }
        if dims.isEmpty { dims = [1]; aS = [0]; bS = [0] }
        self.dims = dims
        self.aStrides = aS
        self.bStrides = bS
    }

    /// Calls `f` for every output element, writing `out` in row-major order.
    @inlinable @inline(__always)
    func run<A, B, R>(
        _ a: UnsafePointer<A>, _ b: UnsafePointer<B>, _ out: UnsafeMutablePointer<R>,
        _ f: (A, B) -> R
    ) {
        let rank = dims.count
        let n = dims[rank - 1]
        let sa = aStrides[rank - 1]
        let sb = bStrides[rank - 1]
        var outer = 1
        for d in 0..<(rank - 1) { outer *= dims[d] }
        var index = [Int](repeating: 0, count: Swift.max(0, rank - 1))
        var aOffset = 0
        var bOffset = 0
        var o = 0
        for _ in 0..<outer {
            let pa = a + aOffset
            let pb = b + bOffset
            let po = out + o
            if sa == 1 && sb == 1 {
                for i in 0..<n { po[i] = f(pa[i], pb[i]) }
            } else if sa == 0 && sb == 1 {
                let x = pa[0]
                for i in 0..<n { po[i] = f(x, pb[i]) }
            } else if sa == 1 && sb == 0 {
                let y = pb[0]
                for i in 0..<n { po[i] = f(pa[i], y) }
            } else {
                for i in 0..<n { po[i] = f(pa[i * sa], pb[i * sb]) }
            }
            o += n
            var d = rank - 2
            while d >= 0 {
                index[d] += 1
                aOffset += aStrides[d]
                bOffset += bStrides[d]
                if index[d] < dims[d] { break }
                aOffset -= aStrides[d] * dims[d]
                bOffset -= bStrides[d] * dims[d]
                index[d] = 0
                d -= 1
            }
        }
    }
}
