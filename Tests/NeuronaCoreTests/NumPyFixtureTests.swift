import Foundation
import NeuronaCore
import Testing
import _NeuronaTestSupport

/// Every op against values computed by NumPy/SciPy in float64 (Fixtures/make_fixtures.py).
struct NumPyFixtureTests {
    struct FixtureTensor: Decodable {
        var shape: [Int]
        var dtype: String
        var data: [Double]
        var tensor: Tensor { Tensor(data, shape: shape, dtype: DType(rawValue: dtype)!) }
    }

    struct SliceSpec: Decodable {
        var index: Int?
        var start: Int?
        var end: Int?
        var step: Int?
        var tensorIndex: TensorIndex {
            if let index { return .index(index) }
            return .range(start: start, end: end, step: step ?? 1)
        }
    }

    struct Kwargs: Decodable {
        var axes: [Int]?
        var keepdims: Bool?
        var alpha: Double?
        var low: Double?
        var high: Double?
        var exponent: Double?
        var axis: Int?
        var shape: [Int]?
        var widths: [[Int]]?
        var value: Double?
        var spec: [SliceSpec]?
        var classes: Int?
    }

    struct Case: Decodable {
        var op: String
        var args: [FixtureTensor]
        var kwargs: Kwargs
        var expected: FixtureTensor
    }

    struct Fixture: Decodable { var cases: [Case] }

    static func loadCases() throws -> [Case] {
        let url = try #require(Bundle.module.url(forResource: "numpy_cases", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).cases
    }

    /// Runs one fixture case through Neurona.
    static func evaluate(_ c: Case) -> Tensor {
        let a = c.args.map(\.tensor)
        let k = c.kwargs
        let keep = k.keepdims ?? false
        switch c.op {
        case "add": return a[0] + a[1]
        case "subtract": return a[0] - a[1]
        case "multiply": return a[0] * a[1]
        case "divide": return a[0] / a[1]
        case "maximum": return a[0].maximum(a[1])
        case "minimum": return a[0].minimum(a[1])
        case "power": return a[0].pow(a[1])
        case "less": return a[0] .< a[1]
        case "greater_equal": return a[0] .>= a[1]
        case "equal": return a[0] .== a[1]
        case "negate": return -a[0]
        case "abs": return a[0].abs()
        case "exp": return a[0].exp()
        case "sin": return a[0].sin()
        case "cos": return a[0].cos()
        case "tanh": return a[0].tanh()
        case "sigmoid": return a[0].sigmoid()
        case "relu": return a[0].relu()
        case "softplus": return a[0].softplus()
        case "gelu": return a[0].gelu()
        case "floor": return a[0].floor()
        case "ceil": return a[0].ceil()
        case "round": return a[0].rounded()
        case "sqrt": return a[0].sqrt()
        case "log": return a[0].log()
        case "square": return a[0].squared()
        case "reciprocal": return a[0].reciprocal()
        case "sign": return a[0].sign()
        case "leaky_relu": return a[0].leakyRelu(alpha: k.alpha!)
        case "elu": return a[0].elu(alpha: k.alpha!)
        case "clip": return a[0].clipped(min: k.low!, max: k.high!)
        case "pow_scalar": return a[0].pow(k.exponent!)
        case "where": return Tensor.where(a[0], a[1], a[2])
        case "sum": return a[0].sum(axes: k.axes, keepDims: keep)
        case "mean": return a[0].mean(axes: k.axes, keepDims: keep)
        case "max": return a[0].max(axes: k.axes, keepDims: keep)
        case "min": return a[0].min(axes: k.axes, keepDims: keep)
        case "variance": return a[0].variance(axes: k.axes, keepDims: keep)
        case "variance1": return a[0].variance(axes: k.axes, keepDims: keep, correction: 1)
        case "argmax": return a[0].argmax(axes: k.axes)
        case "argmin": return a[0].argmin(axes: k.axes)
        case "permute": return a[0].permuted(k.axes!)
        case "transpose": return a[0].transposed()
        case "concatenate": return Tensor.concatenate(a, axis: k.axis!)
        case "stack": return Tensor.stack(a, axis: k.axis!)
        case "reshape": return a[0].reshaped(k.shape!)
        case "pad": return a[0].padded(k.widths!.map { ($0[0], $0[1]) }, value: k.value!)
        case "slice": return a[0].slice(k.spec!.map(\.tensorIndex))
        case "index_select": return a[0].indexSelect(a[1], axis: k.axis!)
        case "gather": return a[0].gather(a[1], axis: k.axis!)
        case "one_hot": return a[0].oneHot(classes: k.classes!, dtype: .float64)
        case "matmul": return a[0].matmul(a[1])
        default: fatalError("unknown fixture op \(c.op)")
        }
    }

