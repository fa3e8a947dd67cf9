import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers

/// Lecture 002: a linear model cannot learn XOR; a small ReLU network can.
///
/// 1. Least squares on [1, x1, x2] (LAPACK) gives α = 1/2, β = (0, 0): it predicts ½ everywhere.
/// 2. The lecture's hand solution, h = relu(X·W + c), y = h·w + b with W = [[1, 1], [1, 1]],
///    c = [0, −1], w = [1, −2], b = 0, gives exactly (0, 1, 1, 0).
/// 3. A 2-8-1 network (ReLU, then sigmoid) trained from a seeded random start with binary
///    cross-entropy and Adam gets all four right.
public enum XORLesson: Lesson {
    public static let name = "xor"
    public static let lectures = ["002"]
    public static let summary = "a linear model cannot do XOR; a ReLU network can"

    static let inputs = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]], dtype: .float64)
    static let targets = Tensor([[0], [1], [1], [0]], dtype: .float64)

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        // 1. The best linear fit.
        let design = Tensor.concatenate([Tensor.ones([4, 1], dtype: .float64), inputs], axis: 1)
        let fit = try Tensor.leastSquares(design, targets.reshaped([4])).solution.doubles
        let linear = design.matmul(Tensor(fit, shape: [3], dtype: .float64)).doubles

        // 2. The lecture's hand-built network.
        let w1 = Tensor([[1, 1], [1, 1]], dtype: .float64), c = Tensor([0, -1], dtype: .float64)
        let w2 = Tensor([[1], [-2]], dtype: .float64)
        let hand = ((inputs.matmul(w1) + c).relu().matmul(w2) + 0).doubles

        // 3. A trained network.
        let model = try Sequential([Dense(units: 8, activation: .relu, kernelInitializer: .heUniform),
                                    Dense(units: 1, activation: .sigmoid)],
                                   inputShape: [2], seed: options.seed)
        let x = Variable(inputs.converted(to: .float32))
        let y = targets.converted(to: .float32)
        let loss = BinaryCrossentropy()
        let adam = Adam(learningRate: 0.05)
        let parameters = model.namedParameters()
        let steps = options.epochs ?? 500
        var finalLoss = 0.0
        for _ in 0..<steps {
            let value = loss(model(x), y)
            try value.backward()
            adam.step(parameters)
            adam.zeroGrad(parameters)
            finalLoss = value.value.item
        }
        let trained = withNoGrad { model(x).value.doubles }
        let correct = zip(trained, targets.doubles).filter { ($0 > 0.5 ? 1.0 : 0.0) == $1 }.count
        let accuracy = Double(correct) / 4

        func list(_ v: [Double]) -> String { "(" + v.map { format($0, 3) }.joined(separator: ", ") + ")" }
        let text = """
        XOR (lecture 002)

        inputs (0,0) (0,1) (1,0) (1,1), targets (0, 1, 1, 0)

        1. Linear model ŷ = α + β·x by least squares (LAPACK gelsd):
           α = \(format(fit[0], 6)), β = (\(format(fit[1], 6)), \(format(fit[2], 6)))
           predictions \(list(linear)): ½ everywhere, no better than guessing.

        2. The lecture's network: h = relu(x·W + c), ŷ = h·w + b
           W = [[1, 1], [1, 1]], c = [0, −1], w = [1, −2], b = 0
           predictions \(list(hand)): exactly XOR.

        3. A 2-8-1 network (ReLU, sigmoid) trained from random weights (seed \(options.seed)),
           binary cross-entropy, Adam (η = 0.05), \(steps) steps: final loss \(format(finalLoss, 5))
           predictions \(list(trained)), accuracy \(format(accuracy, 2))
        """
        return try LessonReport(text: text + drawPictures(model: model, options: options), figures: [
            "linear_alpha": .number(fit[0]), "linear_beta": .numbers([fit[1], fit[2]]),
            "linear_predictions": .numbers(linear), "hand_predictions": .numbers(hand),
            "trained_predictions": .numbers(trained), "trained_accuracy": .number(accuracy),
            "final_loss": .number(finalLoss), "seed": .number(Double(options.seed)), "steps": .number(Double(steps)),
        ])
    }
}
