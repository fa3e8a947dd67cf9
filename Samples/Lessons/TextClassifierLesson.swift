import Foundation
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaTraining

/// A text classifier reading characters: is a word English or Spanish?
///
/// The corpus is Debian's word lists (`wamerican`, `wspanish`; ``NeuronaData/TextCorpus/wordsByLanguage(_:wordsPerLanguage:seed:)``):
/// 5,000 lowercase words of each language (words both lists hold left out), 80 % to train on,
/// 20 % held out. ``NeuronaData/TextVectorization`` splits each word into characters and turns
/// them into ids (vocabulary adapted to the training words only), padded to 16; then
/// Embedding(16) → Conv1D(64, 3, relu) → GlobalMaxPooling1D → Dense(2, softmax), as Keras's
/// text-classification examples stack them: each filter is a learned three-letter pattern
/// (`ción`, `ght`), the pooling asks whether it occurs anywhere in the word. Adam, batch 32,
/// `--epochs` (5). `trainLimit` (tests) trains on that many words.
public enum TextClassifierLesson: Lesson {
    public static let name = "text-classifier"
    public static let lectures = ["003"]
    public static let summary = "Embedding → Conv1D over characters: is a word English or Spanish?"

    /// Words each language gives by default.
    public static let wordsPerLanguage = 5000
    /// The characters a word is cut or padded to.
    public static let sequenceLength = 16
    /// The words whose predictions the text shows.
    public static let exampleWords = ["network", "ciudad", "learning", "corazón", "weight", "aprendizaje", "keyboard", "mariposa"]

    /// The network for a vocabulary of `vocabularySize` ids.
    public static func network(vocabularySize: Int, seed: UInt64) throws -> Sequential {
        try Sequential([Embedding(inputDim: vocabularySize, outputDim: 16),
                        Conv1D(filters: 64, kernelSize: 3, padding: .same, activation: .relu),
                        GlobalMaxPooling1D(),
                        Dense(units: 2, activation: .softmax)],
                       inputShape: [sequenceLength], seed: seed)
    }

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let testFraction = 0.2
        // `trainLimit` training words: that many again a quarter held out, half from each language.
        let perLanguage = options.trainLimit.map { Swift.max(2, Int((Double($0) / (1 - testFraction) / 2).rounded())) } ?? wordsPerLanguage
        let corpus = try TextCorpus.wordsByLanguage([.english, .spanish], wordsPerLanguage: perLanguage, seed: options.seed)
        let (train, test) = try corpus.split(testFraction: testFraction, seed: options.seed)
        var vectorizer = TextVectorization(split: .character, outputSequenceLength: sequenceLength)
        try vectorizer.adapt(train.texts)
        // `fit` takes float inputs; the Embedding reads whole-number floats as ids (float32 holds
        // every id below 2^24 exactly).
        let (x, testX) = (try vectorizer(train.texts).converted(to: .float32), try vectorizer(test.texts).converted(to: .float32))
        let epochs = options.epochs ?? 5, batchSize = options.batchSize ?? 32

        let classifier = try network(vocabularySize: vectorizer.vocabularySize, seed: options.seed)
        let model = Model(classifier, seed: options.seed)
        try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        if !options.quiet { model.summary() }
        let history = try model.fit(x: x, y: train.labelTensor, epochs: epochs, batchSize: batchSize,
                                    verbose: options.quiet ? .silent : .progressBar)
        let (testLoss, testAccuracy) = try model.evaluate(x: testX, y: test.labelTensor).lossAnd("accuracy")
        // Accents and ñ give a word away; how well does it do on the words written in a–z only?
        let predicted = try model.predict(testX).argmax(axis: 1).scalars(as: Int64.self)
        let plain = test.texts.indices.filter { test.texts[$0].unicodeScalars.allSatisfy(\.isASCII) }
        let plainAccuracy = Double(plain.filter { predicted[$0] == test.labels[$0] }.count) / Double(Swift.max(plain.count, 1))
        let spanishProbabilities = try model.predict(vectorizer(exampleWords).converted(to: .float32)).slice(axis: 1, start: 1, end: 2).doubles

        var text = """

        English or Spanish? Words from Debian's word lists (\(corpus.classNames.joined(separator: ", "))), \
        \(train.texts.count) to train on, \(test.texts.count) held out, \(counted(epochs, "epoch")), batch \(batchSize)
          each word → \(sequenceLength) character ids (vocabulary of \(vectorizer.vocabularySize), padding and unknown included)
          Embedding(16) → Conv1D(64, 3, relu) → GlobalMaxPooling1D → Dense(2, softmax): \(classifier.parameterCount) parameters
        test accuracy: \(format(testAccuracy, 4)) (test loss \(format(testLoss, 4)); guessing: 0.5)
        on the \(plain.count) test words written in a–z only: \(format(plainAccuracy, 4))
        P(Spanish):
        """
        for (word, p) in zip(exampleWords, spanishProbabilities) {
            text += "\n  " + word.padding(toLength: 12, withPad: " ", startingAt: 0) + format(p, 3)
        }
        text += """

        Each of the 64 filters is a three-letter pattern the network found useful; the pooling
        keeps, for each, its strongest match anywhere in the word.
        """
        return LessonReport(text: text, figures: [
            "test_accuracy": .number(testAccuracy), "test_loss": .number(testLoss), "plain_test_accuracy": .number(plainAccuracy),
            "plain_test_count": .number(Double(plain.count)), "epoch_losses": .numbers(history["loss"]),
            "example_spanish_probabilities": .numbers(spanishProbabilities),
            "vocabulary_size": .number(Double(vectorizer.vocabularySize)), "parameters": .number(Double(classifier.parameterCount)),
            "train_count": .number(Double(train.texts.count)), "test_count": .number(Double(test.texts.count)),
            "sequence_length": .number(Double(sequenceLength)), "batch_size": .number(Double(batchSize)),
        ])
    }
}
