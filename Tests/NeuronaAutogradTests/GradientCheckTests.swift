@testable import NeuronaAutograd
import NeuronaCore
import Testing
import _NeuronaTestSupport

/// One table lists every differentiable op with inputs and a function that exercises it; one
/// test walks the table, and another fails if an op is recorded by no entry (computed from the
/// graphs the entries record, not from their labels). Finite differences run in float64; the
/// float32 kernels are checked against the float64 gradients.
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

    /// Winners of a 3×3 stride-1 max pooling (overlapping windows: pixels that win several).
    static let maxPoolWindow = WindowGeometry(input: (4, 5), kernel: (3, 3), strides: (1, 1), same: true)
    static let maxPoolWinners = u([2, 4, 5, 2], seed: 30).maxPoolIndices(maxPoolWindow)

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
        // Probabilities inside the clip range, and one below it (no gradient); soft targets.
        Case(op: .binaryCrossEntropy, note: "soft targets, one clipped", inputs: { [u([2, 3], 0.05, 0.95)] },
             function: { p in
                 let targets = Tensor([0, 1, 0.3, 1, 0.8, 0], shape: [2, 3], dtype: .float64)
                 let held = p[0] * Variable(Tensor([1, 1, 1, 1, 1, 1e-9], shape: [2, 3], dtype: .float64))
                 return held.binaryCrossEntropy(targets: targets, epsilon: 1e-7)
             }),
        // Picked probabilities inside the clip range, and one below it (no gradient); a class picked twice.
        Case(op: .sparseCrossEntropy, note: "one picked probability clipped", inputs: { [u([3, 4], 0.05, 0.95)] },
             function: { p in
                 let held = p[0] * Variable(Tensor([1, 1, 1, 1, 1, 1e-9, 1, 1, 1, 1, 1, 1], shape: [3, 4], dtype: .float64))
                 return held.sparseCrossEntropy(labels: Tensor([Int64(2), 1, 2], shape: [3]), epsilon: 1e-7)
             }),
        Case(op: .sparseCrossEntropy, note: "labels [batch, 1], float32 too", inputs: { [u([4, 3], 0.05, 0.95)] },
             function: { $0[0].sparseCrossEntropy(labels: Tensor([Int64(0), 2, 1, 2], shape: [4, 1]), epsilon: 1e-7) }),
        Case(op: .where, note: "broadcast", inputs: { [u([2, 3]), u([3])] },
             function: { Variable.where(Tensor([[true, false, true], [false, false, true]], dtype: .bool), $0[0], $0[1]) }),
        Case(op: .sum, note: "all, axes, keepDims", inputs: { [u([2, 3, 4])] },
             function: { $0[0].sum(axes: [1]).sum() + $0[0].sum(axes: [0, 2], keepDims: true).sum() * 2 + $0[0].mean(axes: [-1]).sum() }),
        Case(op: .sum, note: "variance", inputs: { [u([3, 4])] }, function: { $0[0].variance(axes: [1], correction: 1) }),
        Case(op: .max, note: "axes", inputs: { [u([3, 4])] }, function: { $0[0].max(axes: [1]) + $0[0].max() }),
        Case(op: .min, note: "axes keepDims", inputs: { [u([3, 4])] }, function: { $0[0].min(axes: [0], keepDims: true) }),
        Case(op: .softmax, note: "axis -1 and 0", inputs: { [u([3, 4], -2, 2)] }, function: { $0[0].softmax() + $0[0].softmax(axis: 0) }),
        Case(op: .logSoftmax, note: "axis 1", inputs: { [u([3, 4], -2, 2)] }, function: { $0[0].logSoftmax(axis: 1) }),
        // logSumExp records no logSoftmax node: max-shifted exp, sum and log (filed under log).
        Case(op: .log, note: "logSumExp", inputs: { [u([3, 4], -2, 2)] }, function: { $0[0].logSumExp(axes: [1]) }),
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
        Case(op: .conv2dRelu, note: "stride 2, same, bias, six channels", inputs: { [u([2, 5, 4, 6]), u([3, 3, 6, 4]), u([4])] },
             function: { $0[0].conv2d($0[1], WindowGeometry(input: (5, 4), kernel: (3, 3), strides: (2, 1), same: true), bias: $0[2], relu: true) * Variable(u([2, 3, 4, 4], seed: 18)) }),
        Case(op: .conv2dRelu, note: "valid, one channel, no bias", inputs: { [u([3, 5, 5, 1]), u([3, 3, 1, 2])] },
             function: { $0[0].conv2d($0[1], WindowGeometry(input: (5, 5), kernel: (3, 3), same: false), relu: true) * Variable(u([3, 3, 3, 2], seed: 19)) }),
        Case(op: .conv2dInputGradient, note: "stride 2, same", inputs: { [u([2, 3, 2, 4]), u([3, 3, 2, 4])] },
             function: { $0[0].conv2dInputGradient($0[1], WindowGeometry(input: (5, 4), kernel: (3, 3), strides: (2, 2), same: true), imageShape: [2, 5, 4, 2]) * Variable(u([2, 5, 4, 2], seed: 15)) }),
        Case(op: .conv2dKernelGradient, note: "valid, dilation 2", inputs: { [u([2, 6, 5, 2]), u([2, 2, 4, 3])] },
             function: { $0[0].conv2dKernelGradient($0[1], WindowGeometry(input: (6, 5), kernel: (3, 2), dilation: (2, 1), same: false), kernelShape: [3, 2, 2, 3]) * Variable(u([3, 2, 2, 3], seed: 16)) }),
        Case(op: .col2im, note: "overlapping windows add", inputs: { [u([2 * 4 * 3, 12])] },
             function: { $0[0].col2im(WindowGeometry(input: (5, 4), kernel: (2, 2), same: false), imageShape: [2, 5, 4, 3]) }),
        Case(op: .maxPool2d, note: "2×2 stride 2, odd size", inputs: { [u([2, 5, 5, 3])] },
             function: { $0[0].maxPool2d(WindowGeometry(input: (5, 5), kernel: (2, 2), strides: (2, 2), same: false)) }),
        Case(op: .maxPool2d, note: "overlapping 3×3 stride 1, same", inputs: { [u([2, 4, 5, 2])] },
             function: { $0[0].maxPool2d(WindowGeometry(input: (4, 5), kernel: (3, 3), strides: (1, 1), same: true)) }),
        Case(op: .maxPool2dGradient, note: "overlapping windows add", inputs: { [u([2, 4, 5, 2])] },
             function: { $0[0].maxPool2dGradient(winners: maxPoolWinners, maxPoolWindow) }),
        Case(op: .pad, note: "", inputs: { [u([2, 3])] },
             function: { $0[0].padded([(1, 0), (2, 1)], value: 0.5) * Variable(u([3, 6], seed: 8)) }),
    ]

    @Test(arguments: table)
    func analyticGradientsMatchFiniteDifferences(_ c: Case) {
        let result = GradientChecker.check(inputs: c.inputs(), c.function)
        #expect(result.passed, "\(c.testDescription): \(result)")
        #expect(result.maxRelativeError < 1e-6)
    }

    /// The ops recorded in the graph that `c` builds, found by walking it from the output.
    static func recordedOps(_ c: Case) -> Set<DifferentiableOp> {
        let output = c.function(c.inputs().map { Variable($0, requiresGrad: true) })
        var ops: Set<DifferentiableOp> = [], seen: Set<ObjectIdentifier> = [], stack = [output]
        while let node = stack.popLast() {
            guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
            if let op = node.op { ops.insert(op) }
            stack += node.parents
        }
        return ops
    }

    @Test func everyDifferentiableOpIsRecordedByAnEntry() {
        var covered: Set<DifferentiableOp> = []
        for c in Self.table {
            let recorded = Self.recordedOps(c)
            // Each entry records the op it is filed under (a label cannot claim an op it does not run).
            #expect(recorded.contains(c.op), "\(c.testDescription) records \(recorded.map(\.rawValue).sorted()), not \(c.op.rawValue)")
            covered.formUnion(recorded)
        }
        let missing = DifferentiableOp.allCases.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "ops no gradient check records: \(missing.map(\.rawValue))")
    }

    /// The float32 kernels, forward and backward, against the float64 ones (checked above by
    /// finite differences) on the same inputs rounded to float32: gradients within 1e-4 relative
    /// to the largest (float32 carries about 7 digits; the cases chain up to a few dozen roundings).
    @Test(arguments: table)
    func float32GradientsMatchFloat64(_ c: Case) throws {
        let inputs64 = c.inputs().map { $0.dtype == .float64 ? $0.converted(to: .float32).converted(to: .float64) : $0 }
        func gradients(_ dtype: DType) throws -> (output: Variable, grads: [Tensor])? {
            let variables = inputs64.map { Variable($0.dtype.isFloatingPoint ? $0.converted(to: dtype) : $0, requiresGrad: $0.dtype.isFloatingPoint) }
            let output = c.function(variables)
            // Entries that multiply by a float64 constant promote to float64: no float32 kernel
            // runs (and the backward would mix dtypes), so they are checked in float64 only.
            guard output.dtype == dtype else { return nil }
            var generator = RandomGenerator(seed: 17)
            let weights = Tensor.normal(output.shape, dtype: .float64, using: &generator).converted(to: dtype)
            let grads = try NeuronaAutograd.gradients(of: (output * Variable(weights)).sum(), withRespectTo: variables.filter(\.requiresGrad))
            return (output, grads.map(\.value))
        }
        guard let (output32, grads32) = try gradients(.float32), let (output64, grads64) = try gradients(.float64) else { return }
        let outputScale = max(1, output64.value.abs().max().item)
        #expect(maxRelativeDifference(output32.value, output64.value, scale: outputScale) < 1e-5, "\(c.testDescription): forward")
        for (i, (g32, g64)) in zip(grads32, grads64).enumerated() {
            expectEqual(g32.dtype, .float32, "\(c.testDescription): input \(i)'s gradient is \(g32.dtype)")
            let scale = max(1, g64.abs().max().item)
            #expect(maxRelativeDifference(g32, g64, scale: scale) < 1e-4, "\(c.testDescription): gradient of input \(i)")
        }
    }

    /// max |a − b| / scale, in float64.
    func maxRelativeDifference(_ a: Tensor, _ b: Tensor, scale: Double) -> Double {
        zip(a.doubles, b.doubles).map { Swift.abs($0 - $1) }.max().map { $0 / scale } ?? 0
    }

    @Test func float32IsCheckedWhereAFloat32KernelRuns() {
        // Entries whose output stays float32 when their inputs are float32: the ones above that
        // multiply by a float64 constant are checked in float64 only.
        let float32Entries = Self.table.filter { c in
            c.function(c.inputs().map { Variable($0.dtype == .float64 ? $0.converted(to: .float32) : $0, requiresGrad: $0.dtype.isFloatingPoint) }).dtype == .float32
        }
        print("gradient checks: \(Self.table.count) entries in float64, \(float32Entries.count) also in float32")
        #expect(float32Entries.count > Self.table.count / 2)
    }

    @Test func theCheckerCatchesAWrongGradient() {
        // A function whose recorded backward is twice the true gradient must fail the check.
        // f(x) = x² + 2·x·c − 2·c² with c a constant holding x's value: f equals x² wherever it is
        // evaluated (finite differences see 2x), but the recorded graph gives 2x + 2c = 4x.
        let x = Self.u([4])
        let wrong = GradientChecker.check(inputs: [x]) { v in
            let c = Variable(v[0].value)
            return v[0] * v[0] + v[0] * c * 2 - c * c * 2
        }
        #expect(!wrong.passed)
        guard let worst = wrong.worst else { Issue.record("no worst element"); return }
        #expect(Swift.abs(worst.analytic / worst.numeric - 2) < 1e-6, "analytic \(worst.analytic), numeric \(worst.numeric)")
    }
}
