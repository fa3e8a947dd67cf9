import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers

/// Lecture 000: training the 2-2-1 sigmoid network with stochastic gradient descent to tell
/// gender from weight and height.
///
/// The data are the lecture's, shifted by 61 kg and 167 cm: Alice (-1, -2) F, Bob (12, 16) M,
/// Charlie (8, 11) M, Diana (-7, -15) F, with F = 1 and M = 0. As in the lecture: mean squared
/// error, one sample per update, learning rate 0.1, 1000 epochs. Then two people the network has
/// not seen: Emily, 52 kg and 155 cm (-9, -12), and Frank, 80 kg and 185 cm (19, 18).
public enum GenderLesson: Lesson {
    public static let name = "gender"
    public static let lectures = ["000"]
    public static let summary = "train the 2-2-1 network with SGD on Alice, Bob, Charlie and Diana"

    public static let people: [(name: String, x: [Double], female: Double)] = [
        ("Alice", [-1, -2], 1), ("Bob", [12, 16], 0), ("Charlie", [8, 11], 0), ("Diana", [-7, -15], 1),
    ]
    public static let newPeople: [(name: String, x: [Double])] = [("Emily", [-9, -12]), ("Frank", [19, 18])]

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let model = try Sequential([Dense(units: 2, activation: .sigmoid, kernelInitializer: .randomNormal(mean: 0, standardDeviation: 1),
                                          biasInitializer: .randomNormal(mean: 0, standardDeviation: 1)),
                                    Dense(units: 1, activation: .sigmoid, kernelInitializer: .randomNormal(mean: 0, standardDeviation: 1),
                                          biasInitializer: .randomNormal(mean: 0, standardDeviation: 1))],
                                   inputShape: [2], seed: options.seed)
        model.convertParameters(to: .float64)
        let inputs = Tensor(people.flatMap(\.x), shape: [4, 2], dtype: .float64)
        let targets = Tensor(people.map(\.female), shape: [4, 1], dtype: .float64)
        let loss = MeanSquaredError()
        let sgd = SGD(learningRate: 0.1)
        let parameters = model.namedParameters()
        func datasetLoss() -> Double { withNoGrad { loss(model(Variable(inputs)), targets).value.item } }

        let initialLoss = datasetLoss()
        var curve: [Double] = []
        let epochs = options.epochs ?? 1000
        for epoch in 0..<epochs {
            for i in 0..<people.count {
                let x = Variable(inputs[i ..< i + 1])
                let value = loss(model(x), targets[i ..< i + 1])
                try value.backward()
                sgd.step(parameters)
                sgd.zeroGrad(parameters)
            }
            if epoch % 10 == 0 { curve.append(datasetLoss()) }
        }
        let finalLoss = datasetLoss()
        let newInputs = Tensor(newPeople.flatMap(\.x), shape: [2, 2], dtype: .float64)
        let predictions = withNoGrad { model(Variable(newInputs)).value.doubles }
        let trained = withNoGrad { model(Variable(inputs)).value.doubles }

        var text = """
        Training a network to tell gender (lecture 000)

        Data (weight − 61 kg, height − 167 cm; F = 1, M = 0), MSE, SGD one sample at a time, η = 0.1, \(counted(epochs, "epoch")).
        loss before training: \(format(initialLoss, 4))
        loss after training:  \(format(finalLoss, 6))

        """
        for (person, p) in zip(people, trained) {
            text += "  \(person.name.padding(toLength: 8, withPad: " ", startingAt: 0)) \(person.x)  true \(Int(person.female))  predicted \(format(p, 3))\n"
        }
        text += "\nNew people:\n"
        for (person, p) in zip(newPeople, predictions) {
            text += "  \(person.name.padding(toLength: 8, withPad: " ", startingAt: 0)) \(person.x)  predicted \(format(p, 3)) → \(p > 0.5 ? "F" : "M")\n"
        }
        return LessonReport(text: text, figures: [
            "initial_loss": .number(initialLoss), "final_loss": .number(finalLoss),
            "predictions": .object([newPeople[0].name: .number(predictions[0]), newPeople[1].name: .number(predictions[1])]),
            "loss_curve": .numbers(curve), "epochs": .number(Double(epochs)),
            "trained_predictions": .object(Dictionary(uniqueKeysWithValues: zip(people.map(\.name), trained.map { JSONValue.number($0) }))),
        ])
    }
}
