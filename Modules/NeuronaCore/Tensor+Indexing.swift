// Slicing with ranges and steps, index-select, gather/scatter, one-hot.

/// One entry of a slice: an index (drops the axis), a range with a step, every element, or a new
/// axis of size 1. Negative positions count from the end, as in Python.
public enum TensorIndex: Sendable, Equatable {
    /// One position on an axis: `x[1]` drops the axis.
    case index(Int)
    /// A slice `start..<end` by `step` (a `nil` bound means the axis's end, negative bounds count from the end).
    case range(start: Int?, end: Int?, step: Int)
    /// The whole axis (NumPy's `:`).
    case all
    /// A new axis of length 1 (NumPy's `np.newaxis`).
    case newAxis
}

/// Something that can stand in a tensor subscript: `Int`, `Range<Int>`, `ClosedRange<Int>`,
/// `PartialRangeFrom<Int>`, `PartialRangeUpTo<Int>`, `StrideTo<Int>` or a ``TensorIndex``.
public protocol TensorIndexConvertible {
    /// The index this value stands for in a subscript such as `x[0, 1..<3]`.
    var tensorIndex: TensorIndex { get }
}

extension TensorIndex: TensorIndexConvertible {
    public var tensorIndex: TensorIndex { self }
}
extension Int: TensorIndexConvertible {
    public var tensorIndex: TensorIndex { .index(self) }
}
extension Range: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .range(start: lowerBound, end: upperBound, step: 1) }
}
extension ClosedRange: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .range(start: lowerBound, end: upperBound == -1 ? nil : upperBound + 1, step: 1) }
}
extension PartialRangeFrom: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .range(start: lowerBound, end: nil, step: 1) }
}
extension PartialRangeUpTo: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .range(start: nil, end: upperBound, step: 1) }
}
extension StrideTo: TensorIndexConvertible where Element == Int {
    /// `stride(from: 0, to: 10, by: 2)`: start, end and step (the step may be negative).
    public var tensorIndex: TensorIndex {
        // StrideTo keeps its bounds private; its mirror names them (`from`, `to`, `by`).
        var fields: [String: Int] = [:]
        for child in Mirror(reflecting: self).children {
            if let label = child.label, let value = child.value as? Int { fields[label] = value }
        }
        let start = fields["from"] ?? fields["_start"] ?? 0
        let end = fields["to"] ?? fields["_end"] ?? 0
        let step = fields["by"] ?? fields["_stride"] ?? 1
        return .range(start: start, end: end, step: step)
    }
}

extension Tensor {
    /// A copy of the elements the indices select: `x[0]`, `x[1..<3, TensorIndex.all]`,
    /// `x[TensorIndex.all, stride(from: 0, to: 8, by: 2)]`, `x[-1]`. Missing trailing
    /// entries select everything.
    public subscript(_ indices: any TensorIndexConvertible...) -> Tensor {
        slice(indices.map(\.tensorIndex))
    }

    /// A copy of the elements the indices select (see the subscript).
    public func slice(_ indices: [TensorIndex]) -> Tensor {
        let selection = selection(indices)
        let out = Tensor(uninitializedShape: selection.shape, dtype: dtype)
        Tensor.copyStrided(from: storage.pointer, offset: selection.offset, sizes: selection.sizes,
                           strides: selection.strides, to: out.storage.pointer, byteSize: dtype.byteSize)
        return out
    }

    /// Where a slice's elements lie in this tensor's storage: the first one's position, and the
    /// size and stride (in elements) of each axis the slice walks; `shape` adds the new axes.
    struct Selection {
        var offset = 0
        var sizes: [Int] = []
        var strides: [Int] = []
        var shape: [Int] = []

        mutating func append(size: Int, stride: Int) {
            sizes.append(size); strides.append(stride); shape.append(size)
        }
    }

