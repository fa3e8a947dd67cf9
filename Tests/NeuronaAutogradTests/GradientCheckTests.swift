import NeuronaAutograd
import NeuronaCore
import Testing

/// One table lists every differentiable op with inputs and a function that exercises it; one
/// test walks the table, and another fails if an op exists without an entry.
struct GradientCheckTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var op: DifferentiableOp
        var note: String
        var inputs: @Sendable () -> [Tensor]
        var function: @Sendable ([Variable]) -> Variable
        var testDescription: String { "\(op.rawValue) \(note)" }
    }

    /// Uniform float64 values in `[low, high)`, seeded by the shape.
    static func u(_ shape: [Int], _ low: Double = -1, _ high: Double = 1, seed: UInt64 = 1) -> Tensor {
        var g = RandomGenerator(seed: seed &+ UInt64(shape.reduce(7, { $0 * 31 + $1 })))
        return Tensor.uniform(shape, low: low, high: high, dtype: .float64, using: &g)
    }

    /// Values kept at least 0.1 away from zero (the kink of relu, abs, ...).
    static func awayFromZero(_ shape: [Int], seed: UInt64 = 2) -> Tensor {
        let x = u(shape, 0.1, 1, seed: seed)
        var g = RandomGenerator(seed: seed)
        let sign = Tensor.bernoulli(shape, probability: 0.5, dtype: .float64, using: &g) * 2 - 1
        return x * sign
    }

    static let table: [Case] = [
        Case(op: .add, note: "broadcast [2,3]+[3]", inputs: { [u([2, 3]), u([3])] }, function: { $0[0] + $0[1] }),
        Case(op: .add, note: "broadcast [2,1,3]+[4,1]", inputs: { [u([2, 1, 3]), u([4, 1])] }, function: { $0[0] + $0[1] }),
        Case(op: .subtract, note: "broadcast [3,1]-[1,4]", inputs: { [u([3, 1]), u([1, 4])] }, function: { $0[0] - $0[1] }),
        Case(op: .multiply, note: "broadcast [2,3]*[2,1]", inputs: { [u([2, 3]), u([2, 1])] }, function: { $0[0] * $0[1] }),
        Case(op: .multiply, note: "shared input x*x", inputs: { [u([4])] }, function: { $0[0] * $0[0] }),
        Case(op: .divide, note: "broadcast [2,3]/[3]", inputs: { [u([2, 3]), u([3], 0.5, 2)] }, function: { $0[0] / $0[1] }),
        Case(op: .addScalar, note: "x + 3, 2 - x", inputs: { [u([3])] }, function: { ($0[0] + 3) * (2 - $0[0]) }),
        Case(op: .scalarMinus, note: "3 - x", inputs: { [u([3])] }, function: { (3 - $0[0]) * $0[0] }),
        Case(op: .multiplyScalar, note: "x * 2.5, x / 4", inputs: { [u([3])] }, function: { $0[0] * 2.5 + $0[0] / 4 }),
        Case(op: .negate, note: "", inputs: { [u([2, 2])] }, function: { -$0[0] }),
        Case(op: .reciprocal, note: "1/x, 3/x", inputs: { [u([3], 0.5, 2)] }, function: { $0[0].reciprocal() + 3 / $0[0] }),
        Case(op: .maximum, note: "broadcast", inputs: { [u([2, 3]), u([3], seed: 9)] }, function: { $0[0].maximum($0[1]) }),
        Case(op: .minimum, note: "broadcast", inputs: { [u([2, 3]), u([3], seed: 9)] }, function: { $0[0].minimum($0[1]) }),
        Case(op: .power, note: "a^b", inputs: { [u([2, 3], 0.5, 2), u([3])] }, function: { $0[0].pow($0[1]) }),
        Case(op: .powerScalar, note: "x^3, x^2, x^-1.5", inputs: { [u([4], 0.5, 2)] },
             function: { $0[0].pow(3) + $0[0].squared() + $0[0].pow(-1.5) }),
        Case(op: .exp, note: "", inputs: { [u([2, 3])] }, function: { $0[0].exp() }),
        Case(op: .log, note: "", inputs: { [u([2, 3], 0.2, 3)] }, function: { $0[0].log() }),
        Case(op: .sqrt, note: "", inputs: { [u([5], 0.2, 3)] }, function: { $0[0].sqrt() }),
        Case(op: .abs, note: "", inputs: { [awayFromZero([6])] }, function: { $0[0].abs() }),
        Case(op: .sin, note: "", inputs: { [u([5], -3, 3)] }, function: { $0[0].sin() }),
        Case(op: .cos, note: "", inputs: { [u([5], -3, 3)] }, function: { $0[0].cos() }),
        Case(op: .tanh, note: "", inputs: { [u([5], -3, 3)] }, function: { $0[0].tanh() }),
        Case(op: .sigmoid, note: "", inputs: { [u([5], -4, 4)] }, function: { $0[0].sigmoid() }),
        Case(op: .relu, note: "", inputs: { [awayFromZero([6])] }, function: { $0[0].relu() }),
        Case(op: .leakyRelu, note: "alpha 0.2", inputs: { [awayFromZero([6])] }, function: { $0[0].leakyRelu(alpha: 0.2) }),
        Case(op: .softplus, note: "", inputs: { [u([5], -4, 4)] }, function: { $0[0].softplus() }),
        Case(op: .elu, note: "alpha 1.3", inputs: { [awayFromZero([6])] }, function: { $0[0].elu(alpha: 1.3) }),
        Case(op: .gelu, note: "", inputs: { [u([6], -3, 3)] }, function: { $0[0].gelu() }),
        Case(op: .erf, note: "", inputs: { [u([6], -2, 2)] }, function: { $0[0].erf() }),
        Case(op: .clip, note: "hard tanh and clip", inputs: { [Tensor([-1.7, -0.6, 0.3, 0.8, 1.4, 2.2], shape: [6], dtype: .float64)] },
             function: { $0[0].hardTanh() + $0[0].clipped(min: -0.5, max: 1) }),
        Case(op: .where, note: "broadcast", inputs: { [u([2, 3]), u([3])] },
             function: { Variable.where(Tensor([[true, false, true], [false, false, true]], dtype: .bool), $0[0], $0[1]) }),
        Case(op: .sum, note: "all, axes, keepDims", inputs: { [u([2, 3, 4])] },
             function: { $0[0].sum(axes: [1]).sum() + $0[0].sum(axes: [0, 2], keepDims: true).sum() * 2 + $0[0].mean(axes: [-1]).sum() }),
        Case(op: .sum, note: "variance", inputs: { [u([3, 4])] }, function: { $0[0].variance(axes: [1], correction: 1) }),
        Case(op: .max, note: "axes", inputs: { [u([3, 4])] }, function: { $0[0].max(axes: [1]) + $0[0].max() }),
        Case(op: .min, note: "axes keepDims", inputs: { [u([3, 4])] }, function: { $0[0].min(axes: [0], keepDims: true) }),
        Case(op: .softmax, note: "axis -1 and 0", inputs: { [u([3, 4], -2, 2)] }, function: { $0[0].softmax() + $0[0].softmax(axis: 0) }),
        Case(op: .logSoftmax, note: "axis 1", inputs: { [u([3, 4], -2, 2)] }, function: { $0[0].logSoftmax(axis: 1) }),
        Case(op: .logSoftmax, note: "logSumExp", inputs: { [u([3, 4], -2, 2)] }, function: { $0[0].logSumExp(axes: [1]) }),
        Case(op: .matmul, note: "2-D", inputs: { [u([3, 4]), u([4, 2])] }, function: { $0[0].matmul($0[1]) }),
        Case(op: .matmul, note: "vector cases", inputs: { [u([4]), u([4, 3]), u([3])] },
             function: { $0[0].matmul($0[1]).matmul($0[2]) + $0[1].matmul($0[2]).matmul($0[0]) }),
        Case(op: .matmul, note: "batched broadcast", inputs: { [u([2, 1, 3, 4]), u([5, 4, 2])] }, function: { $0[0].matmul($0[1]) }),
        Case(op: .matmul, note: "transposed operands", inputs: { [u([4, 3]), u([2, 4])] },
             function: { Variable.matmul($0[0], $0[1], transposeA: true, transposeB: true) + Variable.matmul($0[0], $0[0], transposeA: true).sum() }),
        Case(op: .affine, note: "x·W + b, batched x", inputs: { [u([2, 3, 4]), u([4, 5]), u([5])] },
             function: { Variable.affine($0[0], $0[1], $0[2]) }),
        Case(op: .reshape, note: "with -1, squeeze, unsqueeze", inputs: { [u([2, 3, 1])] },
             function: { $0[0].reshaped([3, -1]).squeezed().unsqueezed(axis: 0) * Variable(u([1, 3, 2], seed: 5)) }),
        Case(op: .permute, note: "and transpose", inputs: { [u([2, 3, 4])] },
             function: { $0[0].permuted([2, 0, 1]) * Variable(u([4, 2, 3], seed: 6)) + $0[0].transposed().sum() }),
        Case(op: .broadcast, note: "", inputs: { [u([3, 1])] }, function: { $0[0].broadcast(to: [2, 3, 4]) * Variable(u([2, 3, 4], seed: 3)) }),
        Case(op: .concatenate, note: "and stack", inputs: { [u([2, 3]), u([2, 2])] },
             function: { Variable.concatenate([$0[0], $0[1], $0[0]], axis: 1).sum(axes: [0]) + Variable.stack([$0[1], $0[1] * 2], axis: 1).sum() }),
        Case(op: .slice, note: "ranges, steps, split", inputs: { [u([4, 5])] },
             function: { v in
                 let parts = v[0].split(sizes: [1, 3], axis: 0)
                 return v[0].slice([.range(start: 1, end: nil, step: 2), .range(start: nil, end: nil, step: -2)]).sum() * parts[1][0].sum() + parts[0].squared().sum()
             }),
        Case(op: .sliceScatter, note: "", inputs: { [u([2, 2])] },
             function: { $0[0].scatteredIntoSlice([.range(start: 1, end: 3, step: 1), .all], of: [4, 2]) * Variable(u([4, 2], seed: 4)) }),
        Case(op: .gather, note: "axis 1", inputs: { [u([3, 4])] },
             function: { $0[0].gather(Tensor([[0, 3, 3], [1, 1, 0], [2, 0, 1]], dtype: .int64), axis: 1) }),
        Case(op: .scatterAdd, note: "repeated indices", inputs: { [u([2, 3])] },
             function: { $0[0].scatterAdded(into: [2, 4], indices: Tensor([[0, 0, 3], [1, 2, 1]], dtype: .int64), axis: 1) }),
        Case(op: .indexSelect, note: "axis 0 repeated", inputs: { [u([3, 2])] },
             function: { $0[0].indexSelect(Tensor([2, 0, 2, 1], dtype: .int64), axis: 0) }),
        Case(op: .indexAdd, note: "", inputs: { [u([4, 2])] },
             function: { $0[0].indexAdded(into: [3, 2], indices: Tensor([2, 0, 2, 1], dtype: .int64), axis: 0) }),
        Case(op: .im2col, note: "stride 2, same, dilation", inputs: { [u([2, 5, 4, 3])] },
             function: { $0[0].im2col(WindowGeometry(input: (5, 4), kernel: (3, 2), strides: (2, 1), dilation: (1, 2), same: true)) * Variable(u([24, 18], seed: 12)) }),
        Case(op: .conv2d, note: "stride 2, same, dilation, bias", inputs: { [u([2, 5, 4, 3]), u([3, 2, 3, 4]), u([4])] },
             function: { $0[0].conv2d($0[1], WindowGeometry(input: (5, 4), kernel: (3, 2), strides: (2, 1), dilation: (1, 2), same: true), bias: $0[2]) * Variable(u([2, 3, 4, 4], seed: 13)) }),
        Case(op: .conv2d, note: "valid, one channel, no bias", inputs: { [u([3, 5, 5, 1]), u([3, 3, 1, 2])] },
             function: { $0[0].conv2d($0[1], WindowGeometry(input: (5, 5), kernel: (3, 3), same: false)) * Variable(u([3, 3, 3, 2], seed: 14)) }),
        Case(op: .conv2dInputGradient, note: "stride 2, same", inputs: { [u([2, 3, 2, 4]), u([3, 3, 2, 4])] },
             function: { $0[0].conv2dInputGradient($0[1], WindowGeometry(input: (5, 4), kernel: (3, 3), strides: (2, 2), same: true), imageShape: [2, 5, 4, 2]) * Variable(u([2, 5, 4, 2], seed: 15)) }),
        Case(op: .conv2dKernelGradient, note: "valid, dilation 2", inputs: { [u([2, 6, 5, 2]), u([2, 2, 4, 3])] },
             function: { $0[0].conv2dKernelGradient($0[1], WindowGeometry(input: (6, 5), kernel: (3, 2), dilation: (2, 1), same: false), kernelShape: [3, 2, 2, 3]) * Variable(u([3, 2, 2, 3], seed: 16)) }),
        Case(op: .col2im, note: "overlapping windows add", inputs: { [u([2 * 4 * 3, 12])] },
             function: { $0[0].col2im(WindowGeometry(input: (5, 4), kernel: (2, 2), same: false), imageShape: [2, 5, 4, 3]) }),
        Case(op: .pad, note: "", inputs: { [u([2, 3])] },
             function: { $0[0].padded([(1, 0), (2, 1)], value: 0.5) * Variable(u([3, 6], seed: 8)) }),
    ]

    @Test(arguments: table)
    func analyticGradientsMatchFiniteDifferences(_ c: Case) {
        let result = GradientChecker.check(inputs: c.inputs(), c.function)
        #expect(result.passed, "\(c.testDescription): \(result)")
        #expect(result.maxRelativeError < 1e-6)
    }

    @Test func everyDifferentiableOpHasAnEntry() {
        let covered = Set(Self.table.map(\.op))
        let missing = DifferentiableOp.allCases.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "ops without a gradient check: \(missing.map(\.rawValue))")
    }

    @Test func theCheckerCatchesAWrongGradient() {
        // An op with a deliberately wrong backward (gradient doubled) must fail the check.
        let x = Self.u([4])
        let wrong = GradientChecker.check(inputs: [x]) { v in
            let y = v[0] * v[0]
            // Adds y's value again as a constant-gradient branch: analytic grad 2x + 2x·0, wrong on purpose.
            return y + (v[0] * Variable(v[0].value)) - Variable((v[0] * Variable(v[0].value)).value)
        }
        #expect(!wrong.passed)
        #expect(wrong.worst != nil)
    }
}
