import NeuronaCore

// Arithmetic with broadcasting. Each backward sums the gradient back to its input's shape.

extension Variable {
    /// This gradient summed over broadcast dimensions down to `shape` (itself when equal).
    public func summed(toShape target: [Int]) -> Variable {
        if shape == target { return self }
        return sum(axes: Tensor.broadcastAxes(from: shape, to: target)).reshaped(target)
    }

    /// The elementwise sum `a + b`, broadcasting as NumPy does, recorded on the tape; each gradient is summed back to its operand's shape.
    public static func + (a: Variable, b: Variable) -> Variable {
        record(a.value + b.value, .add, [a, b]) { g, _ in
            [g.summed(toShape: a.shape), g.summed(toShape: b.shape)]
        }
    }

    /// The elementwise difference `a - b`, broadcasting as NumPy does, recorded on the tape; each gradient is summed back to its operand's shape.
    public static func - (a: Variable, b: Variable) -> Variable {
        record(a.value - b.value, .subtract, [a, b]) { g, _ in
            [g.summed(toShape: a.shape), (-g).summed(toShape: b.shape)]
        }
    }

    /// The elementwise product `a * b`, broadcasting as NumPy does, recorded on the tape; each gradient is summed back to its operand's shape.
    public static func * (a: Variable, b: Variable) -> Variable {
        record(a.value * b.value, .multiply, [a, b]) { g, _ in
            [a.requiresGrad ? (g * b).summed(toShape: a.shape) : nil,
             b.requiresGrad ? (g * a).summed(toShape: b.shape) : nil]
        }
    }

    /// The elementwise quotient `a / b`, broadcasting as NumPy does, recorded on the tape; each gradient is summed back to its operand's shape.
    public static func / (a: Variable, b: Variable) -> Variable {
        record(a.value / b.value, .divide, [a, b]) { g, out in
            [a.requiresGrad ? (g / b).summed(toShape: a.shape) : nil,
             b.requiresGrad ? (-(g * out) / b).summed(toShape: b.shape) : nil]
        }
    }

    /// `-x`, recorded on the tape (gradient `-g`).
    public static prefix func - (x: Variable) -> Variable {
        record(-x.value, .negate, x) { g, _ in [unrecorded { -g.value } ?? -g] }
    }

    /// The elementwise sum `a + s` with a constant, recorded on the tape.
    public static func + (a: Variable, s: Double) -> Variable {
        record(a.value + s, .addScalar, a) { g, _ in [g] }
    }

    /// The elementwise product `a * s` with a constant, recorded on the tape.
    public static func * (a: Variable, s: Double) -> Variable {
        record(a.value * s, .multiplyScalar, a) { g, _ in [unrecorded { g.value * s } ?? g * s] }
    }

    /// The elementwise difference `a - s` with a constant, recorded on the tape.
    public static func - (a: Variable, s: Double) -> Variable { a + (-s) }
    /// The elementwise quotient `a / s` with a constant, recorded on the tape.
    public static func / (a: Variable, s: Double) -> Variable { a * (1 / s) }
    /// The elementwise sum `s + a` with a constant, recorded on the tape.
    public static func + (s: Double, a: Variable) -> Variable { a + s }
    /// The elementwise product `s * a` with a constant, recorded on the tape.
    public static func * (s: Double, a: Variable) -> Variable { a * s }
    /// The elementwise difference `s - a` with a constant, recorded on the tape.
    public static func - (s: Double, a: Variable) -> Variable {
        record(s - a.value, .scalarMinus, a) { g, _ in [unrecorded { -g.value } ?? -g] }
    }
    /// The elementwise quotient `s / a` with a constant, recorded on the tape.
    public static func / (s: Double, a: Variable) -> Variable { a.reciprocal() * s }

    /// The elementwise sum `a + b` with a constant tensor (no gradient flows to `b`), broadcasting as NumPy does.
    public static func + (a: Variable, b: Tensor) -> Variable { a + Variable(b) }
    /// The elementwise difference `a - b` with a constant tensor (no gradient flows to `b`), broadcasting as NumPy does.
    public static func - (a: Variable, b: Tensor) -> Variable { a - Variable(b) }
    /// The elementwise product `a * b` with a constant tensor (no gradient flows to `b`), broadcasting as NumPy does.
    public static func * (a: Variable, b: Tensor) -> Variable { a * Variable(b) }
    /// The elementwise quotient `a / b` with a constant tensor (no gradient flows to `b`), broadcasting as NumPy does.
    public static func / (a: Variable, b: Tensor) -> Variable { a / Variable(b) }

    /// `1 / x`.
    public func reciprocal() -> Variable {
        Variable.record(value.reciprocal(), .reciprocal, self) { g, out in [-(g * out * out)] }
    }

    /// The elementwise larger of two variables (NaN wins). On ties the gradient is split in half
    /// between the two, as PyTorch's `maximum`; otherwise it goes to the larger.
    public func maximum(_ other: Variable) -> Variable {
        let (toSelf, toOther) = Variable.tieSplitWeights(value, other.value, selfWinsWhere: .greater)
        return Variable.record(value.maximum(other.value), .maximum, [self, other]) { g, _ in
            [(g * toSelf).summed(toShape: self.shape), (g * toOther).summed(toShape: other.shape)]
        }
    }

