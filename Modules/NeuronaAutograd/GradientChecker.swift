import NeuronaCore

/// Compares autograd's gradients with central finite differences in float64.
///
/// The function's output is projected onto fixed random weights (`L = Σ f(x)·w`), so one check
/// covers the whole Jacobian-vector product, whatever the output's shape. Inputs are converted
/// to float64; integer inputs (indices) are passed through as constants.
///
/// ```swift
/// let result = GradientChecker.check(inputs: [x, w]) { v in v[0].matmul(v[1]).tanh() }
/// #expect(result.passed, "\(result)")
/// ```
///
/// Plugin authors: check every new op or layer this way, away from kinks (relu at 0, abs at 0).
public enum GradientChecker {
    /// The outcome of a gradient check.
    public struct Result: CustomStringConvertible {
        /// The largest |analytic − numeric| over every input element.
        public var maxAbsoluteError: Double
        /// The largest |analytic − numeric| / max(1, |numeric|).
        public var maxRelativeError: Double
        /// Whether every element agreed within the tolerances.
        public var passed: Bool
        /// Where the worst disagreement was: input index, element index, analytic, numeric.
        public var worst: (input: Int, element: Int, analytic: Double, numeric: Double)?

        public init(maxAbsoluteError: Double, maxRelativeError: Double, passed: Bool,
                    worst: (input: Int, element: Int, analytic: Double, numeric: Double)?) {
            self.maxAbsoluteError = maxAbsoluteError
            self.maxRelativeError = maxRelativeError
            self.passed = passed
            self.worst = worst
        }

        public var description: String {
            var s = "gradient check \(passed ? "passed" : "FAILED"): max abs error \(maxAbsoluteError), max rel error \(maxRelativeError)"
            if let w = worst {
                s += "; worst at input \(w.input) element \(w.element): analytic \(w.analytic), numeric \(w.numeric)"
            }
            return s
        }
    }

    /// Checks the gradients of `function` at `inputs`.
    /// - Parameters:
    ///   - inputs: The point to check at; floating-point inputs are differentiated.
    ///   - epsilon: The finite-difference step.
    ///   - tolerance: Allowed |analytic − numeric| / max(1, |numeric|).
    ///   - seed: Seeds the random projection of the output.
    public static func check(
        inputs: [Tensor], epsilon: Double = 1e-6, tolerance: Double = 1e-6, seed: UInt64 = 17,
        _ function: ([Variable]) -> Variable
    ) -> Result {
        let points = inputs.map { $0.dtype.isFloatingPoint ? $0.converted(to: .float64) : $0 }
        let variables = points.map { Variable($0, requiresGrad: $0.dtype.isFloatingPoint) }
        let output = function(variables)
        var generator = RandomGenerator(seed: seed)
        let weights = Tensor.normal(output.shape, dtype: .float64, using: &generator)
        func loss(_ out: Variable) -> Variable { (out * Variable(weights)).sum() }

        let differentiable = variables.filter(\.requiresGrad)
        let analytic: [Tensor]
        if output.requiresGrad, let grads = try? gradients(of: loss(output), withRespectTo: differentiable) {
            analytic = grads.map(\.value)
        } else {
            analytic = differentiable.map { Tensor.zeros($0.shape, dtype: .float64) }
        }

        var result = Result(maxAbsoluteError: 0, maxRelativeError: 0, passed: true, worst: nil)
        var worstScore = -1.0
        var k = 0
        for (i, point) in points.enumerated() where point.dtype.isFloatingPoint {
            let a = analytic[k].doubles
            k += 1
            var values = point.scalars(as: Double.self)
            for j in 0..<values.count {
                let original = values[j]
                func evaluate(_ x: Double) -> Double {
                    values[j] = x
                    var shifted = points
                    shifted[i] = Tensor(values, shape: point.shape)
                    return withNoGrad { loss(function(shifted.map { Variable($0) })).value.item }
                }
                let numeric = (evaluate(original + epsilon) - evaluate(original - epsilon)) / (2 * epsilon)
                values[j] = original
                let absolute = Swift.abs(a[j] - numeric)
                let relative = absolute / Swift.max(1, Swift.abs(numeric))
                result.maxAbsoluteError = Swift.max(result.maxAbsoluteError, absolute)
                result.maxRelativeError = Swift.max(result.maxRelativeError, relative)
                if relative > worstScore || !relative.isFinite {
                    worstScore = relative.isFinite ? relative : .infinity
                    result.worst = (i, j, a[j], numeric)
                }
                if !(relative <= tolerance) { result.passed = false }
            }
        }
        return result
    }
}
