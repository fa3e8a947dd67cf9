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
/// Plugin authors: check every new op or layer this way, away from kinks (relu at 0, abs at 0);
/// a ``CustomOp`` to second order too (``checkSecondOrder(inputs:epsilon:tolerance:seed:_:)``), and
/// make your test suite fail when one of your ops has no check (``uncheckedOps(_:cases:)``).
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
        /// The ops the checked function recorded between its inputs and its output: what the
        /// check covered.
        public var recordedOps: Set<DifferentiableOp>

        /// A result with the given figures.
        /// - Parameters:
        ///   - maxAbsoluteError: The largest |analytic − numeric|.
        ///   - maxRelativeError: The largest |analytic − numeric| / max(1, |numeric|).
        ///   - passed: Whether every element agreed within the tolerances.
        ///   - worst: Where the worst disagreement was.
        ///   - recordedOps: The ops the checked function recorded.
        public init(maxAbsoluteError: Double, maxRelativeError: Double, passed: Bool,
                    worst: (input: Int, element: Int, analytic: Double, numeric: Double)?,
                    recordedOps: Set<DifferentiableOp> = []) {
            self.maxAbsoluteError = maxAbsoluteError
            self.maxRelativeError = maxRelativeError
            self.passed = passed
            self.worst = worst
            self.recordedOps = recordedOps
        }

        /// One line: passed or failed, the errors, and the worst element.
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
    ///   - function: The computation to check, from the inputs as variables to one output.
    public static func check(
        inputs: [Tensor], epsilon: Double = 1e-6, tolerance: Double = 1e-6, seed: UInt64 = 17,
        _ function: ([Variable]) -> Variable
    ) -> Result {
        let points = inputs.map { $0.dtype.isFloatingPoint ? $0.converted(to: .float64) : $0 }
        let variables = points.map { Variable($0, requiresGrad: $0.dtype.isFloatingPoint) }
        let output = function(variables)
        let recordedOps = output.recordedOps()   // before the backward pass frees the graph
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

        var result = Result(maxAbsoluteError: 0, maxRelativeError: 0, passed: true, worst: nil,
                            recordedOps: recordedOps)
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

    /// Checks the second derivatives of `function` at `inputs`: the gradient of `Σ function(x)·v`
    /// (fixed random `v`), taken with `createGraph: true`, is itself checked against finite
    /// differences. Passing means every backward rule on the way is differentiable and right.
    /// - Parameters:
    ///   - inputs: The point to check at; floating-point inputs are differentiated.
    ///   - epsilon: The finite-difference step.
    ///   - tolerance: Allowed |analytic − numeric| / max(1, |numeric|).
    ///   - seed: Seeds the random projections of the output and of the gradient.
    ///   - function: The computation to check, from the inputs as variables to one output.
    public static func checkSecondOrder(
        inputs: [Tensor], epsilon: Double = 1e-6, tolerance: Double = 1e-6, seed: UInt64 = 17,
        _ function: ([Variable]) -> Variable
    ) -> Result {
        let points = inputs.map { $0.dtype.isFloatingPoint ? $0.converted(to: .float64) : $0 }
        let outputShape = withNoGrad { function(points.map { Variable($0) }).shape }
        var generator = RandomGenerator(seed: seed &+ 1)
        let weights = Variable(Tensor.normal(outputShape, dtype: .float64, using: &generator))
        return check(inputs: points, epsilon: epsilon, tolerance: tolerance, seed: seed) { v in
            // Finite differences evaluate with recording off on plain inputs: the first gradient
            // is then taken on fresh leaves, with recording on.
            let recording = v.contains(where: \.requiresGrad)
            let leaves = recording ? v : v.map { Variable($0.value, requiresGrad: $0.dtype.isFloatingPoint) }
            return GradMode.with(enabled: true) {
                let differentiable = leaves.filter(\.requiresGrad)
                let output = function(leaves)
                guard output.requiresGrad,
                      let grads = try? gradients(of: (output * weights).sum(), withRespectTo: differentiable,
                                                 createGraph: recording) else {
                    return Variable(Tensor.zeros([differentiable.map { $0.value.count }.reduce(0, +)], dtype: .float64))
                }
                return Variable.concatenate(grads.map { $0.flattened() }, axis: 0)
            }
        }
    }

    /// The ops `function` records at `inputs` (floating-point inputs requiring a gradient), without
    /// checking anything: what a check of `function` would cover.
    /// - Parameters:
    ///   - inputs: The point to evaluate at.
    ///   - function: The function, as passed to ``check(inputs:epsilon:tolerance:seed:_:)``.
    public static func recordedOps(inputs: [Tensor], _ function: ([Variable]) -> Variable) -> Set<DifferentiableOp> {
        GradMode.with(enabled: true) {
            function(inputs.map { Variable($0, requiresGrad: $0.dtype.isFloatingPoint) }).recordedOps()
        }
    }

    /// One gradient-check case: a function and the inputs to check it at, for a table of cases
    /// that ``uncheckedOps(_:cases:)`` can read.
    public struct Case: Sendable, CustomStringConvertible {
        /// What the case checks (`"softsign, both signs"`).
        public var name: String
        /// The point to check at.
        public var inputs: @Sendable () -> [Tensor]
        /// The function to check.
        public var function: @Sendable ([Variable]) -> Variable

        /// A case named `name` checking `function` at `inputs()`.
        /// - Parameters:
        ///   - name: What the case checks.
        ///   - inputs: Makes the point to check at.
        ///   - function: The function to check.
        public init(_ name: String, inputs: @escaping @Sendable () -> [Tensor],
                    _ function: @escaping @Sendable ([Variable]) -> Variable) {
            self.name = name
            self.inputs = inputs
            self.function = function
        }

        /// The name.
        public var description: String { name }

        /// Runs ``GradientChecker/check(inputs:epsilon:tolerance:seed:_:)`` on this case.
        public func check() -> Result { GradientChecker.check(inputs: inputs(), function) }

        /// The ops this case records, and so covers.
        public func recordedOps() -> Set<DifferentiableOp> { GradientChecker.recordedOps(inputs: inputs(), function) }
    }

    /// The ops among `ops` that no case records: an empty answer means every op has a gradient
    /// check. Call it in a test, with your plugin's ops and your table of cases:
    ///
    /// ```swift
    /// @Test func everyOpHasAGradientCheck() {
    ///     let missing = GradientChecker.uncheckedOps([Softsign.op], cases: MyPluginChecks.cases)
    ///     #expect(missing.isEmpty, "ops without a gradient check: \(missing)")
    /// }
    /// ```
    /// - Parameters:
    ///   - ops: The ops that must be covered: the built-ins (``DifferentiableOp/allCases``) by default;
    ///     a plugin passes its own.
    ///   - cases: The gradient-check cases (evaluated once each, without finite differences).
    public static func uncheckedOps(_ ops: [DifferentiableOp] = DifferentiableOp.allCases, cases: [Case]) -> [DifferentiableOp] {
        var covered = Set<DifferentiableOp>()
        for c in cases { covered.formUnion(c.recordedOps()) }
        return ops.filter { !covered.contains($0) }
    }
}

extension Variable {
    /// The ops recorded on the graph that leads to this node (nodes that require a gradient).
    func recordedOps() -> Set<DifferentiableOp> {
        var ops = Set<DifferentiableOp>()
        var seen = Set<ObjectIdentifier>()
        var stack: [Variable] = [self]
        while let node = stack.popLast() {
            guard node.requiresGrad, seen.insert(ObjectIdentifier(node)).inserted else { continue }
            if let op = node.op { ops.insert(op) }
            stack.append(contentsOf: node.parents)
        }
        return ops
    }
}
