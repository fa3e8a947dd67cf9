import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// Lecture 000: one neuron. `y = σ(w·x + b)` with w = [0, 1], b = 4, x = [2, 3]:
/// σ(0·2 + 1·3 + 4) = σ(7) ≈ 0.99909 (the lecture rounds to 0.999).
public enum NeuronLesson: Lesson {
    public static let name = "neuron"
    public static let lectures = ["000"]
    public static let summary = "one neuron: weighted sum, bias, sigmoid"

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let neuron = Dense(units: 1, activation: .sigmoid)
        try neuron.build(inputShape: [2], seed: options.seed)
        try neuron.loadWeights(["weight": Tensor([[0], [1]], dtype: .float64), "bias": Tensor([4], dtype: .float64)])
        let x = Variable(Tensor([[2, 3]], dtype: .float64))
        let output = neuron(x).value.item
        let text = """
        One neuron (lecture 000)

          inputs  x = [2, 3]
          weights w = [0, 1], bias b = 4
          w·x + b = 0·2 + 1·3 + 4 = 7
          y = σ(7) = 1 / (1 + e⁻⁷) = \(format(output, 5))
        """
        return LessonReport(text: text, figures: ["output": .number(output)])
    }
}
