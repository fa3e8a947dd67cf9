import Foundation
import NeuronaCore

/// Adam's running state between steps: the averages `v` (of g) and `s` (of g ∘ g), and the
/// number of steps taken.
public struct AdamState {
    /// `v`, the moving average of the gradients.
    public var v: Tensor
    /// `s`, the moving average of the squared gradients.
    public var s: Tensor
    /// `t`, the steps taken so far (0 before the first).
    public var t: Int

    /// A state.
    /// - Parameters:
    ///   - v: The average of the gradients.
    ///   - s: The average of the squared gradients.
    ///   - t: The steps taken.
    public init(v: Tensor, s: Tensor, t: Int) {
        self.v = v
        self.s = s
        self.t = t
    }

    /// The state before the first step: zeros shaped like `parameters`.
    /// - Parameter parameters: The parameters it will update.
    public init(zerosLike parameters: Tensor) {
        self.init(v: Tensor.zeros(like: parameters), s: Tensor.zeros(like: parameters), t: 0)
    }
}

/// Activity 5 (lecture 001, "Terminar el notebook 1.5_RegresionLineal_NAG-ADAM"): the Nesterov
/// (NAG) and Adam updates, as the lecture writes them, on linear regression. The checker then
/// fits lecture 004's house prices with each.
///
/// The parameters are one column `θ = [w; b]`, `[n + 1, 1]`; the gradient of the cost comes as a
/// function, because NAG evaluates it at a look-ahead point.
public protocol NesterovAdamExercise {
    /// The exercise, ready to be checked.
    init()
    /// One NAG step: `x̃ = x − α·p`, `g = ∇J(x̃)`, `p ← g + η·p`, `x ← x − α·p`.
    /// - Parameters:
    ///   - parameters: `xᵗ`.
    ///   - velocity: `pᵗ⁻¹` (zeros before the first step).
    ///   - learningRate: `α`.
    ///   - momentum: `η`.
    ///   - gradient: `∇J`, at any point.
    /// - Returns: `(xᵗ⁺¹, pᵗ)`.
    func nesterovStep(parameters: Tensor, velocity: Tensor, learningRate: Double, momentum: Double,
                      gradient: (Tensor) -> Tensor) throws -> (parameters: Tensor, velocity: Tensor)
    /// One Adam step: `v ← η_v·v + (1 − η_v)·g`, `s ← η_s·s + (1 − η_s)·g∘g`, `t ← t + 1`,
    /// `v̂ = v/(1 − η_vᵗ)`, `ŝ = s/(1 − η_sᵗ)`, `x ← x − α/(ε + √ŝ)·v̂`.
    /// - Parameters:
    ///   - parameters: `xᵗ`.
    ///   - gradient: `gᵗ = ∇J(xᵗ)`.
    ///   - state: `v`, `s` and `t` before the step.
    ///   - learningRate: `α`.
    ///   - decayV: `η_v` (0.9 in the lecture).
    ///   - decayS: `η_s` (0.999 in the lecture).
    ///   - epsilon: `ε`.
    /// - Returns: `xᵗ⁺¹` and the state after the step.
    func adamStep(parameters: Tensor, gradient: Tensor, state: AdamState, learningRate: Double,
                  decayV: Double, decayS: Double, epsilon: Double) throws -> (parameters: Tensor, state: AdamState)
}

/// The checker of activity 5.
public enum NesterovAdamActivity {
    /// The activity as lecture 001 states it.
    public static let info = ActivityInfo(
        number: 5, name: "nesterov-adam", lecture: "001",
        title: .init(en: "Finish the notebook 1.5_RegresionLineal_NAG-ADAM", es: "Terminar el notebook 1.5_RegresionLineal_NAG-ADAM"),
        task: .init(en: "The Nesterov (NAG) and Adam updates, as the lecture writes them, for linear regression.",
                    es: "Las actualizaciones de Nesterov (NAG) y Adam, como las escribe la lectura, para la regresión lineal."),
        exerciseFile: "Activity05-NesterovAdam.swift", lectureArticle: "Optimizers")

