import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// Lectures 002 and 004: every activation and its derivative. Autograd's derivative is compared
/// with the closed form on a grid: σ' = σ(1 − σ), tanh' = 1 − tanh², softplus' = σ, and so on;
/// for softmax, the Jacobian's diagonal s(1 − s).
public enum ActivationsLesson: Lesson {
    public static let name = "activations"
    public static let lectures = ["002", "004"]
    public static let summary = "ReLU, sigmoid, tanh, LeakyReLU, softplus, hard tanh, cos, RBF, softmax and their derivatives"

    /// Each activation's closed-form derivative.
    static let derivatives: [(String, (Double) -> Double)] = [
        ("relu", { $0 > 0 ? 1 : 0 }),
        ("sigmoid", { let s = 1 / (1 + exp(-$0)); return s * (1 - s) }),
        ("tanh", { 1 - tanh($0) * tanh($0) }),
        ("leaky_relu", { $0 > 0 ? 1 : 0.2 }),
        ("softplus", { 1 / (1 + exp(-$0)) }),
        ("hard_tanh", { abs($0) < 1 ? 1 : 0 }),
        ("cos", { -sin($0) }),
        ("rbf", { -2 * $0 * exp(-$0 * $0) }),
        ("elu", { $0 > 0 ? 1 : exp($0) }),
        ("gelu", { x in 0.5 * (1 + erf(x / 2.0.squareRoot())) + x * exp(-x * x / 2) / (2 * Double.pi).squareRoot() }),
        ("swish", { x in let s = 1 / (1 + exp(-x)); return s + x * s * (1 - s) }),
    ]

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        // A grid that steps over the kinks at 0 and ±1.
        let grid = Tensor.linspace(-4, 4, count: 161, dtype: .float64) + 0.0123
        var errors: [String: JSONValue] = [:], probes: [String: JSONValue] = [:]
        var worst = 0.0
        var text = "Activation functions and their derivatives (lectures 002, 004)\n\n"
        text += "  name         f(-1)      f(0.5)     f'(0.5)    max |autograd − closed form| on [-4, 4]\n"
        for (name, closedForm) in derivatives {
            let activation = try ActivationFunction(name)
            let x = Variable(grid, requiresGrad: true)
            let y = activation(x)
            try y.sum().backward()
            let autograd = x.grad!.doubles
            let error = zip(autograd, grid.doubles.map(closedForm)).map { abs($0 - $1) }.max()!
            worst = Swift.max(worst, error)
            errors[name] = .number(error)
            let probe = Variable(Tensor([-1, 0.5], dtype: .float64), requiresGrad: true)
            let fp = activation(probe)
            try fp.sum().backward()
            probes[name] = .numbers([fp.value.doubles[0], fp.value.doubles[1], probe.grad!.doubles[1]])
            text += "  \(name.padding(toLength: 11, withPad: " ", startingAt: 0))  \(format(fp.value.doubles[0], 5).padding(toLength: 9, withPad: " ", startingAt: 0))  \(format(fp.value.doubles[1], 5).padding(toLength: 9, withPad: " ", startingAt: 0))  \(format(probe.grad!.doubles[1], 5).padding(toLength: 9, withPad: " ", startingAt: 0))  \(error)\n"
        }
        // Softmax: ∂s_i/∂x_i = s_i(1 − s_i), one row at a time.
        let row = Tensor([1, 2, 0.5, -1], dtype: .float64)
        var softmaxError = 0.0
        for i in 0..<4 {
            let x = Variable(row, requiresGrad: true)
            let s = x.softmax()
            try s[i].backward()
            let si = s.value.doubles[i]
            softmaxError = Swift.max(softmaxError, abs(x.grad!.doubles[i] - si * (1 - si)))
        }
        errors["softmax"] = .number(softmaxError)
        worst = Swift.max(worst, softmaxError)
        text += "  softmax      ∂s_i/∂x_i against s_i(1 − s_i) on x = [1, 2, 0.5, −1]: \(softmaxError)\n"
        text += try "\nlargest difference: \(worst)" + drawPictures(options: options)
        return LessonReport(text: text, figures: ["max_derivative_error": .number(worst), "errors": .object(errors),
                                                  "probes": .object(probes)])
    }
}
