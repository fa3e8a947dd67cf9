import NeuronaAutograd
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaMetrics
import NeuronaLosses
import NeuronaOptimizers
import NeuronaTraining

/// Standardized train/test parts of a bundled table (scaler fitted on the training part only).
func standardizedSplit(_ table: TabularDataset, testFraction: Double, stratify: Bool, seed: UInt64) throws -> TrainTestSplit {
    var split = try trainTestSplit(table.features, table.targets, testFraction: testFraction, stratify: stratify, seed: seed)
    var scaler = StandardScaler()
    split.trainInputs = scaler.fitTransform(split.trainInputs)
    split.testInputs = scaler.transform(split.testInputs)
    return split
}

/// Lecture 001: logistic regression, a sigmoid neuron trained with binary cross-entropy, on the
/// Breast Cancer Wisconsin data (standardized, a fixed seeded stratified split; class 1 is benign).
public enum LogisticRegressionLesson: Lesson {
    public static let name = "logistic-regression"
    public static let lectures = ["001"]
    public static let summary = "a sigmoid neuron with binary cross-entropy on Breast Cancer Wisconsin"

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let table = try BundledDatasets.breastCancer()
        let split = try standardizedSplit(table, testFraction: 0.25, stratify: true, seed: options.seed)
        let neuron = try Sequential([Dense(units: 1, activation: .sigmoid)], inputShape: [30], seed: options.seed)
        let model = Model(neuron, seed: options.seed)
        try model.compile(optimizer: "adam", loss: "binary_crossentropy", metrics: ["accuracy"])
        let yTrain = split.trainTargets.converted(to: .float32).reshaped([-1, 1])
        let yTest = split.testTargets.converted(to: .float32).reshaped([-1, 1])
        let epochs = options.epochs ?? 100
        let history = try model.fit(x: split.trainInputs, y: yTrain, epochs: epochs, batchSize: 16, verbose: .silent)
        let probabilities = try model.predict(split.testInputs)
        let accuracy = Accuracy()(probabilities, yTest)
        let precision = Precision()(probabilities, yTest)
        let recall = Recall()(probabilities, yTest)
        let matrix = ConfusionMatrix(classCount: 2)
        matrix.update(predictions: probabilities, targets: yTest)
        let m = matrix.counts
        let text = """
        Logistic regression on Breast Cancer Wisconsin (lecture 001)

        569 tumours, 30 features, standardized; stratified split: \(split.trainInputs.shape[0]) train, \(split.testInputs.shape[0]) test.
        p(benign) = σ(w·x + b), binary cross-entropy, Adam, \(counted(epochs, "epoch")), batch 16; final training loss \(format(history["loss"].last!, 4))

        test accuracy  \(format(accuracy, 4))
        precision      \(format(precision, 4))   (of the tumours called benign, the fraction that are)
        recall         \(format(recall, 4))   (of the benign tumours, the fraction found)

        confusion matrix (rows: true malignant, benign; columns: predicted)
          \(m[0][0])  \(m[0][1])
          \(m[1][0])  \(m[1][1])
        """
        return try LessonReport(text: text + drawPictures(m, options: options), figures: [
            "test_accuracy": .number(accuracy), "precision": .number(precision), "recall": .number(recall),
            "confusion_matrix": .array(m.map { .numbers($0.map(Double.init)) }),
            "train_count": .number(Double(split.trainInputs.shape[0])), "test_count": .number(Double(split.testInputs.shape[0])),
            "epochs": .number(Double(epochs)), "final_train_loss": .number(history["loss"].last!),
        ])
    }
}