    /// The elementwise smaller of two variables (NaN wins). On ties the gradient is split in half
    /// between the two, as PyTorch's `minimum`; otherwise it goes to the smaller.
    public func minimum(_ other: Variable) -> Variable {
        let (toSelf, toOther) = Variable.tieSplitWeights(value, other.value, selfWinsWhere: .less)
        return Variable.record(value.minimum(other.value), .minimum, [self, other]) { g, _ in
            [(g * toSelf).summed(toShape: self.shape), (g * toOther).summed(toShape: other.shape)]
        }
    }

    /// The shares of the gradient of `maximum`/`minimum` (broadcast shape, `a`'s promoted dtype)
    /// for `a` and `b`: 1 where that side wins, 0 where the other does, ½ each on ties. As in
    /// PyTorch's formula, where neither wins nor ties (a NaN) both sides get the whole gradient.
    static func tieSplitWeights(_ a: Tensor, _ b: Tensor, selfWinsWhere wins: ComparisonOp) -> (Tensor, Tensor) {
        let loses: ComparisonOp = wins == .greater ? .less : .greater
        let dtype = a.dtype.promoted(with: b.dtype)
        let ties = a.compare(b, .equal).converted(to: dtype) * 0.5
        let toSelf = 1 - a.compare(b, loses).converted(to: dtype) - ties
        let toOther = 1 - a.compare(b, wins).converted(to: dtype) - ties
        return (toSelf, toOther)
    }

    /// `self ** exponent` elementwise, broadcasting (the base must be positive where the
    /// exponent is not an integer).
    public func pow(_ exponent: Variable) -> Variable {
        Variable.record(value.pow(exponent.value), .power, [self, exponent]) { g, out in
            [self.requiresGrad ? (g * exponent * self.pow(exponent - 1)).summed(toShape: self.shape) : nil,
             exponent.requiresGrad ? (g * out * self.log()).summed(toShape: exponent.shape) : nil]
        }
    }

    /// `self ** p` elementwise.
    public func pow(_ p: Double) -> Variable {
        Variable.record(value.pow(p), .powerScalar, self) { g, _ in
            [p == 2 ? g * self * 2 : g * self.pow(p - 1) * p]
        }
    }

    /// `self²`.
    public func squared() -> Variable { pow(2) }

    /// `mask ? self : other` elementwise, as a differentiable op of `self` (used by backward
    /// functions; `other` is a constant).
    func masked(_ mask: Tensor, else other: Tensor) -> Variable {
        Variable.where(mask, self, Variable(other))
    }

    /// Elementwise `mask ? a : b`, broadcasting; the gradient flows to the selected side.
    public static func `where`(_ mask: Tensor, _ a: Variable, _ b: Variable) -> Variable {
        let m = mask.converted(to: .bool)
        return record(Tensor.where(m, a.value, b.value), .where, [a, b]) { g, _ in
            let zero = Variable(Tensor.zeros([], dtype: g.dtype))
            return [a.requiresGrad ? Variable.where(m, g, zero).summed(toShape: a.shape) : nil,
                    b.requiresGrad ? Variable.where(m, zero, g).summed(toShape: b.shape) : nil]
        }
    }
}

// The ops this file records.
extension DifferentiableOp {
    /// `a + b`.
    @inlinable public static var add: DifferentiableOp { DifferentiableOp(rawValue: "add") }
    /// `a − b`.
    @inlinable public static var subtract: DifferentiableOp { DifferentiableOp(rawValue: "subtract") }
    /// `a · b`, elementwise.
    @inlinable public static var multiply: DifferentiableOp { DifferentiableOp(rawValue: "multiply") }
    /// `a / b`.
    @inlinable public static var divide: DifferentiableOp { DifferentiableOp(rawValue: "divide") }
    /// `x + c` for a number `c`.
    @inlinable public static var addScalar: DifferentiableOp { DifferentiableOp(rawValue: "addScalar") }
    /// `c − x` for a number `c`.
    @inlinable public static var scalarMinus: DifferentiableOp { DifferentiableOp(rawValue: "scalarMinus") }
    /// `x · c` for a number `c`.
    @inlinable public static var multiplyScalar: DifferentiableOp { DifferentiableOp(rawValue: "multiplyScalar") }
    /// `−x`.
    @inlinable public static var negate: DifferentiableOp { DifferentiableOp(rawValue: "negate") }
    /// `1 / x`.
    @inlinable public static var reciprocal: DifferentiableOp { DifferentiableOp(rawValue: "reciprocal") }
    /// The elementwise larger of two variables.
    @inlinable public static var maximum: DifferentiableOp { DifferentiableOp(rawValue: "maximum") }
    /// The elementwise smaller of two variables.
    @inlinable public static var minimum: DifferentiableOp { DifferentiableOp(rawValue: "minimum") }
    /// `a ^ b`, both variables.
    @inlinable public static var power: DifferentiableOp { DifferentiableOp(rawValue: "power") }
    /// `x ^ p` for a number `p`.
    @inlinable public static var powerScalar: DifferentiableOp { DifferentiableOp(rawValue: "powerScalar") }
    /// Elementwise selection by a condition.
    @inlinable public static var `where`: DifferentiableOp { DifferentiableOp(rawValue: "where") }
    /// Arithmetic (broadcasting) and selection: the ops of this file, for ``allCases``.
    static var arithmetic: [DifferentiableOp] {
        [.add, .subtract, .multiply, .divide, .addScalar, .scalarMinus, .multiplyScalar, .negate, .reciprocal, .maximum, .minimum, .power, .powerScalar, .`where`]
    }
}
