import NeuronaCore

// Shape and indexing ops. Each backward is made of the inverse op, so it is differentiable too.

extension Variable {
    /// The same elements with a new shape (one dimension may be -1).
    public func reshaped(_ newShape: [Int]) -> Variable {
        let inputShape = shape
        let out = value.reshaped(newShape)
        if out.shape == inputShape { return self }
        return Variable.record(out, .reshape, self) { g, _ in [g.reshaped(inputShape)] }
    }

    /// The same elements as a 1-D variable.
    public func flattened() -> Variable { reshaped([-1]) }

    /// The axes reordered: output axis `i` is input axis `axes[i]`.
    public func permuted(_ axes: [Int]) -> Variable {
        let normalized = axes.map { $0 < 0 ? $0 + rank : $0 }
        var inverse = [Int](repeating: 0, count: normalized.count)
        for (i, a) in normalized.enumerated() where a >= 0 && a < inverse.count { inverse[a] = i }
        return Variable.record(value.permuted(axes), .permute, self) { g, _ in [g.permuted(inverse)] }
    }

    /// Two axes swapped (the last two by default).
    public func transposed(_ axis0: Int = -2, _ axis1: Int = -1) -> Variable {
        var axes = Array(0..<rank)
        axes.swapAt(axis0 < 0 ? axis0 + rank : axis0, axis1 < 0 ? axis1 + rank : axis1)
        return permuted(axes)
    }

    /// Without dimensions of size 1 (only `axes`, when given).
    public func squeezed(axes: [Int]? = nil) -> Variable { reshaped(value.squeezed(axes: axes).shape) }

    /// With a new dimension of size 1 at `axis`.
    public func unsqueezed(axis: Int) -> Variable { reshaped(value.unsqueezed(axis: axis).shape) }

    /// Repeated along broadcast dimensions to `shape`; the gradient is summed back.
    public func broadcast(to target: [Int]) -> Variable {
        if target == shape { return self }
        let inputShape = shape
        return Variable.record(value.broadcast(to: target), .broadcast, self) { g, _ in
            [g.summed(toShape: inputShape)]
        }
    }

    /// Variables joined along an existing axis.
    public static func concatenate(_ variables: [Variable], axis: Int = 0) -> Variable {
        let value = Tensor.concatenate(variables.map(\.value), axis: axis)
        let a = axis < 0 ? axis + variables[0].rank : axis
        let sizes = variables.map { $0.shape[a] }
        return record(value, .concatenate, variables) { g, _ in g.split(sizes: sizes, axis: a) }
    }

    /// Variables of equal shape joined along a new axis.
    public static func stack(_ variables: [Variable], axis: Int = 0) -> Variable {
        let a = axis < 0 ? axis + variables[0].rank + 1 : axis
        return concatenate(variables.map { $0.unsqueezed(axis: a) }, axis: a)
    }

    /// Pieces of the given sizes along `axis`.
    public func split(sizes: [Int], axis: Int = 0) -> [Variable] {
        let a = axis < 0 ? axis + rank : axis
        checkPrecondition(a >= 0 && a < rank, "split: axis \(axis) out of range for shape \(shape)")
        checkPrecondition(sizes.reduce(0, +) == shape[a],
                          "split: sizes \(sizes) do not add up to \(shape[a]) (axis \(a) of shape \(shape))")
        var start = 0
        return sizes.map { size in
            var entries = [TensorIndex](repeating: .all, count: rank)
            entries[a] = .range(start: start, end: start + size, step: 1)
            start += size
            return slice(entries)
        }
    }

    /// `parts` equal pieces along `axis`.
    public func split(parts: Int, axis: Int = 0) -> [Variable] {
        let a = axis < 0 ? axis + rank : axis
        checkPrecondition(a >= 0 && a < rank, "split: axis \(axis) out of range for shape \(shape)")
        checkPrecondition(parts > 0 && shape[a] % parts == 0,
                          "split: dimension \(shape[a]) (axis \(a) of shape \(shape)) does not split into \(parts) parts")
        return split(sizes: Array(repeating: shape[a] / parts, count: parts), axis: a)
    }

    /// The elements the indices select (see `Tensor.slice`).
    public func slice(_ indices: [TensorIndex]) -> Variable {
        let inputShape = shape
        return Variable.record(value.slice(indices), .slice, self) { g, _ in
            [g.scatteredIntoSlice(indices, of: inputShape)]
        }
    }

    /// `x[0]`, `x[1..<3, TensorIndex.all]`, ...: see `Tensor`'s subscript.
    public subscript(_ indices: any TensorIndexConvertible...) -> Variable {
        slice(indices.map(\.tensorIndex))
    }