    /// The elements `indices` select, as a strided walk over the storage (see ``Selection``).
    func selection(_ indices: [TensorIndex]) -> Selection {
        var selection = Selection()
        let sourceStrides = Tensor.strides(of: shape)
        var axis = 0
        for entry in indices {
            if entry == .newAxis {
                selection.shape.append(1)
                continue
            }
            checkPrecondition(axis < rank, "slice: too many indices (\(indices.count)) for shape \(shape)")
            let dim = shape[axis]
            switch entry {
            case .index(let i):
                let j = i < 0 ? i + dim : i
                checkPrecondition(j >= 0 && j < dim, "slice: index \(i) out of range for axis \(axis) of shape \(shape)")
                selection.offset += j * sourceStrides[axis]
            case .all:
                selection.append(size: dim, stride: sourceStrides[axis])
            case .range(let start, let end, let step):
                let (first, n) = Tensor.resolveRange(start: start, end: end, step: step, dimension: dim, axis: axis, shape: shape)
                selection.offset += first * sourceStrides[axis]
                selection.append(size: n, stride: step * sourceStrides[axis])
            case .newAxis:
                break
            }
            axis += 1
        }
        while axis < rank {
            selection.append(size: shape[axis], stride: sourceStrides[axis])
            axis += 1
        }
        return selection
    }

    /// The first index and the count of a Python-style `start:end:step` on a dimension.
    static func resolveRange(start: Int?, end: Int?, step: Int, dimension dim: Int, axis: Int, shape: [Int]) -> (Int, Int) {
        checkPrecondition(step != 0, "slice: step must not be zero (axis \(axis) of shape \(shape))")
        func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int { Swift.min(Swift.max(v, lo), hi) }
        if step > 0 {
            let s = clamp(start.map { $0 < 0 ? $0 + dim : $0 } ?? 0, 0, dim)
            let e = clamp(end.map { $0 < 0 ? $0 + dim : $0 } ?? dim, 0, dim)
            return (s, e > s ? (e - s + step - 1) / step : 0)
        } else {
            let s = clamp(start.map { $0 < 0 ? $0 + dim : $0 } ?? dim - 1, -1, dim - 1)
            let e = clamp(end.map { $0 < 0 ? $0 + dim : $0 } ?? -1, -1, dim - 1)
            return (s, s > e ? (s - e - step - 1) / -step : 0)
        }
    }

    /// Elements `start..<end` along one axis (step 1).
    public func slice(axis: Int, start: Int, end: Int) -> Tensor {
        var entries = [TensorIndex](repeating: .all, count: rank)
        entries[axis] = .range(start: start, end: end, step: 1)
        return slice(entries)
    }

    /// Writes `value` (broadcast) into the elements the indices select.
    public mutating func assign(_ value: Tensor, at indices: [TensorIndex]) {
        // The slice's strided walk, run the other way: from the (contiguous) broadcast value
        // into this tensor's storage. Slices never select an element twice.
        let selection = selection(indices)
        let source = value.converted(to: dtype).broadcast(to: selection.shape)
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        Tensor.copyStrided(from: source.storage.pointer, offset: 0, sizes: selection.sizes,
                           strides: Tensor.strides(of: selection.sizes), to: storage.pointer, byteSize: dtype.byteSize,
                           destinationOffset: selection.offset, destinationStrides: selection.strides)
    }

    /// Selects entries along `axis` by an int64 index tensor (NumPy's `take`, PyTorch's
    /// `index_select` for 1-D indices). The result's shape is
    /// `shape[..<axis] + indices.shape + shape[(axis+1)...]`.
    public func indexSelect(_ indices: Tensor, axis: Int = 0) -> Tensor {
        checkPrecondition(indices.dtype == .int64, "indexSelect: indices must be int64, got \(indices.dtype)")
        let a = axis < 0 ? axis + rank : axis
        checkPrecondition(a >= 0 && a < rank, "indexSelect: axis \(axis) out of range for shape \(shape)")
        let outer = shape[..<a].reduce(1, *)
        let dim = shape[a]
        let innerBytes = shape[(a + 1)...].reduce(1, *) * dtype.byteSize
        let outShape = Array(shape[..<a]) + indices.shape + Array(shape[(a + 1)...])
        let out = Tensor(uninitializedShape: outShape, dtype: dtype)
        let src = storage.pointer
        let dst = out.storage.pointer
        indices.withUnsafeBufferPointer(as: Int64.self) { idx in
            var d = 0
            for o in 0..<outer {
                for raw in idx {
                    let j = raw < 0 ? Int(raw) + dim : Int(raw)
                    checkPrecondition(j >= 0 && j < dim, "indexSelect: index \(raw) out of range for axis \(a) of shape \(shape)")
                    (dst + d).copyMemory(from: src + (o * dim + j) * innerBytes, byteCount: innerBytes)
                    d += innerBytes
                }
            }
        }
        return out
    }

