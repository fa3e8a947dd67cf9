import NeuronaAutograd
import NeuronaCore
import Testing
import _NeuronaTestSupport

struct BackwardTests {
    @Test func lectureGraphFOfXYZ() throws {
        // f = (x + y)·z at (-2, 5, -4) (lectures 003, 004).
        let x = Variable(Tensor(-2, dtype: .float64), requiresGrad: true)
        let y = Variable(Tensor(5, dtype: .float64), requiresGrad: true)
        let z = Variable(Tensor(-4, dtype: .float64), requiresGrad: true)
        let f = (x + y) * z
        try f.backward()
        expectEqual(f.value.item, -12)
        #expect(x.grad!.item == -4 && y.grad!.item == -4 && z.grad!.item == 3)
    }

    @Test func aValueUsedTwiceGetsTheSumOfItsGradients() throws {
        let x = Variable(Tensor([3], dtype: .float64), requiresGrad: true)
        let shared = x * 2
        let out = (shared * shared + shared).sum()   // 4x² + 2x → 8x + 2
        try out.backward()
        expectEqual(x.grad!.doubles, [26])
    }

    @Test func broadcastingIsUndoneInTheBackwardPass() throws {
        let a = Variable(Tensor.ones([2, 3], dtype: .float64), requiresGrad: true)
        let b = Variable(Tensor([1, 2, 3], dtype: .float64), requiresGrad: true)
        let c = Variable(Tensor(2, dtype: .float64), requiresGrad: true)
        try ((a * b + c).sum()).backward()
        #expect(a.grad!.shape == [2, 3] && a.grad!.doubles == [1, 2, 3, 1, 2, 3])
        #expect(b.grad!.shape == [3] && b.grad!.doubles == [2, 2, 2])
        #expect(c.grad!.shape == [] && c.grad!.item == 6)
    }

    @Test func nonScalarOutputsNeedASeed() throws {
        let x = Variable(Tensor([[1, 2], [3, 4]], dtype: .float64), requiresGrad: true)
        let y = x.matmul(x)
        #expect(throws: AutogradError.nonScalarWithoutSeed(op: "matmul", shape: [2, 2])) { try y.backward() }
        do { try y.backward() } catch {
            #expect("\(error)".contains("backward: the output of matmul has shape [2, 2], not a scalar; pass seed:"))
        }
        #expect(throws: AutogradError.seedShapeMismatch(op: "matmul", shape: [2, 2], seedShape: [2])) {
            try y.backward(seed: Tensor([1, 1], dtype: .float64))
        }
        try y.backward(seed: Tensor.ones([2, 2], dtype: .float64))
        // d/dx Σ(x·x) = 1·xᵀ + xᵀ·1
        expectEqual(x.grad!.doubles, [7, 11, 9, 13])
    }

    @Test func aSecondBackwardOnAFreedGraphThrows() throws {
        let x = Variable(Tensor([1, 2], dtype: .float64), requiresGrad: true)
        let loss = x.exp().sum()
        try loss.backward()
        #expect(throws: AutogradError.graphFreed(op: "sum", shape: [])) { try loss.backward() }
        // With retainGraph the second pass works and gradients accumulate.
        let kept = x.exp().sum()
        x.zeroGrad()
        try kept.backward(retainGraph: true)
        try kept.backward()
        #expect(isClose(x.grad!, x.value.exp() * 2, absolute: 1e-12))
    }

    @Test func variablesThatNeedNoGradientSaySo() {
        let x = Variable(Tensor([1, 2]))
        #expect(throws: AutogradError.doesNotRequireGrad(op: "sum", shape: [])) { try x.sum().backward() }
    }

    @Test func noGradScopeRecordsNothing() throws {
        let w = Variable(Tensor([2], dtype: .float64), requiresGrad: true)
        let y = withNoGrad { (w * 3).exp() }
        #expect(!y.requiresGrad && y.isLeaf)
        #expect(GradMode.isEnabled)
        let z = w * 3
        #expect(z.requiresGrad && z.op == .multiplyScalar)
    }

    @Test func detachStopsTheGradient() throws {
        let x = Variable(Tensor([2], dtype: .float64), requiresGrad: true)
        let y = (x * x.detached()).sum()   // gradient only through the first factor
        try y.backward()
        expectEqual(x.grad!.doubles, [2])
    }

    @Test func gradientsAccumulateUntilZeroed() throws {
        let x = Variable(Tensor([1], dtype: .float64), requiresGrad: true)
        try (x * 3).sum().backward()
        try (x * 4).sum().backward()
        expectEqual(x.grad!.doubles, [7])
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    @Test func functionalGradientsLeaveGradUntouched() throws {
        let x = Variable(Tensor([1, 2], dtype: .float64), requiresGrad: true)
        let y = Variable(Tensor([3, 4], dtype: .float64), requiresGrad: true)
        let unused = Variable(Tensor([0], dtype: .float64), requiresGrad: true)
        let out = (x * y).sum()
        let g = try gradients(of: out, withRespectTo: [x, y, unused])
        expectEqual(g[0].value.doubles, [3, 4])
        expectEqual(g[1].value.doubles, [1, 2])
        expectEqual(g[2].value.doubles, [0])
        #expect(x.grad == nil && y.grad == nil)
    }

    @Test func lectureGraphWithASharedSubexpression() throws {
        // f(x1,x2,x3) = (4·x2 + x2² + 3·x3, x1·x2 + 3·x3), E = y1 + y2 at (1, 2, 2).
        let x1 = Variable(Tensor(1, dtype: .float64), requiresGrad: true)
        let x2 = Variable(Tensor(2, dtype: .float64), requiresGrad: true)
        let x3 = Variable(Tensor(2, dtype: .float64), requiresGrad: true)
        let shared = x3 * 3
        let y1 = x2 * 4 + x2 * x2 + shared
        let y2 = x1 * x2 + shared
        try (y1 + y2).backward()
        #expect(y1.value.item == 18 && y2.value.item == 8)
        #expect(x1.grad!.item == 2 && x2.grad!.item == 9 && x3.grad!.item == 6)
    }
}