    /// A zero variable of `shape` with this one written at `indices`: the reverse of `slice`.
    public func scatteredIntoSlice(_ indices: [TensorIndex], of target: [Int]) -> Variable {
        var out = Tensor.zeros(target, dtype: dtype)
        out.assign(value, at: indices)
        return Variable.record(out, .sliceScatter, self) { g, _ in [g.slice(indices)] }
    }

    /// PyTorch's `gather` along `axis` by an int64 index tensor.
    public func gather(_ indices: Tensor, axis: Int) -> Variable {
        gather(indices, axis: axis, gathered: value.gather(indices, axis: axis))
    }

    /// ``gather(_:axis:)`` when the caller already has the gathered values (max pooling's
    /// kernel finds them together with the indices).
    func gather(_ indices: Tensor, axis: Int, gathered: Tensor) -> Variable {
        let inputShape = shape
        return Variable.record(gathered, .gather, self) { g, _ in
            [Variable.unrecorded { g.value.scatterAdd(into: inputShape, indices: indices, axis: axis) }
                ?? g.scatterAdded(into: inputShape, indices: indices, axis: axis)]
        }
    }

    /// A zero variable of `shape` with this one's elements added at `indices` along `axis`.
    public func scatterAdded(into target: [Int], indices: Tensor, axis: Int) -> Variable {
        Variable.record(value.scatterAdd(into: target, indices: indices, axis: axis), .scatterAdd, self) { g, _ in
            [g.gather(indices, axis: axis)]
        }
    }

    /// Entries along `axis` selected by an int64 index tensor (NumPy's `take`).
    public func indexSelect(_ indices: Tensor, axis: Int = 0) -> Variable {
        let inputShape = shape
        return Variable.record(value.indexSelect(indices, axis: axis), .indexSelect, self) { g, _ in
            [g.indexAdded(into: inputShape, indices: indices, axis: axis)]
        }
    }

    /// A zero variable of `shape` with this one's slices added at `indices` along `axis`.
    public func indexAdded(into target: [Int], indices: Tensor, axis: Int = 0) -> Variable {
        Variable.record(value.indexAdd(into: target, indices: indices, axis: axis), .indexAdd, self) { g, _ in
            [g.indexSelect(indices, axis: axis)]
        }
    }

    /// Padded with a constant: `widths[i] = (before, after)` on axis `i`.
    public func padded(_ widths: [(before: Int, after: Int)], value fill: Double = 0) -> Variable {
        let inputShape = shape
        let interior = (0..<rank).map { TensorIndex.range(start: widths[$0].before, end: widths[$0].before + inputShape[$0], step: 1) }
        return Variable.record(value.padded(widths, value: fill), .pad, self) { g, _ in [g.slice(interior)] }
    }
}

// The ops this file records.
extension DifferentiableOp {
    /// A new shape, same elements.
    @inlinable public static var reshape: DifferentiableOp { DifferentiableOp(rawValue: "reshape") }
    /// Reordered axes.
    @inlinable public static var permute: DifferentiableOp { DifferentiableOp(rawValue: "permute") }
    /// Broadcasting to a larger shape.
    @inlinable public static var broadcast: DifferentiableOp { DifferentiableOp(rawValue: "broadcast") }
    /// Joining along an axis (stack too).
    @inlinable public static var concatenate: DifferentiableOp { DifferentiableOp(rawValue: "concatenate") }
    /// A strided slice.
    @inlinable public static var slice: DifferentiableOp { DifferentiableOp(rawValue: "slice") }
    /// A slice placed into zeros.
    @inlinable public static var sliceScatter: DifferentiableOp { DifferentiableOp(rawValue: "sliceScatter") }
    /// Picking elements by indices along an axis.
    @inlinable public static var gather: DifferentiableOp { DifferentiableOp(rawValue: "gather") }
    /// Adding elements into zeros by indices along an axis.
    @inlinable public static var scatterAdd: DifferentiableOp { DifferentiableOp(rawValue: "scatterAdd") }
    /// Picking slices by indices along an axis.
    @inlinable public static var indexSelect: DifferentiableOp { DifferentiableOp(rawValue: "indexSelect") }
    /// Adding slices into zeros by indices along an axis.
    @inlinable public static var indexAdd: DifferentiableOp { DifferentiableOp(rawValue: "indexAdd") }
    /// Padding with a constant.
    @inlinable public static var pad: DifferentiableOp { DifferentiableOp(rawValue: "pad") }
    /// Shape and indexing: the ops of this file, for ``allCases``.
    static var shape: [DifferentiableOp] {
        [.reshape, .permute, .broadcast, .concatenate, .slice, .sliceScatter, .gather, .scatterAdd, .indexSelect, .indexAdd, .pad]
    }
}
