import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers

/// Lectures 001 and 004: the same regression problem trained by nine optimizers for the same
/// number of steps, with their loss curves written as CSV and as an SVG picture.
///
/// The problem: y = 3·x1 − 2·x2 + 0.5·x3 + 1 + noise (σ = 0.1) on 256 points, one linear neuron,
/// mean squared error. Batch GD uses all points per step, SGD one, the others mini-batches of 16.
public enum OptimizersLesson: Lesson {
    public static let name = "optimizers"
    public static let lectures = ["001", "004"]
    public static let summary = "batch GD, SGD, mini-batch, momentum, Nesterov, Adagrad, Adadelta, RMSProp, Adam on one problem"

    /// Each contender: a name, its optimizer and its batch size.
    static func contenders() -> [(String, any Optimizer, Int)] {
        [("batch_gd", SGD(learningRate: 0.1), 256),
         ("sgd", SGD(learningRate: 0.01), 1),
         ("minibatch_gd", SGD(learningRate: 0.05), 16),
         ("momentum", SGD(learningRate: 0.01, momentum: 0.9), 16),
         ("nesterov", SGD(learningRate: 0.01, momentum: 0.9, nesterov: true), 16),
         ("adagrad", Adagrad(learningRate: 0.5), 16),
         ("adadelta", Adadelta(learningRate: 1, epsilon: 1e-4), 16),
         ("rmsprop", RMSProp(learningRate: 0.02), 16),
         ("adam", Adam(learningRate: 0.05), 16)]
    }

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        var generator = RandomGenerator(seed: options.seed)
        let n = 256
        let x = Tensor.normal([n, 3], using: &generator)
        let trueWeights = Tensor([[3], [-2], [0.5]])
        let y = x.matmul(trueWeights) + 1 + Tensor.normal([n, 1], standardDeviation: 0.1, using: &generator)
        let steps = options.epochs ?? 200
        let loss = MeanSquaredError()

        var curves: [String: [Double]] = [:]
        var finals: [String: JSONValue] = [:]
        var order: [String] = []
        for (name, optimizer, batch) in contenders() {
            let neuron = Dense(units: 1)
            try neuron.build(inputShape: [3], seed: options.seed)
            let parameters = neuron.namedParameters()
            var sampler = RandomGenerator(seed: options.seed &+ 1)
            var curve: [Double] = []
            for _ in 0..<steps {
                curve.append(withNoGrad { loss(neuron(Variable(x)), y).value.item })
                let rows = batch == n ? Tensor.arange(n, dtype: .int64)
                    : Tensor((0..<batch).map { _ in Int64(sampler.nextInt(below: n)) }, shape: [batch])
                let value = loss(neuron(Variable(x.indexSelect(rows))), y.indexSelect(rows))
                try value.backward()
                optimizer.step(parameters)
                optimizer.zeroGrad(parameters)
            }
            let final = withNoGrad { loss(neuron(Variable(x)), y).value.item }
            curve.append(final)
            curves[name] = curve
            finals[name] = .number(final)
            order.append(name)
        }

        var csv = "step," + order.joined(separator: ",") + "\n"
        for step in 0...steps {
            csv += "\(step)," + order.map { String(curves[$0]![step]) }.joined(separator: ",") + "\n"
        }
        let csvPath = try writeOutput(csv, to: options.outputDirectory, name: "optimizers.csv")
        var plot = LinePlot(title: options.language.words("Loss curves: one regression problem, nine optimizers",
                                                          "Curvas de pérdida: un problema de regresión, nueve optimizadores"),
                            xLabel: options.language.words("step", "paso"), yLabel: "MSE", logY: true,
                            labels: options.language.pictureLabels)
        for name in order {
            plot.series.append(.init(name: name, x: (0...steps).map(Double.init), y: curves[name]!))
        }
        let svgPath = try plot.write(to: options.outputDirectory, name: "optimizers.svg")

        var text = "Optimizers on one regression problem (lectures 001, 004)\n\n"
        text += "y = 3·x1 − 2·x2 + 0.5·x3 + 1 + noise, 256 points, one linear neuron, MSE, \(steps) steps each.\n"
        text += "The noise floor (the best any optimizer can do) is about 0.01.\n"
        text += "Adadelta's first steps are √ε/√E[g²]·g, so ε = 1e-4 here lets it warm up within the budget;\n"
        text += "RMSProp's steps stay near lr in size whatever the gradient, so it hovers around the minimum.\n\n"
        for name in order {
            let (_, optimizer, batch) = contenders().first { $0.0 == name }!
            text += "  \(name.padding(toLength: 13, withPad: " ", startingAt: 0)) lr \(format(optimizer.learningRate, 3).padding(toLength: 5, withPad: " ", startingAt: 0)) batch \(String(batch).padding(toLength: 4, withPad: " ", startingAt: 0)) final loss \(format(curves[name]!.last!, 5))\n"
        }
        text += "\nLoss curves: \(csvPath) and \(svgPath)"
        return LessonReport(text: text, figures: ["final_loss": .object(finals), "steps": .number(Double(steps)),
                                                  "csv": .string(csvPath), "svg": .string(svgPath)])
    }
}
