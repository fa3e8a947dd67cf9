// Converting between dtypes.
internal import CNeuronaKernels

extension Tensor {
    /// A float32 tensor of `shape` whose elements are the unsigned bytes at `bytes`, 0–255 (an
    /// image file's pixels). A C loop: the data sets' readers convert tens of millions of bytes,
    /// which a debug build's Swift loop did through a call per element.
    package static func float32(fromUnsignedBytes bytes: UnsafePointer<UInt8>, shape: [Int]) -> Tensor {
        let out = Tensor(uninitializedShape: shape, dtype: .float32)
        neurona_bytes_to_float32(bytes, out.storage.pointer.assumingMemoryBound(to: Float.self), out.count)
        return out
    }

    /// This tensor with its elements converted to `dtype` (a cheap copy when already `dtype`).
    /// Floats become integers by truncation toward zero; anything non-zero becomes `true`.
    public func converted(to target: DType) -> Tensor {
        if target == dtype { return self }
        let out = Tensor(uninitializedShape: shape, dtype: target)
        let n = count
        let src = storage.pointer
        let dst = out.storage.pointer
        @inline(__always)
        func convert<S, D>(_: S.Type, _: D.Type, _ f: (S) -> D) {
            let s = src.assumingMemoryBound(to: S.self)
            let d = dst.assumingMemoryBound(to: D.self)
            for i in 0..<n { d[i] = f(s[i]) }
        }
        switch (dtype, target) {
        case (.float32, .float64): convert(Float.self, Double.self) { Double($0) }
        case (.float32, .int64): convert(Float.self, Int64.self) { Int64($0) }
        case (.float32, .bool): convert(Float.self, Bool.self) { $0 != 0 }
        case (.float64, .float32): convert(Double.self, Float.self) { Float($0) }
        case (.float64, .int64): convert(Double.self, Int64.self) { Int64($0) }
        case (.float64, .bool): convert(Double.self, Bool.self) { $0 != 0 }
        case (.int64, .float32): convert(Int64.self, Float.self) { Float($0) }
        case (.int64, .float64): convert(Int64.self, Double.self) { Double($0) }
        case (.int64, .bool): convert(Int64.self, Bool.self) { $0 != 0 }
        case (.bool, .float32): convert(Bool.self, Float.self) { $0 ? 1 : 0 }
        case (.bool, .float64): convert(Bool.self, Double.self) { $0 ? 1 : 0 }
        case (.bool, .int64): convert(Bool.self, Int64.self) { $0 ? 1 : 0 }
        default: fatalError("unreachable: \(dtype) -> \(target)")
        }
        return out
    }
}