/// Lecture 004: a softmax classifier on Fisher's iris (three species), with accuracy, per-class
/// precision and recall, and the confusion matrix.
public enum IrisLesson: Lesson {
    public static let name = "iris"
    public static let lectures = ["004"]
    public static let summary = "multiclass softmax on iris: accuracy, precision, recall, confusion matrix"

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let table = try BundledDatasets.iris()
        let split = try standardizedSplit(table, testFraction: 0.3, stratify: true, seed: options.seed)
        let network = try Sequential([Dense(units: 3, activation: .softmax)], inputShape: [4], seed: options.seed)
        let model = Model(network, seed: options.seed)
        model.compile(optimizer: Adam(learningRate: 0.01), loss: SparseCategoricalCrossentropy(), metrics: [Accuracy()])
        let epochs = options.epochs ?? 200
        try model.fit(x: split.trainInputs, y: split.trainTargets, epochs: epochs, batchSize: 8, verbose: .silent)
        let probabilities = try model.predict(split.testInputs)
        let accuracy = Accuracy()(probabilities, split.testTargets)
        let precision = Precision(averaging: .macro, classCount: 3)
        precision.update(predictions: probabilities, targets: split.testTargets)
        let recall = Recall(averaging: .macro, classCount: 3)
        recall.update(predictions: probabilities, targets: split.testTargets)
        let matrix = ConfusionMatrix(classCount: 3)
        matrix.update(predictions: probabilities, targets: split.testTargets)
        let perClassPrecision = (0..<3).map(precision.score(forClass:))
        let perClassRecall = (0..<3).map(recall.score(forClass:))
        var text = """
        Iris with a softmax classifier (lecture 004)

        p = softmax(W·x + b) over setosa, versicolor, virginica; standardized features;
        stratified split \(split.trainInputs.shape[0]) / \(split.testInputs.shape[0]); Adam (η = 0.01), sparse categorical cross-entropy, \(counted(epochs, "epoch")).

        test accuracy \(format(accuracy, 4))

        class        precision  recall
        """
        for (i, name) in table.targetNames.enumerated() {
            text += "\n" + name.padding(toLength: 12, withPad: " ", startingAt: 0) + " " + format(perClassPrecision[i], 3).padding(toLength: 10, withPad: " ", startingAt: 0) + " " + format(perClassRecall[i], 3)
        }
        text += "\n\nconfusion matrix (rows true, columns predicted):\n" + matrix.counts.map { "  " + $0.map { String($0).padding(toLength: 3, withPad: " ", startingAt: 0) }.joined() }.joined(separator: "\n")
        return try LessonReport(text: text + drawPictures(matrix.counts, options: options), figures: [
            "test_accuracy": .number(accuracy),
            "confusion_matrix": .array(matrix.counts.map { .numbers($0.map(Double.init)) }),
            "precision": .numbers(perClassPrecision), "recall": .numbers(perClassRecall),
            "train_count": .number(Double(split.trainInputs.shape[0])), "test_count": .number(Double(split.testInputs.shape[0])),
            "epochs": .number(Double(epochs)),
        ])
    }
}

/// Lecture 000: a small network on scikit-learn's diabetes regression data (442 patients, 10
/// features, disease progression after a year), against a linear baseline.
public enum DiabetesLesson: Lesson {
    public static let name = "diabetes"
    public static let lectures = ["000"]
    public static let summary = "a small network on the diabetes data set against a linear baseline"

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let table = try BundledDatasets.diabetes()
        let split = try standardizedSplit(table, testFraction: 0.2, stratify: false, seed: options.seed)
        // Standardize the target too (fitted on the training part); report in original units.
        let (mean, std) = (split.trainTargets.mean().item, split.trainTargets.standardDeviation().item)
        let yTrain = ((split.trainTargets - mean) / std).reshaped([-1, 1])
        let epochs = options.epochs ?? 200

        func trained(_ layers: [any Layer]) throws -> (mse: Double, r2: Double) {
            let model = Model(try Sequential(layers, inputShape: [10], seed: options.seed), seed: options.seed)
            model.compile(optimizer: Adam(learningRate: 0.005), loss: MeanSquaredError())
            try model.fit(x: split.trainInputs, y: yTrain, epochs: epochs, batchSize: 32, verbose: .silent)
            let predictions = try model.predict(split.testInputs).reshaped([-1]) * std + mean
            return (MeanSquaredErrorMetric()(predictions, split.testTargets), R2Score()(predictions, split.testTargets))
        }
        let network = try trained([Dense(units: 16, activation: .relu), Dropout(rate: 0.1), Dense(units: 1)])
        let linear = try trained([Dense(units: 1)])
        let text = """
        Diabetes progression (lecture 000's tabular medical data)

        442 patients, 10 standardized features, split \(split.trainInputs.shape[0]) / \(split.testInputs.shape[0]); MSE loss, Adam, \(counted(epochs, "epoch")).

        model                       test MSE    test R²
        10 → 16 (relu) → 1          \(format(network.mse, 1).padding(toLength: 10, withPad: " ", startingAt: 0))  \(format(network.r2, 4))
        linear (one neuron)         \(format(linear.mse, 1).padding(toLength: 10, withPad: " ", startingAt: 0))  \(format(linear.r2, 4))

        R² is the share of the variance explained; on this data set a linear model already explains
        about half, and a small network does about as well: the signal is mostly linear.
        """
        return LessonReport(text: text, figures: [
            "test_mse": .number(network.mse), "test_r2": .number(network.r2),
            "linear_test_mse": .number(linear.mse), "linear_test_r2": .number(linear.r2),
            "train_count": .number(Double(split.trainInputs.shape[0])), "test_count": .number(Double(split.testInputs.shape[0])),
            "epochs": .number(Double(epochs)),
        ])
    }
}
