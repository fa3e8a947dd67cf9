import NeuronaAutograd
import NeuronaCore

extension GradientChecker {
    /// Checks a built layer's gradients, with respect to its input and to every parameter,
    /// against central finite differences in float64 (the layer's parameters are converted to
    /// float64 first). Plugin authors: run this on every new layer.
    ///
    /// ```swift
    /// let dense = Dense(units: 3, activation: .tanh)
    /// try dense.build(inputShape: [4], seed: 1)
    /// #expect(GradientChecker.check(layer: dense, input: x).passed)
    /// ```
    public static func check(layer: any Layer, input: Tensor, epsilon: Double = 1e-6,
                             tolerance: Double = 1e-6, seed: UInt64 = 23) -> Result {
        layer.convertParameters(to: .float64)
        let x = input.dtype.isFloatingPoint ? input.converted(to: .float64) : input
        let parameters = layer.namedParameters()
        let output = withNoGrad { layer(Variable(x)) }
        var generator = RandomGenerator(seed: seed)
        let weights = Tensor.normal(output.shape, dtype: .float64, using: &generator)
        func loss(_ input: Tensor) -> Variable { (layer(Variable(input, requiresGrad: input.dtype.isFloatingPoint)) * Variable(weights)).sum() }

        // Analytic gradients: the input's and each parameter's.
        let inputVariable = Variable(x, requiresGrad: x.dtype.isFloatingPoint)
        for p in parameters { p.variable.grad = nil }
        let analyticLoss = (layer(inputVariable) * Variable(weights)).sum()
        var analytic: [Tensor] = []
        var targets: [Variable] = []
        if x.dtype.isFloatingPoint { targets.append(inputVariable) }
        targets += parameters.map(\.variable)
        if analyticLoss.requiresGrad, let grads = try? gradients(of: analyticLoss, withRespectTo: targets) {
            analytic = grads.map(\.value)
        } else {
            analytic = targets.map { Tensor.zeros($0.shape, dtype: .float64) }
        }

        // Numeric gradients: perturb one element at a time.
        var result = Result(maxAbsoluteError: 0, maxRelativeError: 0, passed: true, worst: nil)
        var worstScore = -1.0
        func compare(_ k: Int, _ j: Int, _ a: Double, _ numeric: Double) {
            let absolute = Swift.abs(a - numeric)
            let relative = absolute / Swift.max(1, Swift.abs(numeric))
            result.maxAbsoluteError = Swift.max(result.maxAbsoluteError, absolute)
            result.maxRelativeError = Swift.max(result.maxRelativeError, relative)
            if !(relative <= worstScore) { worstScore = relative; result.worst = (k, j, a, numeric) }
            if !(relative <= tolerance) { result.passed = false }
        }
        var k = 0
        if x.dtype.isFloatingPoint {
            let a = analytic[0].doubles
            var values = x.scalars(as: Double.self)
            for j in 0..<values.count {
                let original = values[j]
                func f(_ v: Double) -> Double {
                    values[j] = v
                    return withNoGrad { loss(Tensor(values, shape: x.shape)).value.item }
                }
                let numeric = (f(original + epsilon) - f(original - epsilon)) / (2 * epsilon)
                values[j] = original
                compare(0, j, a[j], numeric)
            }
            k = 1
        }
        for (i, p) in parameters.enumerated() {
            let a = analytic[k + i].doubles
            let original = p.variable.value
            var values = original.scalars(as: Double.self)
            for j in 0..<values.count {
                let saved = values[j]
                func f(_ v: Double) -> Double {
                    values[j] = v
                    p.variable.value = Tensor(values, shape: original.shape)
                    return withNoGrad { loss(x).value.item }
                }
                let numeric = (f(saved + epsilon) - f(saved - epsilon)) / (2 * epsilon)
                values[j] = saved
                p.variable.value = original
                compare(k + i, j, a[j], numeric)
            }
        }
        return result
    }
}
