import NeuronaCore

// Elementwise math and activation functions.

extension Variable {
    /// `eˣ` of each element, recorded on the tape (gradient `g·eˣ`).
    public func exp() -> Variable {
        Variable.record(value.exp(), .exp, self) { g, out in [Variable.unrecorded { g.value * out.value } ?? g * out] }
    }

    /// The natural logarithm of each element, recorded on the tape (gradient `g / x`).
    public func log() -> Variable {
        Variable.record(value.log(), .log, self) { g, _ in [Variable.unrecorded { g.value / self.value } ?? g / self] }
    }

    /// The square root of each element, recorded on the tape (gradient `g / (2·√x)`).
    public func sqrt() -> Variable {
        Variable.record(value.sqrt(), .sqrt, self) { g, out in [g / (out * 2)] }
    }

    /// `|x|`; the gradient is `sign(x)`: 0 at 0 (as PyTorch), NaN at NaN.
    public func abs() -> Variable {
        Variable.record(value.abs(), .abs, self) { g, _ in [g * self.value.sign()] }
    }

    /// The sine of each element, recorded on the tape (gradient `g·cos x`).
    public func sin() -> Variable {
        Variable.record(value.sin(), .sin, self) { g, _ in [g * self.cos()] }
    }

    /// The cosine of each element, recorded on the tape (gradient `−g·sin x`).
    public func cos() -> Variable {
        Variable.record(value.cos(), .cos, self) { g, _ in [-(g * self.sin())] }
    }

    /// The hyperbolic tangent of each element, recorded on the tape (gradient `g·(1 − tanh² x)`).
    public func tanh() -> Variable {
        Variable.record(value.tanh(), .tanh, self) { g, out in
            [Variable.fusedGradient(.tanh, g, saved: out.value) ?? g * (1 - out * out)]
        }
    }

    /// `σ(x) = 1 / (1 + e^-x)`; its derivative is `σ(x)(1 - σ(x))`.
    public func sigmoid() -> Variable {
        Variable.record(value.sigmoid(), .sigmoid, self) { g, out in
            [Variable.fusedGradient(.sigmoid, g, saved: out.value) ?? g * out * (1 - out)]
        }
    }

    /// `max(x, 0)`, with NaN passed through (relu(NaN) = NaN, as in PyTorch). The gradient is 0
    /// where `x ≤ 0` (so 0 at 0) and the incoming gradient elsewhere, NaN positions included, as
    /// PyTorch's `threshold_backward` (README of NeuronaCore, "Conventions at ties and bounds").
    public func relu() -> Variable {
        Variable.record(value.relu(), .relu, self) { g, _ in
            [Variable.fusedGradient(.relu, g, saved: self.value) ?? g * self.value.map(.step(threshold: 0))]
        }
    }

    /// `x` for positive `x`, `alpha·x` otherwise.
    public func leakyRelu(alpha: Double = 0.01) -> Variable {
        Variable.record(value.leakyRelu(alpha: alpha), .leakyRelu, self) { g, _ in
            let slope = Tensor.where(self.value .> 0, Tensor(1, dtype: self.dtype), Tensor(alpha, dtype: self.dtype))
            return [g * slope]
        }
    }

    /// `log(1 + e^x)`, computed without overflow; its derivative is `σ(x)`.
    public func softplus() -> Variable {
        Variable.record(value.softplus(), .softplus, self) { g, _ in [g * self.sigmoid()] }
    }

    /// `x` for positive `x`, `alpha·(e^x − 1)` otherwise.
    public func elu(alpha: Double = 1) -> Variable {
        Variable.record(value.elu(alpha: alpha), .elu, self) { g, out in
            [Variable.where(self.value .> 0, g, g * (out + alpha))]
        }
    }

    /// The Gauss error function.
    public func erf() -> Variable {
        Variable.record(value.map(.erf), .erf, self) { g, _ in
            [g * (self * self * -1).exp() * (2 / Double.pi.squareRoot())]
        }
    }

    /// GELU, exact form: `x·Φ(x)` with `Φ` the standard normal CDF.
    public func gelu() -> Variable {
        Variable.record(value.gelu(), .gelu, self) { g, _ in
            // d/dx x·Φ(x) = Φ(x) + x·φ(x)
            let cdf = ((self * (1 / 2.0.squareRoot())).erf() + 1) * 0.5
            let pdf = (self * self * -0.5).exp() * (1 / (2 * Double.pi).squareRoot())
            return [g * (cdf + self * pdf)]
        }
    }

