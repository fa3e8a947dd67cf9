@testable import NeuronaCore
import Testing

/// TensorWorkspace: the kept buffer is reused only when nothing else holds it, and never
/// overwritten while a tensor from it is alive.
struct TensorWorkspaceTests {
    /// A workspace tensor of `shape` filled with `value`.
    static func filled(_ workspace: TensorWorkspace, _ shape: [Int], with value: Double) -> Tensor {
        let t = workspace.uninitializedTensor(shape: shape, dtype: .float64)
        let p = t.storage.pointer.assumingMemoryBound(to: Double.self)
        for i in 0..<t.count { p[i] = value }
        return t
    }

    @Test func aFreeBufferIsReusedAndAHeldOneIsNot() {
        let workspace = TensorWorkspace()
        var first: Tensor? = Self.filled(workspace, [4, 5], with: 1)
        #expect(workspace.allocations == 1 && workspace.reuses == 0 && workspace.byteCount == 160)
        // `first` still holds the buffer: the next request gets new memory, `first` stays intact.
        let second = Self.filled(workspace, [4, 5], with: 2)
        #expect(workspace.allocations == 2 && workspace.reuses == 0)
        #expect(first!.doubles == [Double](repeating: 1, count: 20) && second.doubles == [Double](repeating: 2, count: 20))
        first = nil
        // The kept buffer is now `second`'s, still held; release it too and ask again.
        _ = consume second
        let third = Self.filled(workspace, [4, 5], with: 3)
        #expect(workspace.allocations == 2 && workspace.reuses == 1 && third.doubles == [Double](repeating: 3, count: 20))
        // A smaller request fits in the kept buffer; a larger one replaces it.
        _ = consume third
        let small = Self.filled(workspace, [2, 5], with: 4)
        #expect(workspace.reuses == 2 && small.shape == [2, 5] && small.doubles == [Double](repeating: 4, count: 10))
        _ = consume small
        _ = Self.filled(workspace, [8, 5], with: 5)
        #expect(workspace.allocations == 3 && workspace.byteCount == 320)
    }
}
