import NeuronaAutograd
import NeuronaCore
import Testing
import _NeuronaTestSupport

/// The gradients of NeuronaCore's README table "Conventions at ties and bounds", each against the
/// value PyTorch's backward formula gives (quoted per test; PyTorch's `derivatives.yaml` and its
/// CPU activation kernels).
struct TieConventionTests {
    /// The gradient of `f(x).sum()` with respect to `x`, in float64.
    static func gradient(at values: [Double], _ f: (Variable) -> Variable) throws -> [Double] {
        let x = Variable(Tensor(values, dtype: .float64), requiresGrad: true)
        try f(x).sum().backward()
        return try #require(x.grad).doubles
    }

    /// Equal element by element, NaN equal to NaN.
    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    @Test func reluPassesNaNForwardAndItsGradientBackward() throws {
        // PyTorch: relu(nan) = nan; threshold_backward(grad, result, 0) = result <= 0 ? 0 : grad.
        let x = Variable(Tensor([-1, -0.0, 0, 2, .nan], dtype: .float64), requiresGrad: true)
        let y = x.relu()
        #expect(Self.same(y.value.doubles, [0, 0, 0, 2, .nan]))
        expectEqual(y.value.doubles[1].sign, .plus, "relu(-0) is +0")
        try (y * Tensor([3, 3, 3, 3, 3], dtype: .float64)).sum().backward()
        expectEqual(x.grad!.doubles, [0, 0, 0, 3, 3], "gradient 0 at x <= 0, passed through at NaN")
    }

    @Test func reluInFloat32PassesNaN() {
        let y = Tensor([-2, 0, .nan, 1.5, -.infinity, .infinity], dtype: .float32).relu()
        #expect(Self.same(y.doubles, [0, 0, .nan, 1.5, 0, .infinity]))
    }

    @Test func clipHasGradientZeroAtItsBounds() throws {
        // PyTorch 2.15, float64: x = [-1.5, -0.5, -0.2, 0.4, 1, 1.2, nan];
        // x.clamp(-0.5, 1).sum().backward() gives x.grad = [0, 0, 1, 1, 0, 0, 0] (0 at both bounds).
        let g = try Self.gradient(at: [-1.5, -0.5, -0.2, 0.4, 1, 1.2, .nan]) { $0.clipped(min: -0.5, max: 1) }
        expectEqual(g, [0, 0, 1, 1, 0, 0, 0])
    }

    @Test func hardTanhHasGradientZeroAtItsBounds() throws {
        // PyTorch hardtanh_backward: x <= min || x >= max ? 0 : grad.
        let x = Variable(Tensor([-2, -1, -0.5, 0, 0.5, 1, 2], dtype: .float64), requiresGrad: true)
        let y = x.hardTanh()
        expectEqual(y.value.doubles, [-1, -1, -0.5, 0, 0.5, 1, 1])
        try y.sum().backward()
        expectEqual(x.grad!.doubles, [0, 0, 1, 1, 1, 0, 0])
    }

    @Test func maximumAndMinimumSplitTheGradientOnTies() throws {
        // PyTorch: self gets where(self == other, grad / 2, grad).masked_fill_(self < other, 0),
        // other the same with self > other (for minimum the comparisons swap).
        for largest in [true, false] {
            let a = Variable(Tensor([1, 2, 3, 5], dtype: .float64), requiresGrad: true)
            let b = Variable(Tensor([1, 0, 3, 7], dtype: .float64), requiresGrad: true)
            let y = largest ? a.maximum(b) : a.minimum(b)
            expectEqual(y.value.doubles, (largest ? [1, 2, 3, 7] : [1, 0, 3, 5]))
            try (y * Tensor([2, 2, 4, 2], dtype: .float64)).sum().backward()
            expectEqual(a.grad!.doubles, (largest ? [1, 2, 2, 0] : [1, 0, 2, 2]), "largest: \(largest)")
            expectEqual(b.grad!.doubles, (largest ? [1, 0, 2, 2] : [1, 2, 2, 0]), "largest: \(largest)")
        }
    }

    @Test func maximumSplitsTiesWhenBroadcasting() throws {
        // A scalar tied with two of four elements gets half of each of their gradients.
        let a = Variable(Tensor([[1, 2], [2, 3]], dtype: .float64), requiresGrad: true)
        let b = Variable(Tensor(2, dtype: .float64), requiresGrad: true)
        try a.maximum(b).sum().backward()
        expectEqual(a.grad!.doubles, [0, 0.5, 0.5, 1])
        expectEqual(b.grad!.doubles, [1 + 0.5 + 0.5])
    }

    @Test func maxOverAnAxisSharesTheGradientAmongTies() throws {
        // As torch.amax (scale_grad_by_count) and the full torch.max() (evenly_distribute_backward).
        let x = Variable(Tensor([[1, 4, 4, 0], [2, 2, 2, 1]], dtype: .float64), requiresGrad: true)
        try x.max(axes: [1]).sum().backward()
        let third: Double = 1.0 / 3
        let expected: [Double] = [0, 0.5, 0.5, 0, third, third, third, 0]
        expectEqual(x.grad!.doubles, expected)
        let y = Variable(Tensor([[1, 4], [4, 0]], dtype: .float64), requiresGrad: true)
        try y.min().backward()
        expectEqual(y.grad!.doubles, [0, 0, 0, 1])
    }

    @Test func absAndLeakyReluAtZero() throws {
        // abs: grad * sgn(x) (0 at 0); leaky_relu_backward: x > 0 ? grad : grad * slope.
        try expectEqual(Self.gradient(at: [-2, 0, 3]) { $0.abs() }, [-1, 0, 1])
        try expectEqual(Self.gradient(at: [-2, 0, 3]) { $0.leakyRelu(alpha: 0.25) }, [0.25, 0.25, 1])
    }
}
