import NeuronaAutograd
import NeuronaCore
import Testing

/// The graph is released after backward: no node of a finished step stays alive.
struct MemoryTests {
    /// Weak references to every node of the graph behind `root`.
    static func graphNodes(_ root: Variable) -> [Weak] {
        var seen = Set<ObjectIdentifier>()
        var stack = [root]
        var nodes: [Weak] = []
        while let v = stack.popLast() {
            guard seen.insert(ObjectIdentifier(v)).inserted else { continue }
            nodes.append(Weak(v))
            stack.append(contentsOf: Mirror(reflecting: v).descendant("parents") as? [Variable] ?? [])
        }
        return nodes
    }

    final class Weak {
        weak var variable: Variable?
        init(_ v: Variable) { variable = v }
    }

    @Test func thousandStepsLeaveNoLiveGraphNodes() throws {
        var g = RandomGenerator(seed: 1)
        let w = Variable(Tensor.normal([8, 4], dtype: .float64, using: &g), requiresGrad: true)
        let b = Variable(Tensor.zeros([4], dtype: .float64), requiresGrad: true)
        let x = Tensor.normal([16, 8], dtype: .float64, using: &g)
        var interior: [Weak] = []
        for step in 0..<1000 {
            let loss = (Variable(x).matmul(w) + b).tanh().softmax().log().mean() * -1
            let nodes = Self.graphNodes(loss)
            #expect(nodes.count > 8)
            try loss.backward()
            // Held only by `loss`, the graph is already freed: backward dropped the edges.
            #expect(loss.isFreed(), "step \(step)")
            w.value = w.value - w.grad! * 0.01
            w.zeroGrad(); b.zeroGrad()
            if step % 100 == 0 { interior += nodes.filter { $0.variable !== w && $0.variable !== b } }
        }
        let alive = interior.filter { $0.variable != nil }
        #expect(alive.isEmpty, "\(alive.count) graph nodes outlived their step")
    }

    @Test func backwardClosuresDoNotKeepTheirOutputAlive() {
        weak var output: Variable?
        do {
            let x = Variable(Tensor([1, 2]), requiresGrad: true)
            let y = x.exp().sigmoid().tanh()
            output = y
            #expect(output != nil)
        }
        #expect(output == nil)
    }

    @Test func opsShareStorageInsteadOfCopying() {
        let x = Variable(Tensor.ones([1000, 100]), requiresGrad: true)
        let r = x.reshaped([100, 1000])
        #expect(r.value.sharesStorage(with: x.value))
        let detached = x.detached()
        #expect(detached.value.sharesStorage(with: x.value))
    }
}

extension Variable {
    /// Whether backward freed this node (its inputs are gone).
    func isFreed() -> Bool { (Mirror(reflecting: self).descendant("parents") as? [Variable])?.isEmpty ?? true }
}
