import CMPI
import NeuronaAutograd
import NeuronaCore

/// Gradients of several parameters of one dtype packed into one buffer, so that a single
/// allreduce averages them all (PyTorch DDP's buckets).
final class GradientBucket {
    /// The parameters' indices in the list `fit` trains, and their element ranges in ``storage``.
    let members: [(index: Int, range: Range<Int>)]
    let dtype: DType
    /// The packed elements, plus one slot after them when this bucket carries the batch loss.
    let count: Int
    let carriesLoss: Bool
    let storage: UnsafeMutableRawPointer

    init(members: [(index: Int, range: Range<Int>)], dtype: DType, carriesLoss: Bool) {
        self.members = members
        self.dtype = dtype
        self.carriesLoss = carriesLoss
        count = (members.last?.range.upperBound ?? 0) + (carriesLoss ? 1 : 0)
        storage = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(1, count) * dtype.byteSize, alignment: 64)
    }

    deinit { storage.deallocate() }

    /// Copies each member's gradient times `scale` into the buffer (zeros for a missing one),
    /// and `loss` times `scale` into the loss slot.
    func pack(_ parameters: [NamedParameter], scale: Double, loss: Double) {
        switch dtype {
        case .float32: pack(parameters, scale: Float(scale), loss: Float(loss * scale), as: Float.self)
        case .float64: pack(parameters, scale: scale, loss: loss * scale, as: Double.self)
        default: preconditionFailed("GradientBucket: \(dtype) parameters cannot be averaged")
        }
    }

    private func pack<T: TensorScalar & BinaryFloatingPoint & SIMDScalar>(_ parameters: [NamedParameter], scale: T, loss: T, as: T.Type) {
        let target = storage.bindMemory(to: T.self, capacity: count)
        for (index, range) in members {
            guard let gradient = parameters[index].variable.grad else {
                (target + range.lowerBound).initialize(repeating: 0, count: range.count)
                continue
            }
            let typed = gradient.dtype == dtype ? gradient : gradient.converted(to: dtype)
            checkPrecondition(typed.count == range.count,
                              "DataParallel: gradient of shape \(typed.shape) for parameter \(parameters[index].name) of shape \(parameters[index].variable.shape)")
            typed.withUnsafeBufferPointer(as: T.self) { source in
                GradientBucket.scale(source, by: scale, into: target + range.lowerBound)
            }
        }
        if carriesLoss { target[count - 1] = loss }
    }

    /// `target[i] = source[i] · scale`, 16 lanes at a time (a plain loop over two pointers is
    /// not vectorized: the compiler cannot rule out aliasing).
    private static func scale<T: BinaryFloatingPoint & SIMDScalar>(_ source: UnsafeBufferPointer<T>, by scale: T,
                                                                  into target: UnsafeMutablePointer<T>) {
        guard let base = source.baseAddress else { return }
        let input = UnsafeRawPointer(base), output = UnsafeMutableRawPointer(target)
        let stride = MemoryLayout<T>.stride
        var i = 0
        while i + 16 <= source.count {
            let lanes = input.loadUnaligned(fromByteOffset: i * stride, as: SIMD16<T>.self)
            output.storeBytes(of: lanes * scale, toByteOffset: i * stride, as: SIMD16<T>.self)
            i += 16
        }
        while i < source.count {
            target[i] = base[i] * scale
            i += 1
        }
    }

    /// Sets each member's gradient from the buffer; returns the loss slot (0 without one).
    func unpack(_ parameters: [NamedParameter]) -> Double {
        switch dtype {
        case .float32: return unpack(parameters, as: Float.self)
        case .float64: return unpack(parameters, as: Double.self)
        default: preconditionFailed("GradientBucket: \(dtype) parameters cannot be averaged")
        }
    }

    private func unpack<T: TensorScalar & BinaryFloatingPoint>(_ parameters: [NamedParameter], as: T.Type) -> Double {
        let source = storage.bindMemory(to: T.self, capacity: count)
        for (index, range) in members {
            let variable = parameters[index].variable
            var gradient = variable.grad.flatMap { $0.dtype == dtype && $0.shape == variable.shape ? $0 : nil }
                ?? Tensor.zeros(variable.shape, dtype: dtype)
            variable.grad = nil   // the gradient below is then the only reference: written in place
            gradient.withUnsafeMutableBufferPointer(as: T.self) { target in
                target.baseAddress!.update(from: source + range.lowerBound, count: range.count)
            }
            variable.grad = gradient
        }
        return carriesLoss ? Double(source[count - 1]) : 0
    }

    /// Parameters grouped into buckets of at most `capacityBytes` each (a larger parameter gets
    /// a bucket of its own), in reverse order (the order backward produces gradients), one
    /// dtype per bucket; the last bucket also carries the batch loss.
    static func plan(_ parameters: [NamedParameter], capacityBytes: Int) -> [GradientBucket] {
        var buckets: [(dtype: DType, members: [(index: Int, range: Range<Int>)])] = []
        var open: [DType: Int] = [:]   // the bucket still filling for each dtype
        for index in parameters.indices.reversed() {
            let variable = parameters[index].variable
            let dtype = variable.dtype
            guard dtype.isFloatingPoint else { continue }
            let count = variable.value.count
            if let b = open[dtype] {
                let used = buckets[b].members.last!.range.upperBound
                if (used + count) * dtype.byteSize <= capacityBytes {
                    buckets[b].members.append((index, used ..< used + count))
                    continue
                }
            }
            buckets.append((dtype, [(index, 0 ..< count)]))
            open[dtype] = buckets.count - 1
        }
        if buckets.isEmpty { buckets.append((.float64, [])) }   // no parameters: the loss alone
        return buckets.enumerated().map { i, bucket in
            GradientBucket(members: bucket.members, dtype: bucket.dtype, carriesLoss: i == buckets.count - 1)
        }
    }
}
