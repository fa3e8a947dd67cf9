/// Memory a layer keeps from one call to the next for a large temporary, so that every step
/// writes into the same buffer instead of allocating a new one: `Conv2D` keeps the patch
/// matrices of its image chunks here (see `Tensor.conv2d`), for the forward pass and both
/// gradients.
///
/// The buffer is handed out again only when nothing else holds it: a tensor from the workspace
/// that is still alive (kept by a caller, or by an autograd graph) is never overwritten; the
/// request then gets a fresh buffer, which is kept instead. The buffer grows to the largest
/// request and stays that size.
///
/// Not thread-safe: one workspace serves one layer, used from one thread at a time (as layers are).
///
/// ```swift
/// let workspace = TensorWorkspace()
/// let y = Tensor.conv2d(images, kernel, geometry, workspace: workspace)    // allocates
/// let z = Tensor.conv2d(images, kernel, geometry, workspace: workspace)    // same scratch memory
/// ```
public final class TensorWorkspace {
    private var storage: TensorStorage?

    /// How many times a request was served from the kept buffer.
    public private(set) var reuses = 0
    /// How many requests needed a new buffer (the first, and any made while the kept one was in use).
    public private(set) var allocations = 0

    /// An empty workspace; the first request allocates its buffer.
    public init() {}

    /// A tensor of `shape` whose elements are not initialized, in the kept buffer when nothing
    /// else holds it and it is large enough; otherwise in a new buffer, which is kept instead.
    func uninitializedTensor(shape: [Int], dtype: DType) -> Tensor {
        let bytes = Tensor.elementCount(shape) * dtype.byteSize
        if isKnownUniquelyReferenced(&storage), let kept = storage, kept.byteCount >= bytes {
            reuses += 1
            return Tensor(shape: shape, dtype: dtype, storage: kept)
        }
        allocations += 1
        let fresh = TensorStorage.allocate(byteCount: bytes)
        storage = fresh
        return Tensor(shape: shape, dtype: dtype, storage: fresh)
    }

    /// The kept buffer's size in bytes (0 before the first request).
    public var byteCount: Int { storage?.byteCount ?? 0 }
}