    /// Each element limited to `[low, high]` (NaN stays NaN). The gradient is 1 strictly inside
    /// the range and 0 at both bounds, beyond them and at NaN, as PyTorch's `clamp` (2.x:
    /// `torch.tensor([-0.5, 1.0]).clamp(-0.5, 1)` passes no gradient). The losses' own clip of
    /// probabilities follows Keras instead (gradient 1 at its bounds): ``binaryCrossEntropy(targets:epsilon:)``.
    public func clipped(min low: Double, max high: Double) -> Variable {
        Variable.record(value.clipped(min: low, max: high), .clip, self) { g, _ in
            [Variable.fusedGradient(.clip(low: low, high: high), g, saved: self.value)
                ?? g * self.value.map(.openIndicator(low: low, high: high))]
        }
    }

    /// `clip(x, -1, 1)` (lecture 002's hard tanh): ``clipped(min:max:)`` between ±1, whose
    /// gradient is 0 at the bounds, as PyTorch's `hardtanh`.
    public func hardTanh() -> Variable { clipped(min: -1, max: 1) }

    /// `x·σ(x)` (also called SiLU).
    public func swish() -> Variable { self * sigmoid() }

    /// An activation's gradient in one kernel (see `Tensor.elementwiseGradient`) when the
    /// backward pass records nothing, so that it need not be differentiable; nil when it records
    /// (`createGraph`) or the kernel does not apply, and the caller builds it from ops.
    static func fusedGradient(_ kind: ElementwiseGradient, _ g: Variable, saved: Tensor) -> Variable? {
        guard !GradMode.isEnabled, let gradient = Tensor.elementwiseGradient(kind, upstream: g.value, saved: saved) else {
            return nil
        }
        return Variable(gradient)
    }
}

// The ops this file records.
extension DifferentiableOp {
    /// `e^x`.
    @inlinable public static var exp: DifferentiableOp { DifferentiableOp(rawValue: "exp") }
    /// The natural logarithm.
    @inlinable public static var log: DifferentiableOp { DifferentiableOp(rawValue: "log") }
    /// The square root.
    @inlinable public static var sqrt: DifferentiableOp { DifferentiableOp(rawValue: "sqrt") }
    /// `|x|`.
    @inlinable public static var abs: DifferentiableOp { DifferentiableOp(rawValue: "abs") }
    /// The sine.
    @inlinable public static var sin: DifferentiableOp { DifferentiableOp(rawValue: "sin") }
    /// The cosine.
    @inlinable public static var cos: DifferentiableOp { DifferentiableOp(rawValue: "cos") }
    /// The hyperbolic tangent.
    @inlinable public static var tanh: DifferentiableOp { DifferentiableOp(rawValue: "tanh") }
    /// `1 / (1 + e^-x)`.
    @inlinable public static var sigmoid: DifferentiableOp { DifferentiableOp(rawValue: "sigmoid") }
    /// `max(x, 0)`.
    @inlinable public static var relu: DifferentiableOp { DifferentiableOp(rawValue: "relu") }
    /// `x` or `alpha·x`.
    @inlinable public static var leakyRelu: DifferentiableOp { DifferentiableOp(rawValue: "leakyRelu") }
    /// `log(1 + e^x)`.
    @inlinable public static var softplus: DifferentiableOp { DifferentiableOp(rawValue: "softplus") }
    /// `x` or `alpha·(e^x − 1)`.
    @inlinable public static var elu: DifferentiableOp { DifferentiableOp(rawValue: "elu") }
    /// The Gaussian error linear unit.
    @inlinable public static var gelu: DifferentiableOp { DifferentiableOp(rawValue: "gelu") }
    /// The error function.
    @inlinable public static var erf: DifferentiableOp { DifferentiableOp(rawValue: "erf") }
    /// Clipping to bounds (hard tanh too).
    @inlinable public static var clip: DifferentiableOp { DifferentiableOp(rawValue: "clip") }
    /// Elementwise math and activations: the ops of this file, for ``allCases``.
    static var math: [DifferentiableOp] {
        [.exp, .log, .sqrt, .abs, .sin, .cos, .tanh, .sigmoid, .relu, .leakyRelu, .softplus, .elu, .gelu, .erf, .clip]
    }
}
