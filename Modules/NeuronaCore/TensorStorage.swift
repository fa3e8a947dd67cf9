internal import CNeuronaKernels
import Glibc

/// The bytes behind a ``Tensor``: one heap allocation that holds a small header and the
/// elements, shared between tensor values until one of them writes (copy-on-write).
@usableFromInline
final class TensorStorage: ManagedBuffer<Int, SIMD2<Double>> {
    /// The elements start on a multiple of this many bytes: a cache line, so that a 64-byte vector
    /// load (AVX-512) never straddles two lines. The tail Swift allocates is only 16-byte aligned
    /// (Adam's AVX-512 update of 100,352 floats: 40.6 µs at an address 16 bytes past a line, 31.3 µs
    /// on one), so the storage asks for 48 bytes more and starts at the first line boundary.
    @usableFromInline
    static let alignment = 64

    /// Storage for `byteCount` bytes (64-byte aligned), contents uninitialized.
    @usableFromInline
    static func allocate(byteCount: Int) -> TensorStorage {
        if byteCount >= 1 << 20 { _ = heapConfigured }
        let chunks = Swift.max(1, (byteCount + alignment - 16 + 15) / 16)
        let storage = unsafeDowncast(create(minimumCapacity: chunks) { _ in byteCount }, to: TensorStorage.self)
        if byteCount >= hugePageThreshold { neurona_advise_huge_pages(storage.pointer, byteCount) }
        return storage
    }

    /// Tensors of at least this many bytes ask for transparent huge pages (2 MiB pages where the
    /// system allows them): a data set's batches read 32 or 64 rows at random from hundreds of
    /// megabytes, and with 4 KiB pages nearly every row misses the TLB (Fashion-MNIST's MLP epoch:
    /// 0.53 → 0.50 s). Smaller tensors, a layer's activations (the CNN's are 5.5 MB, allocated
    /// every step), do not: the advice costs a system call per allocation and made that epoch 1%
    /// slower.
    static let hugePageThreshold = 32 << 20

    /// Storage for `byteCount` bytes, all zero.
    @usableFromInline
    static func zeroed(byteCount: Int) -> TensorStorage {
        let storage = allocate(byteCount: byteCount)
        zero(storage.pointer, byteCount: byteCount)
        return storage
    }

    /// Sets `byteCount` bytes from `pointer` to zero: one `memset`, where `initializeMemory(as:
    /// UInt8.self, repeating: 0, …)` is a loop of generic copies in a debug build (7 % of a debug
    /// CNN's time).
    @usableFromInline
    static func zero(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        memset(pointer, 0, byteCount)
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

    /// The first byte, on a multiple of ``alignment``. Stable for the lifetime of the object (the
    /// elements live in its tail).
    @inlinable
    var pointer: UnsafeMutableRawPointer {
        withUnsafeMutablePointerToElements { UnsafeMutableRawPointer($0).alignedUp(toMultipleOf: TensorStorage.alignment) }
    }

    /// A new storage with the same bytes.
    @usableFromInline
    func copy() -> TensorStorage {
        let other = TensorStorage.allocate(byteCount: byteCount)
        other.pointer.copyMemory(from: pointer, byteCount: byteCount)
        return other
    }
}
