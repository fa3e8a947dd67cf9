import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// Lecture 000: a 2-2-1 network where every neuron has w = [0, 1] and b = 0, sigmoid
/// everywhere. For x = [2, 3]: h1 = h2 = σ(3) ≈ 0.95257, o1 = σ(0·h1 + 1·h2) ≈ 0.72163.
public enum FeedforwardLesson: Lesson {
    public static let name = "feedforward"
    public static let lectures = ["000"]
    public static let summary = "a 2-2-1 network's forward pass"

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let hidden = Dense(units: 2, activation: .sigmoid)
        let output = Dense(units: 1, activation: .sigmoid)
        let network = try Sequential([hidden, output], inputShape: [2], seed: options.seed)
        // Column j of a kernel holds neuron j's weights: both hidden neurons have w = [0, 1].
        try network.loadWeights([
            "layers.0.weight": Tensor([[0, 0], [1, 1]], dtype: .float64), "layers.0.bias": Tensor([0, 0], dtype: .float64),
            "layers.1.weight": Tensor([[0], [1]], dtype: .float64), "layers.1.bias": Tensor([0], dtype: .float64),
        ])
        let x = Variable(Tensor([[2, 3]], dtype: .float64))
        let h = hidden(x).value.doubles
        let o = network(x).value.item
        let text = """
        Feedforward through a 2-2-1 network (lecture 000)

          every neuron: w = [0, 1], b = 0, f = sigmoid;  x = [2, 3]
          h1 = f(w·x + b) = f(0·2 + 1·3 + 0) = f(3) = \(format(h[0], 5))
          h2 = f(3) = \(format(h[1], 5))
          o1 = f(w·[h1, h2] + b) = f(0·h1 + 1·h2 + 0) = f(\(format(h[1], 5))) = \(format(o, 5))

        \(network.summary())
        """
        return LessonReport(text: text, figures: ["h1": .number(h[0]), "h2": .number(h[1]), "o1": .number(o)])
    }
}