    /// The lecture's NAG step, for the expected values and the typical mistakes' values.
    static func nesterov(_ x: Tensor, _ p: Tensor, _ alpha: Double, _ eta: Double, _ gradient: (Tensor) -> Tensor,
                         lookAhead: Bool = true, withMomentum: Bool = true) -> (Tensor, Tensor) {
        let g = gradient(lookAhead ? x - p * alpha : x)
        let velocity = withMomentum ? g + p * eta : g
        return (x - velocity * alpha, velocity)
    }

    /// The lecture's Adam step, with switches for the typical mistakes.
    static func adam(_ x: Tensor, _ g: Tensor, _ state: AdamState, _ alpha: Double, _ etaV: Double, _ etaS: Double, _ epsilon: Double,
                     correct: Bool = true, squareRoot: Bool = true, swapped: Bool = false) -> Tensor {
        let (keepV, keepS) = swapped ? (1 - etaV, 1 - etaS) : (etaV, etaS)
        let v = state.v * keepV + g * (1 - keepV), s = state.s * keepS + g.squared() * (1 - keepS)
        let t = Double(state.t + 1)
        let vHat = correct ? v / (1 - Foundation.pow(etaV, t)) : v
        let sHat = correct ? s / (1 - Foundation.pow(etaS, t)) : s
        return x - vHat * alpha / ((squareRoot ? sHat.sqrt() : sHat) + epsilon)
    }