    /// The reverse of ``indexSelect(_:axis:)`` for gradients: a zero tensor of `shape` with
    /// `self`'s slices added at the indexed positions (repeated indices add up).
    public func indexAdd(into shape: [Int], indices: Tensor, axis: Int = 0) -> Tensor {
        let a = axis < 0 ? axis + shape.count : axis
        checkPrecondition(a >= 0 && a < shape.count, "indexAdd: axis \(axis) out of range for shape \(shape)")
        checkPrecondition(dtype.isFloatingPoint, "indexAdd: values must be floating-point, got \(dtype)")
        let out = Tensor.zeros(shape, dtype: dtype)
        let outer = shape[..<a].reduce(1, *)
        let dim = shape[a]
        let inner = shape[(a + 1)...].reduce(1, *)
        let m = indices.count
        checkPrecondition(self.count == outer * m * inner, "indexAdd: values of shape \(self.shape) do not match indices \(indices.shape) into \(shape)")
        let idx = indices.scalars(as: Int64.self)
        @inline(__always)
        func run<T: FloatingScalar>(_: T.Type) {
            let src = storage.pointer.assumingMemoryBound(to: T.self)
            let dst = out.storage.pointer.assumingMemoryBound(to: T.self)
            for o in 0..<outer {
                for (k, raw) in idx.enumerated() {
                    let j = raw < 0 ? Int(raw) + dim : Int(raw)
                    let s = src + (o * m + k) * inner
                    let d = dst + (o * dim + j) * inner
                    for i in 0..<inner { d[i] += s[i] }
                }
            }
        }
        if dtype == .float32 { run(Float.self) } else { run(Double.self) }
        return out
    }

    /// PyTorch's `gather` (NumPy's `take_along_axis`): `out[i][j] = self[indices[i][j]][j]` for
    /// axis 0, and likewise for other axes. `indices` is int64 with this tensor's rank; outside
    /// `axis` its dimensions may not exceed this tensor's.
    public func gather(_ indices: Tensor, axis: Int) -> Tensor {
        checkPrecondition(indices.dtype == .int64, "gather: indices must be int64, got \(indices.dtype)")
        checkPrecondition(indices.rank == rank, "gather: indices of shape \(indices.shape) for shape \(shape) differ in rank")
        let a = axis < 0 ? axis + rank : axis
        checkPrecondition(a >= 0 && a < rank, "gather: axis \(axis) out of range for shape \(shape)")
        for d in 0..<rank where d != a {
            checkPrecondition(indices.shape[d] <= shape[d], "gather: indices of shape \(indices.shape) do not fit shape \(shape) outside axis \(a)")
        }
        let out = Tensor(uninitializedShape: indices.shape, dtype: dtype)
        let byteSize = dtype.byteSize
        let src = storage.pointer, dst = out.storage.pointer
        if rank == 1 && (byteSize == 4 || byteSize == 8) {
            // A flat lookup (max pooling's gather): one tight loop.
            let n = shape[0]
            indices.withUnsafeBufferPointer(as: Int64.self) { idx in
                @inline(__always)
                func run<E>(_: E.Type) {
                    let s = src.assumingMemoryBound(to: E.self), d = dst.assumingMemoryBound(to: E.self)
                    for i in 0..<idx.count {
                        let j = Int(idx[i])
                        checkPrecondition(j >= 0 && j < n, "gather: index \(j) out of range for axis 0 of shape \(shape)")
                        d[i] = s[j]
                    }
                }
                if byteSize == 4 { run(UInt32.self) } else { run(UInt64.self) }
            }
            return out
        }
        Tensor.forEachGatherOffset(indices, shape: shape, axis: a, op: "gather") { i, sourceOffset in
            (dst + i * byteSize).copyMemory(from: src + sourceOffset * byteSize, byteCount: byteSize)
        }
        return out
    }

