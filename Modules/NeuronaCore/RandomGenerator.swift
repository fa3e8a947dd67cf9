/// A seeded pseudo-random generator (xoshiro256**), passed explicitly to everything random.
///
/// The same seed gives the same numbers, bit for bit, on every run: weights, shuffles and
/// dropout masks are reproducible. The state is `Codable`, so a checkpoint can store it and a
/// resumed run continues the same sequence.
///
/// ```swift
/// var generator = RandomGenerator(seed: 42)
/// let w = Tensor.normal([784, 128], standardDeviation: 0.05, using: &generator)
/// let order = Tensor.permutation(60_000, using: &generator)
/// ```
public struct RandomGenerator: RandomNumberGenerator, Codable, Hashable, Sendable {
    /// The four words of xoshiro256** state.
    public private(set) var state: [UInt64]

    /// A generator whose sequence is fixed by `seed` (expanded with SplitMix64).
    /// - Parameter seed: Any value; equal seeds give equal sequences.
    public init(seed: UInt64) {
        var s = seed
        func splitMix() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = [splitMix(), splitMix(), splitMix(), splitMix()]
    }

    /// A generator that continues from a saved state (four words, not all zero).
    /// - Parameter state: The ``state`` of the generator to continue.
    public init(state: [UInt64]) {
        checkPrecondition(state.count == 4 && state.contains { $0 != 0 },
                          "RandomGenerator(state:): needs four words, not all zero")
        self.state = state
    }

    @inlinable
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = RandomGenerator.rotl(state[1] &* 5, 7) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = RandomGenerator.rotl(state[3], 45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform float in [0, 1) with 24 random bits.
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1.0p-24
    }

    /// A uniform integer in `0..<bound` (Lemire's unbiased method).
    public mutating func nextInt(below bound: Int) -> Int {
        checkPrecondition(bound > 0, "RandomGenerator.nextInt(below:): bound must be positive, got \(bound)")
        return Int(next(upperBound: UInt64(bound)))
    }

    /// A pair of independent standard normal samples (Box–Muller).
    public mutating func nextNormalPair() -> (Double, Double) {
        var u1 = nextUnitDouble()
        while u1 == 0 { u1 = nextUnitDouble() }
        let u2 = nextUnitDouble()
        let radius = (-2 * _log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        return (radius * _cos(angle), radius * _sin(angle))
    }
}

import RealModule

@inline(__always) private func _log(_ x: Double) -> Double { Double.log(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Double.cos(x) }
@inline(__always) private func _sin(_ x: Double) -> Double { Double.sin(x) }

// MARK: - Random tensors

extension Tensor {
    /// Values drawn uniformly from `[low, high)`.
    public static func uniform(
        _ shape: [Int], low: Double = 0, high: Double = 1, dtype: DType = .float32,
        using generator: inout RandomGenerator
    ) -> Tensor {
        checkPrecondition(dtype.isFloatingPoint, "Tensor.uniform: dtype must be floating-point, got \(dtype)")
        let n = elementCount(shape)
        var values = [Double](repeating: 0, count: n)
        let width = high - low
        for i in 0..<n { values[i] = low + width * generator.nextUnitDouble() }
        return Tensor(values, shape: shape, dtype: dtype)
    }

    /// Values drawn from a normal distribution.
    public static func normal(
        _ shape: [Int], mean: Double = 0, standardDeviation: Double = 1, dtype: DType = .float32,
        using generator: inout RandomGenerator
    ) -> Tensor {
        checkPrecondition(dtype.isFloatingPoint, "Tensor.normal: dtype must be floating-point, got \(dtype)")
        let n = elementCount(shape)
        var values = [Double](repeating: 0, count: n)
        var i = 0
        while i < n {
            let (a, b) = generator.nextNormalPair()
            values[i] = mean + standardDeviation * a
            if i + 1 < n { values[i + 1] = mean + standardDeviation * b }
            i += 2
        }
        return Tensor(values, shape: shape, dtype: dtype)
    }

    /// Values drawn from a normal distribution, redrawn until within two standard deviations
    /// of the mean (Keras's `TruncatedNormal`).
    public static func truncatedNormal(
        _ shape: [Int], mean: Double = 0, standardDeviation: Double = 1, dtype: DType = .float32,
        using generator: inout RandomGenerator
    ) -> Tensor {
        let n = elementCount(shape)
        var values = [Double]()
        values.reserveCapacity(n)
        while values.count < n {
            let (a, b) = generator.nextNormalPair()
            for z in [a, b] where Swift.abs(z) <= 2 && values.count < n {
                values.append(mean + standardDeviation * z)
            }
        }
        return Tensor(values, shape: shape, dtype: dtype)
    }

    /// Ones with probability `probability`, zeros otherwise (as `dtype`).
    public static func bernoulli(
        _ shape: [Int], probability: Double, dtype: DType = .float32,
        using generator: inout RandomGenerator
    ) -> Tensor {
        checkPrecondition(probability >= 0 && probability <= 1,
                          "Tensor.bernoulli: probability must be in [0, 1], got \(probability)")
        let n = elementCount(shape)
        var values = [Double](repeating: 0, count: n)
        for i in 0..<n { values[i] = generator.nextUnitDouble() < probability ? 1 : 0 }
        return Tensor(values, shape: shape, dtype: dtype)
    }

    /// A random ordering of `0..<n` as an int64 tensor (Fisher–Yates).
    public static func permutation(_ n: Int, using generator: inout RandomGenerator) -> Tensor {
        var order = [Int64](0..<Int64(n))
        var i = n - 1
        while i > 0 {
            let j = generator.nextInt(below: i + 1)
            order.swapAt(i, j)
            i -= 1
        }
        return Tensor(order, shape: [n])
    }
}