    /// Checks an exercise.
    /// - Parameter exercise: The student's type (or a reference or a mistake, in the tests).
    public static func check<Exercise: NesterovAdamExercise>(_ exercise: Exercise.Type) -> CheckReport {
        let student = Exercise()
        var session = CheckSession()
        // J(x) = ½‖A·x − y‖²/m on a small problem: its gradient changes from point to point, so
        // the look-ahead point matters.
        let design = Tensor.rows([[1, 1], [2, 1], [3, 1], [4, 1]]), targets = Tensor.column([2, 3, 5, 4])
        let gradient = { (x: Tensor) -> Tensor in design.T.matmul(design.matmul(x) - targets) / 4 }
        let x = Tensor.column([0.5, 0.25]), p = Tensor.column([-0.8, 0.3])
        session.check("nesterovStep(parameters:velocity:learningRate:momentum:gradient:)", reread: info.section("Nesterov Accelerated Gradient (NAG)"),
                      passed: .init(en: "x̃ = x − α·p, p ← ∇J(x̃) + η·p, x ← x − α·p", es: "x̃ = x − α·p, p ← ∇J(x̃) + η·p, x ← x − α·p")) { f in
            let (alpha, eta) = (0.1, 0.9)
            let got = try f.call { try student.nesterovStep(parameters: x, velocity: p, learningRate: alpha, momentum: eta, gradient: gradient) }
            let right = nesterov(x, p, alpha, eta, gradient)
            let plainMomentum = nesterov(x, p, alpha, eta, gradient, lookAhead: false)
            let noMomentum = nesterov(x, p, alpha, eta, gradient, withMomentum: false)
            let uphill = nesterov(x, p * -1, alpha, eta, gradient)
            let context = LocalizedText(en: "for x = [0.5, 0.25], p = [−0.8, 0.3], α = 0.1, η = 0.9 on a 4-example regression",
                                        es: "para x = [0.5, 0.25], p = [−0.8, 0.3], α = 0.1, η = 0.9 en una regresión de 4 ejemplos")
            try f.expect(got.velocity, equals: right.1, quantity: .init(en: "the new velocity pᵗ", es: "la nueva velocidad pᵗ"), context: context,
                         mistakes: [(.gradientAtWrongPoint, plainMomentum.1), (.momentumMissing, noMomentum.1), (.signFlipped, uphill.1)])
            try f.expect(got.parameters, equals: right.0, quantity: .init(en: "the new parameters xᵗ⁺¹", es: "los nuevos parámetros xᵗ⁺¹"),
                         context: context, mistakes: [(.signFlipped, x + right.1 * alpha), (.learningRateTwice, x - right.1 * (alpha * alpha))])
        }
        session.check("adamStep(parameters:gradient:state:learningRate:decayV:decayS:epsilon:)", reread: info.section("Adaptive Moment Estimation (ADAM)"),
                      passed: .init(en: "v, s, their bias corrections v̂, ŝ and x ← x − α/(ε + √ŝ)·v̂, right on steps 1 and 3",
                                    es: "v, s, sus correcciones de sesgo v̂, ŝ y x ← x − α/(ε + √ŝ)·v̂, correctos en los pasos 1 y 3")) { f in
            let g = Tensor.column([0.3, 2.0])
            for state in [AdamState(zerosLike: x), AdamState(v: .column([0.1, 0.4]), s: .column([0.02, 0.5]), t: 2)] {
                let (alpha, etaV, etaS, epsilon) = (0.01, 0.9, 0.999, 1e-8)
                let got = try f.call { try student.adamStep(parameters: x, gradient: g, state: state, learningRate: alpha,
                                                            decayV: etaV, decayS: etaS, epsilon: epsilon) }
                let context = LocalizedText(en: "at step t = \(state.t + 1) for x = [0.5, 0.25], g = [0.3, 2], α = 0.01",
                                            es: "en el paso t = \(state.t + 1) para x = [0.5, 0.25], g = [0.3, 2], α = 0.01")
                try f.require(got.state.t == state.t + 1, .init(en: "the step count t must grow by one each step: expected \(state.t + 1), got \(got.state.t)",
                                                                es: "el contador de pasos t debe crecer en uno cada paso: se esperaba \(state.t + 1), se obtuvo \(got.state.t)"))
                func variant(correct: Bool = true, squareRoot: Bool = true, swapped: Bool = false) -> Tensor {
                    adam(x, g, state, alpha, etaV, etaS, epsilon, correct: correct, squareRoot: squareRoot, swapped: swapped)
                }
                let right = variant()
                try f.expect(got.parameters, equals: right, quantity: .init(en: "the new parameters xᵗ⁺¹", es: "los nuevos parámetros xᵗ⁺¹"),
                             context: context, mistakes: [(.biasCorrectionMissing, variant(correct: false)), (.squareRootMissing, variant(squareRoot: false)),
                                                          (.decaySwapped, variant(swapped: true)), (.signFlipped, x * 2 - right)])
            }
        }
        var report = CheckReport(activity: info, findings: session.findings)
        guard session.allRight else { return report }
        do {
            let houses = try HousePrices()
            let design = Tensor.concatenate([houses.inputs, Tensor.ones([7, 1], dtype: .float64)], axis: 1)
            let houseGradient = { (x: Tensor) -> Tensor in design.T.matmul(design.matmul(x) - houses.targets) / 7 }
            var (nag, velocity) = (Tensor.zeros([2, 1], dtype: .float64), Tensor.zeros([2, 1], dtype: .float64))
            for _ in 0..<300 {
                (nag, velocity) = try student.nesterovStep(parameters: nag, velocity: velocity, learningRate: 0.1, momentum: 0.9, gradient: houseGradient)
            }
            var adamX = Tensor.zeros([2, 1], dtype: .float64), state = AdamState(zerosLike: adamX)
            for step in 0..<3000 {
                // A learning rate that shrinks lets Adam settle instead of hovering around the minimum.
                (adamX, state) = try student.adamStep(parameters: adamX, gradient: houseGradient(adamX), state: state,
                                                      learningRate: 0.1 / Foundation.sqrt(Double(step + 1)), decayV: 0.9, decayS: 0.999, epsilon: 1e-8)
            }
            let nagLine = houses.line(weight: nag.doubles[0], bias: nag.doubles[1])
            let adamLine = houses.line(weight: adamX.doubles[0], bias: adamX.doubles[1])
            report.record(line: nagLine, houses: houses, cost: nil,
                          how: .init(en: "300 steps of your NAG (α = 0.1, η = 0.9)", es: "300 pasos de tu NAG (α = 0.1, η = 0.9)"))
            report.record(line: adamLine, houses: houses, cost: nil,
                          how: .init(en: "3000 steps of your Adam (α = 0.1/√t)", es: "3000 pasos de tu Adam (α = 0.1/√t)"), tolerance: .adam)
        } catch {
            report.figureProblem = Finding(.wrong, function: "figure", message: .init(
                en: "fitting the house prices failed: \(error)", es: "el ajuste de los precios de casas falló: \(error)"))
        }
        return report
    }
}