    /// The reverse of ``gather(_:axis:)``: a zero tensor of `shape` with `self`'s elements added
    /// at the positions `indices` names along `axis`.
    public func scatterAdd(into shape: [Int], indices: Tensor, axis: Int) -> Tensor {
        checkPrecondition(dtype.isFloatingPoint, "scatterAdd: values must be floating-point, got \(dtype)")
        checkPrecondition(self.shape == indices.shape, "scatterAdd: values of shape \(self.shape) and indices \(indices.shape) differ")
        let a = axis < 0 ? axis + shape.count : axis
        checkPrecondition(a >= 0 && a < shape.count, "scatterAdd: axis \(axis) out of range for shape \(shape)")
        let out = Tensor.zeros(shape, dtype: dtype)
        let dtype = self.dtype
        let src = storage.pointer, dst = out.storage.pointer
        if shape.count == 1 {
            // A flat scatter (max pooling's backward): one tight loop.
            let n = shape[0]
            indices.withUnsafeBufferPointer(as: Int64.self) { idx in
                @inline(__always)
                func run<T: FloatingScalar>(_: T.Type) {
                    let s = src.assumingMemoryBound(to: T.self), d = dst.assumingMemoryBound(to: T.self)
                    for i in 0..<idx.count {
                        let j = Int(idx[i])
                        checkPrecondition(j >= 0 && j < n, "scatterAdd: index \(j) out of range for axis 0 of shape \(shape)")
                        d[j] += s[i]
                    }
                }
                if dtype == .float32 { run(Float.self) } else { run(Double.self) }
            }
            return out
        }
        checkPrecondition(indices.rank == shape.count, "scatterAdd: indices of shape \(indices.shape) for shape \(shape) differ in rank")
        Tensor.forEachGatherOffset(indices, shape: shape, axis: a, op: "scatterAdd") { i, target in
            if dtype == .float32 {
                dst.assumingMemoryBound(to: Float.self)[target] += src.assumingMemoryBound(to: Float.self)[i]
            } else {
                dst.assumingMemoryBound(to: Double.self)[target] += src.assumingMemoryBound(to: Double.self)[i]
            }
        }
        return out
    }

    /// Walks `indices` in row-major order and calls `body(i, offset)` with the offset into a
    /// tensor of `shape` that `indices[i]` selects along `axis`.
    static func forEachGatherOffset(_ indices: Tensor, shape: [Int], axis: Int, op: String,
                                    _ body: (Int, Int) -> Void) {
        let strides = Tensor.strides(of: shape)
        let ishape = indices.shape
        let rank = ishape.count
        let dim = shape[axis]
        indices.withUnsafeBufferPointer(as: Int64.self) { idx in
            var coordinate = [Int](repeating: 0, count: rank)
            var base = 0  // offset of the coordinate outside `axis`
            for i in 0..<idx.count {
                let raw = Int(idx[i])
                let j = raw < 0 ? raw + dim : raw
                checkPrecondition(j >= 0 && j < dim, "\(op): index \(raw) out of range for axis \(axis) of shape \(shape)")
                body(i, base + j * strides[axis])
                var d = rank - 1
                while d >= 0 {
                    coordinate[d] += 1
                    if d != axis { base += strides[d] }
                    if coordinate[d] < ishape[d] { break }
                    if d != axis { base -= strides[d] * ishape[d] }
                    coordinate[d] = 0
                    d -= 1
                }
            }
        }
    }

    /// One-hot rows for class indices: shape `shape + [classes]`, `dtype` (float32).
    ///
    /// Labels may be int64 or whole floating-point numbers (Keras's `to_categorical`). A label
    /// outside `0..<classes` is a mistake in the calling code and stops the program with the
    /// label, its example and the shape (in release builds too); labels from outside the program
    /// go through ``oneHot(labels:classes:dtype:)``, which throws instead.
    public func oneHot(classes: Int, dtype target: DType = .float32) -> Tensor {
        do {
            return try Tensor.oneHot(labels: self, classes: classes, dtype: target)
        } catch {
            preconditionFailed("oneHot: \(error)")
        }
    }

    /// One-hot rows for class indices, as PyTorch's `one_hot`: shape `labels.shape + [classes]`.
    ///
    /// - Parameters:
    ///   - labels: Class indices: int64, or whole floating-point numbers.
    ///   - classes: The number of classes (positive).
    ///   - dtype: The dtype of the result (float32).
    /// - Throws: ``ClassLabelError`` naming the first label outside `0..<classes` and its example.
    public static func oneHot(labels: Tensor, classes: Int, dtype target: DType = .float32) throws -> Tensor {
        try labels.checkClassLabels(classes: classes, argument: "labels")
        let codes = labels.dtype == .int64 ? labels : labels.converted(to: .int64)
        let out = Tensor.zeros(labels.shape + [classes], dtype: .float64)
        let dst = out.storage.pointer.assumingMemoryBound(to: Double.self)
        codes.withUnsafeBufferPointer(as: Int64.self) { idx in
            for (i, c) in idx.enumerated() { dst[i * classes + Int(c)] = 1 }
        }
        return out.converted(to: target)
    }
}
