internal import CNeuronaKernels

/// The bytes behind a ``Tensor``: one heap allocation that holds a small header and the
/// elements, shared between tensor values until one of them writes (copy-on-write).
@usableFromInline
final class TensorStorage: ManagedBuffer<Int, SIMD4<Double>> {
    /// Storage for `byteCount` bytes (32-byte aligned), contents uninitialized.
    @usableFromInline
    static func allocate(byteCount: Int) -> TensorStorage {
        if byteCount >= 1 << 20 { _ = heapConfigured }
        let chunks = Swift.max(1, (byteCount + 31) / 32)
        let buffer = create(minimumCapacity: chunks) { _ in byteCount }
        return unsafeDowncast(buffer, to: TensorStorage.self)
    }

    /// Storage for `byteCount` bytes, all zero.
    @usableFromInline
    static func zeroed(byteCount: Int) -> TensorStorage {
        let storage = allocate(byteCount: byteCount)
        storage.pointer.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        return storage
    }

    /// Keeps glibc from returning every large tensor to the kernel on free (and faulting its
    /// pages in again on the next allocation): blocks up to 256 MiB come from the heap and are
    /// reused. Done once, on the first allocation of 1 MiB or more.
    static let heapConfigured: Bool = {
        neurona_configure_heap(1 << 28, 1 << 29)
        return true
    }()

    /// The number of bytes the tensor uses.
    @inlinable
    var byteCount: Int { header }

    /// The first byte. Stable for the lifetime of the object (the elements live in its tail).
    @inlinable
    var pointer: UnsafeMutableRawPointer {
        withUnsafeMutablePointerToElements { UnsafeMutableRawPointer($0) }
    }

    /// A new storage with the same bytes.
    @usableFromInline
    func copy() -> TensorStorage {
        let other = TensorStorage.allocate(byteCount: byteCount)
        other.pointer.copyMemory(from: pointer, byteCount: byteCount)
        return other
    }
}
