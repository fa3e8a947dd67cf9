import Foundation
import NeuronaCore
import Testing
import _NeuronaTestSupport

/// Every op against NumPy/SciPy (Fixtures/make_fixtures.py): float64 cases computed by NumPy in
/// float64, float32 cases by NumPy's own float32 kernels, int64 cases in int64, plus the ties and
/// bounds of README's "Conventions at ties and bounds". One dispatcher (``evaluate(_:)``) runs every
/// case whatever its dtype, so a wrong mapping from a case's name to an op fails against NumPy.
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
        /// The dtype the case exercises: its first non-bool argument's (`where` starts with a mask).
        var dtype: String { args.first { $0.dtype != "bool" }!.dtype }
    }

    struct Fixture: Decodable { var cases: [Case] }

    static func loadCases() throws -> [Case] {
        let url = try #require(Bundle.module.url(forResource: "numpy_cases", withExtension: "json", subdirectory: "Fixtures"))
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(Fixture.self, from: Data(contentsOf: url)).cases
    }

    /// Runs one fixture case through Neurona: the one map from a case's name to an op, for every dtype.
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

    /// The tolerance per dtype: float64 agrees to 1e-12, float32 to NumPy's float32 within 1e-5
    /// (relative, and absolute near zero), integers and booleans exactly.
    static func tolerance(_ dtype: String) -> Double {
        switch dtype {
        case "float64": return 1e-12
        case "float32": return 1e-5
        default: return 0
        }
    }

    /// Checks every case of `dtype` and returns how many ran.
    static func checkCases(ofDType dtype: String) throws -> Int {
        var checked = 0
        for (i, c) in try loadCases().enumerated() where c.dtype == dtype {
            let got = evaluate(c)
            let expected = c.expected.tensor
            let tolerance = Self.tolerance(expected.dtype.rawValue)
            expectEqual(got.shape, expected.shape, "case \(i) \(c.op) (\(dtype)): shape \(got.shape), NumPy \(expected.shape)")
            expectEqual(got.dtype, expected.dtype, "case \(i) \(c.op) (\(dtype)): dtype \(got.dtype), NumPy \(expected.dtype)")
            #expect(isClose(got, expected, absolute: tolerance, relative: tolerance),
                    "case \(i) \(c.op) (\(dtype)): differs from NumPy by \(maxAbsoluteDifference(got, expected))")
            checked += 1
        }
        return checked
    }

    @Test func everyFloat64CaseMatchesNumPy() throws {
        try expectEqual(Self.checkCases(ofDType: "float64"), 265)
    }

    /// The float32 kernels against NumPy's float32 results (not against Neurona's own float64 path).
    @Test func everyFloat32CaseMatchesNumPysFloat32() throws {
        try expectEqual(Self.checkCases(ofDType: "float32"), 265)
    }

    @Test func everyInt64CaseMatchesNumPy() throws {
        try expectEqual(Self.checkCases(ofDType: "int64"), 65)
    }

    /// Every op of the float64 fixtures also runs in float32 (one-hot's cases, whose input is
    /// int64, count as int64 ones), and the fixtures hold float32 broadcast addition and the ties.
    @Test func float32CoversEveryFloat64Op() throws {
        let cases = try Self.loadCases()
        let ops = { (dtype: String) in Set(cases.filter { $0.dtype == dtype }.map(\.op)) }
        expectEqual(ops("float64"), ops("float32"))
        #expect(ops("int64").contains("one_hot") && ops("int64").contains("divide"))
        let float32Adds = cases.filter { $0.dtype == "float32" && $0.op == "add" }
        #expect(float32Adds.contains { $0.args[0].shape != $0.args[1].shape }, "float32 broadcast addition")
        for dtype in ["float64", "float32"] {
            let halves = cases.first { $0.dtype == dtype && $0.op == "round" && $0.args[0].data.contains(2.5) }
            expectEqual(halves?.expected.data.contains(2), true, "\(dtype): round(2.5) = 2 is a fixture")
        }
    }
}