    @Test func everyCaseMatchesNumPyInFloat64() throws {
        let cases = try Self.loadCases()
        #expect(cases.count > 200)
        for (i, c) in cases.enumerated() {
            let got = Self.evaluate(c)
            let expected = c.expected.tensor
            #expect(got.shape == expected.shape, "case \(i) \(c.op): shape \(got.shape), NumPy \(expected.shape)")
            #expect(got.dtype == expected.dtype, "case \(i) \(c.op): dtype \(got.dtype), NumPy \(expected.dtype)")
            #expect(isClose(got, expected, absolute: 1e-12, relative: 1e-12),
                    "case \(i) \(c.op): differs from NumPy by \(maxAbsoluteDifference(got, expected))")
        }
    }

    /// The float32 kernels against the float64 ones on the same (float32-rounded) inputs.
    @Test func float32KernelsAgreeWithFloat64() throws {
        var checked = 0
        for (i, c) in try Self.loadCases().enumerated() {
            let inputs = c.args.map(\.tensor)
            guard inputs.allSatisfy({ $0.dtype == .float64 }) else { continue }
            let rounded = inputs.map { $0.converted(to: .float32) }
            guard let got32 = Self.runFloat32(c.op, rounded, c.kwargs) else { continue }
            let reference = Self.runFloat32(c.op, rounded.map { $0.converted(to: .float64) }, c.kwargs)!
            #expect(got32.dtype == .float32, "case \(i) \(c.op): float32 inputs gave \(got32.dtype)")
            #expect(isClose(got32.converted(to: .float64), reference, absolute: 1e-5, relative: 2e-5),
                    "case \(i) \(c.op): float32 differs from float64 by \(maxAbsoluteDifference(got32.converted(to: .float64), reference))")
            checked += 1
        }
        #expect(checked > 100)
    }

    static func runFloat32(_ op: String, _ a: [Tensor], _ k: Kwargs) -> Tensor? {
        let keep = k.keepdims ?? false
        switch op {
        case "add": return a[0] - a[1]
        case "subtract": return a[0] - a[1]
        case "multiply": return a[0] * a[1]
        case "divide": return a[0] / a[1]
        case "maximum": return a[0].maximum(a[1])
        case "minimum": return a[0].minimum(a[1])
        case "power": return a[0].pow(a[1])
        case "exp": return a[0].exp()
        case "log": return a[0].log()
        case "tanh": return a[0].tanh()
        case "sigmoid": return a[0].sigmoid()
        case "softplus": return a[0].softplus()
        case "gelu": return a[0].gelu()
        case "sum": return a[0].sum(axes: k.axes, keepDims: keep)
        case "mean": return a[0].mean(axes: k.axes, keepDims: keep)
        case "variance": return a[0].variance(axes: k.axes, keepDims: keep)
        case "matmul": return a[0].matmul(a[1])
        case "permute": return a[0].permuted(k.axes!)
        case "slice": return a[0].slice(k.spec!.map(\.tensorIndex))
        case "pad": return a[0].padded(k.widths!.map { ($0[0], $0[1]) }, value: k.value!)
        default: return nil
        }
    }
}
