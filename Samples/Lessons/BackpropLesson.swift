import NeuronaAutograd
import NeuronaCore
import NeuronaLab

/// Lecture 000: one backward pass through a 2-2-1 sigmoid network, by hand and by autograd.
///
/// Alice's inputs x = (-2, -1), y_true = 1; all six weights 1, all biases 0; squared error
/// L = (y_true − y_pred)². The chain rule written out gives
/// ∂L/∂w1 = ∂L/∂y_pred · ∂y_pred/∂h1 · ∂h1/∂w1 = -0.952 · 0.249 · -0.0904 ≈ 0.0214695, and
/// autograd's backward() gives the same number.
public enum BackpropLesson: Lesson {
    public static let name = "backprop"
    public static let lectures = ["000"]
    public static let summary = "one backward pass by hand versus autograd (the Alice example)"

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + (-x).exp) }
    static func sigmoidDerivative(_ x: Double) -> Double { sigmoid(x) * (1 - sigmoid(x)) }

    /// Alice's inputs and label.
    static let alice = (x1: -2.0, x2: -1.0, yTrue: 1.0)
    /// Every weight's and every bias's starting value.
    static let weight = 1.0, bias = 0.0

    /// The 2-2-1 network on autograd at Alice's numbers (all weights 1, biases 0, x = (-2, -1),
    /// y_true = 1): its loss, its hidden weights, and names for the graph's variables.
    static func autogradNetwork() -> (loss: Variable, hiddenWeights: Variable, names: [ObjectIdentifier: String]) {
        func parameter(_ v: [Double], _ shape: [Int]) -> Variable {
            Variable(Tensor(v, shape: shape, dtype: .float64), requiresGrad: true)
        }
        let hiddenWeights = parameter([weight, weight, weight, weight], [2, 2])   // column j feeds h_(j+1): (w1 w3; w2 w4)
        let hiddenBias = parameter([bias, bias], [2])
        let outputWeights = parameter([weight, weight], [2, 1])
        let outputBias = parameter([bias], [1])
        let input = Variable(Tensor([alice.x1, alice.x2], shape: [1, 2], dtype: .float64))
        let hidden = (input.matmul(hiddenWeights) + hiddenBias).sigmoid()
        let prediction = (hidden.matmul(outputWeights) + outputBias).sigmoid()
        let loss = (prediction - Variable(Tensor([[alice.yTrue]], dtype: .float64))).squared().sum()
        let names = ComputationGraphPicture.names([
            (input, "x = (x1, x2)"), (hiddenWeights, "hidden weights (w1 w3; w2 w4)"), (hiddenBias, "hidden biases"),
            (hidden, "h = σ(x·W + b)"), (outputWeights, "output weights (w5, w6)"), (outputBias, "output bias"),
            (prediction, "y_pred = o1"), (loss, "L = (y_true − y_pred)²")])
        return (loss, hiddenWeights, names)
    }

    static func picture(_ network: (loss: Variable, hiddenWeights: Variable, names: [ObjectIdentifier: String]),
                        in language: Language = .en) throws -> ComputationGraphPicture {
        try ComputationGraphPicture(of: network.loss, names: network.names,
                                    title: language.words("The Alice example: L = (1 − o1)², every weight 1, x = (-2, -1)",
                                                               "El ejemplo de Alice: L = (1 − o1)², todos los pesos 1, x = (-2, -1)"))
    }

    /// The lecture's figure: the graph autograd records for the Alice example, with every value and gradient.
    public static func pictures() throws -> [ComputationGraphPicture] { [try picture(autogradNetwork())] }

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let (x1, x2, yTrue) = (alice.x1, alice.x2, alice.yTrue)
        let (w1, w2, w3, w4, w5, w6) = (weight, weight, weight, weight, weight, weight)
        let (b1, b2, b3) = (bias, bias, bias)

        // Forward, by hand.
        let sumH1 = w1 * x1 + w2 * x2 + b1
        let h1 = sigmoid(sumH1)
        let sumH2 = w3 * x1 + w4 * x2 + b2
        let h2 = sigmoid(sumH2)
        let sumO1 = w5 * h1 + w6 * h2 + b3
        let o1 = sigmoid(sumO1)

        // Backward, by the chain rule.
        let dLdYpred = -2 * (yTrue - o1)
        let dYpreddH1 = w5 * sigmoidDerivative(sumO1)
        let dH1dW1 = x1 * sigmoidDerivative(sumH1)
        let dLdW1 = dLdYpred * dYpreddH1 * dH1dW1

        // The same network on autograd; its picture is drawn before backward() frees the graph.
        let network = autogradNetwork()
        let paths = try LessonPictures.writeGraphs([try picture(network, in: options.language)], named: "backprop-graph", in: options.outputDirectory)
        try network.loss.backward()
        let autogradDLdW1 = network.hiddenWeights.grad!.value(at: [0, 0])

        let figures: [String: JSONValue] = [
            "pictures": .array(paths.map { .string($0) }),
            "h1": .number(h1), "h2": .number(h2), "o1": .number(o1),
            "dL_dypred": .number(dLdYpred), "dypred_dh1": .number(dYpreddH1), "dh1_dw1": .number(dH1dW1),
            "dL_dw1": .number(dLdW1), "autograd_dL_dw1": .number(autogradDLdW1),
            "difference": .number(Swift.abs(dLdW1 - autogradDLdW1)),
            "sum_h1": .number(sumH1), "sum_h2": .number(sumH2), "sum_o1": .number(sumO1),
        ]
        let text = """
        Backpropagation, the Alice example (lecture 000)

        Network 2-2-1, sigmoid everywhere, all weights 1, biases 0; Alice: x = (-2, -1), y_true = 1.
        Loss L = (y_true − y_pred)².

        Forward:
          h1 = f(w1·x1 + w2·x2 + b1) = f(\(format(sumH1))) = \(format(h1))
          h2 = f(w3·x1 + w4·x2 + b2) = f(\(format(sumH2))) = \(format(h2))
          o1 = f(w5·h1 + w6·h2 + b3) = f(\(format(sumO1))) = \(format(o1))

        Backward (chain rule, written out):
          ∂L/∂y_pred   = -2·(1 − y_pred)          = \(format(dLdYpred))
          ∂y_pred/∂h1  = w5·f'(w5·h1 + w6·h2 + b3) = \(format(dYpreddH1))
          ∂h1/∂w1      = x1·f'(w1·x1 + w2·x2 + b1) = \(format(dH1dW1))
          ∂L/∂w1       = \(format(dLdYpred, 3)) · \(format(dYpreddH1, 3)) · \(format(dH1dW1, 4)) = \(format(dLdW1, 7))

        Autograd (the same network as tensors, loss.backward()):
          ∂L/∂w1       = \(format(autogradDLdW1, 7))   (difference \(Swift.abs(dLdW1 - autogradDLdW1)))

        The graph autograd recorded, with every value and gradient (SVG; also in the lab, `swift run -c release neurona-lab`):
        \(paths.map { "  " + $0 }.joined(separator: "\n"))
        """
        return LessonReport(text: text, figures: figures)
    }
}

private extension Double {
    var exp: Double { Foundation.exp(self) }
}

import Foundation
