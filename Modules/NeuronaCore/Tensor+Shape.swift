// Shape ops: reshape, permute/transpose, squeeze/unsqueeze, concatenate, stack, split, pad.

extension Tensor {
    /// The same elements with a new shape (no copy). One dimension may be -1: it is inferred.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let inferred = newShape.firstIndex(of: -1) {
            checkPrecondition(newShape.filter({ $0 == -1 }).count == 1,
                              "reshape: more than one -1 in \(newShape) (from shape \(shape))")
            let known = newShape.enumerated().reduce(1) { $1.offset == inferred ? $0 : $0 * $1.element }
            checkPrecondition(known > 0 && count % known == 0,
                              "reshape: cannot reshape shape \(shape) (\(count) elements) to \(newShape)")
            target[inferred] = count / known
        }
        checkPrecondition(target.allSatisfy { $0 >= 0 } && Tensor.elementCount(target) == count,
                          "reshape: cannot reshape shape \(shape) (\(count) elements) to \(newShape)")
        return Tensor(shape: target, dtype: dtype, storage: storage)
    }

    /// The same elements as a 1-D tensor.
    public func flattened() -> Tensor { reshaped([count]) }

    /// A copy with the axes reordered: output axis `i` is input axis `axes[i]`.
    public func permuted(_ axes: [Int]) -> Tensor {
        checkPrecondition(axes.count == rank && Set(axes.map { $0 < 0 ? $0 + rank : $0 }) == Set(0..<rank),
                          "permute: \(axes) is not a permutation of the axes of shape \(shape)")
        let axes = axes.map { $0 < 0 ? $0 + rank : $0 }
        if axes == Array(0..<rank) { return self }
        let sourceStrides = Tensor.strides(of: shape)
        let outShape = axes.map { shape[$0] }
        let out = Tensor(uninitializedShape: outShape, dtype: dtype)
        Tensor.copyStrided(from: storage.pointer, offset: 0, sizes: outShape,
                           strides: axes.map { sourceStrides[$0] }, to: out.storage.pointer,
                           byteSize: dtype.byteSize)
        return out
    }

    /// A copy with two axes swapped (the last two by default: the matrix transpose).
    public func transposed(_ axis0: Int = -2, _ axis1: Int = -1) -> Tensor {
        checkPrecondition(rank >= 2 || (rank == 1 && axis0 == -2 && axis1 == -1),
                          "transpose: needs at least 2 dimensions, got shape \(shape)")
        if rank < 2 { return self }
        var axes = Array(0..<rank)
        let a = axis0 < 0 ? axis0 + rank : axis0
        let b = axis1 < 0 ? axis1 + rank : axis1
        checkPrecondition(a >= 0 && a < rank && b >= 0 && b < rank,
                          "transpose: axes \(axis0), \(axis1) out of range for shape \(shape)")
        axes.swapAt(a, b)
        return permuted(axes)
    }

    /// The matrix transpose of a 2-D tensor.
    public var T: Tensor { transposed() }

    /// The tensor without dimensions of size 1 (only `axes`, when given).
    public func squeezed(axes: [Int]? = nil) -> Tensor {
        if let axes {
            let normalized = normalizedAxes(axes, op: "squeeze")
            for a in normalized {
                checkPrecondition(shape[a] == 1, "squeeze: axis \(a) has size \(shape[a]), not 1, in shape \(shape)")
            }
            return reshaped(shape.enumerated().filter { !normalized.contains($0.offset) }.map(\.element))
        }
        return reshaped(shape.filter { $0 != 1 })
    }

    /// The tensor with a new dimension of size 1 at `axis` (negative counts from the end).
    public func unsqueezed(axis: Int) -> Tensor {
        let a = axis < 0 ? axis + rank + 1 : axis
        checkPrecondition(a >= 0 && a <= rank, "unsqueeze: axis \(axis) out of range for shape \(shape)")
        var s = shape
        s.insert(1, at: a)
        return reshaped(s)
    }

    /// Joins tensors along an existing axis. Every other dimension must match.
    public static func concatenate(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        checkPrecondition(!tensors.isEmpty, "concatenate: no tensors")
        let first = tensors[0]
        let a = axis < 0 ? axis + first.rank : axis
        checkPrecondition(a >= 0 && a < Swift.max(first.rank, 1),
                          "concatenate: axis \(axis) out of range for shape \(first.shape)")
        let dtype = tensors.dropFirst().reduce(first.dtype) { $0.promoted(with: $1.dtype) }
        var outShape = first.shape
        outShape[a] = 0
        for t in tensors {
            var a1 = t.shape, b1 = first.shape
            checkPrecondition(t.rank == first.rank, "concatenate: shapes \(first.shape) and \(t.shape) differ in rank")
            a1[a] = 0; b1[a] = 0
            checkPrecondition(a1 == b1, "concatenate: shapes \(first.shape) and \(t.shape) differ outside axis \(a)")
            outShape[a] += t.shape[a]
        }
        let out = Tensor(uninitializedShape: outShape, dtype: dtype)
        let outer = first.shape[..<a].reduce(1, *)
        let inner = first.shape[(a + 1)...].reduce(1, *) * dtype.byteSize
        let rowBytes = outShape[a] * inner
        var column = 0
        for t in tensors {
            let source = t.converted(to: dtype)
            let block = t.shape[a] * inner
            let src = source.storage.pointer
            let dst = out.storage.pointer
            for o in 0..<outer {
                (dst + o * rowBytes + column).copyMemory(from: src + o * block, byteCount: block)
            }
            column += block
        }
        return out
    }

    /// Joins tensors of equal shape along a new axis.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        checkPrecondition(!tensors.isEmpty, "stack: no tensors")
        let shape = tensors[0].shape
        for t in tensors {
            checkPrecondition(t.shape == shape, "stack: shapes \(shape) and \(t.shape) differ")
        }
        let a = axis < 0 ? axis + shape.count + 1 : axis
        checkPrecondition(a >= 0 && a <= shape.count, "stack: axis \(axis) out of range for tensors of shape \(shape)")
        return concatenate(tensors.map { $0.unsqueezed(axis: a) }, axis: a)
    }

    /// Splits along `axis` into pieces of the given sizes (which must add up to the dimension).
    public func split(sizes: [Int], axis: Int = 0) -> [Tensor] {
        let a = axis < 0 ? axis + rank : axis
        checkPrecondition(a >= 0 && a < rank, "split: axis \(axis) out of range for shape \(shape)")
        checkPrecondition(sizes.reduce(0, +) == shape[a] && sizes.allSatisfy { $0 >= 0 },
                          "split: sizes \(sizes) do not add up to \(shape[a]) (axis \(a) of shape \(shape))")
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return slice(axis: a, start: start, end: start + size)
        }
    }

    /// Splits along `axis` into `parts` equal pieces.
    public func split(parts: Int, axis: Int = 0) -> [Tensor] {
        let a = axis < 0 ? axis + rank : axis
        checkPrecondition(a >= 0 && a < rank, "split: axis \(axis) out of range for shape \(shape)")
        checkPrecondition(parts > 0 && shape[a] % parts == 0,
                          "split: dimension \(shape[a]) (axis \(a) of shape \(shape)) does not split into \(parts) parts")
        return split(sizes: Array(repeating: shape[a] / parts, count: parts), axis: a)
    }

    /// Pads with `value`: `widths[i] = (before, after)` elements on axis `i`.
    public func padded(_ widths: [(before: Int, after: Int)], value: Double = 0) -> Tensor {
        checkPrecondition(widths.count == rank, "pad: \(widths.count) widths for shape \(shape)")
        checkPrecondition(widths.allSatisfy { $0.before >= 0 && $0.after >= 0 }, "pad: negative width for shape \(shape)")
        let outShape = (0..<rank).map { shape[$0] + widths[$0].before + widths[$0].after }
        let out = Tensor.full(outShape, value: value, dtype: dtype)
        let outStrides = Tensor.strides(of: outShape)
        let offset = (0..<rank).reduce(0) { $0 + widths[$1].before * outStrides[$1] }
        Tensor.copyStrided(from: storage.pointer, offset: 0, sizes: shape, strides: Tensor.strides(of: shape),
                           to: out.storage.pointer, byteSize: dtype.byteSize,
                           destinationOffset: offset, destinationStrides: outStrides)
        return out
    }

    /// Copies elements between strided layouts: element `(i0, i1, ...)` of a view with `sizes`
    /// is read at `offset + Σ i·strides` and written at `destinationOffset + Σ i·destinationStrides`
    /// (contiguous row-major when `destinationStrides` is nil).
    static func copyStrided(
        from source: UnsafeMutableRawPointer, offset: Int, sizes: [Int], strides: [Int],
        to destination: UnsafeMutableRawPointer, byteSize: Int,
        destinationOffset: Int = 0, destinationStrides: [Int]? = nil
    ) {
        @inline(__always)
        func run<T>(_: T.Type) {
            let src = source.assumingMemoryBound(to: T.self)
            let dst = destination.assumingMemoryBound(to: T.self)
            let rank = sizes.count
            let total = sizes.reduce(1, *)
            if total == 0 { return }
            if rank == 0 { dst[destinationOffset] = src[offset]; return }
            let dstStrides = destinationStrides ?? Tensor.strides(of: sizes)
            let n = sizes[rank - 1]
            let s = strides[rank - 1]
            let ds = dstStrides[rank - 1]
            var index = [Int](repeating: 0, count: rank)
            var so = offset
            var dOff = destinationOffset
            for _ in 0..<(total / n) {
                if s == 1 && ds == 1 {
                    (dst + dOff).update(from: src + so, count: n)
                } else {
                    for i in 0..<n { dst[dOff + i * ds] = src[so + i * s] }
                }
                var d = rank - 2
                while d >= 0 {
                    index[d] += 1
                    so += strides[d]
                    dOff += dstStrides[d]
                    if index[d] < sizes[d] { break }
                    so -= strides[d] * sizes[d]
                    dOff -= dstStrides[d] * sizes[d]
                    index[d] = 0
                    d -= 1
                }
            }
        }
        switch byteSize {
        case 1: run(UInt8.self)
        case 4: run(UInt32.self)
        default: run(UInt64.self)
        }
    }
}
