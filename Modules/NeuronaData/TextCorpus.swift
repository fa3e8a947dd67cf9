import NeuronaCore

/// A labelled text corpus, for text classifiers: texts, a class for each, the classes' names.
/// Vectorize its texts with ``TextVectorization`` (adapted to the training part only).
///
/// ```swift
/// let corpus = try TextCorpus.wordsByLanguage([.english, .spanish], wordsPerLanguage: 5000, seed: 42)
/// let (train, test) = try corpus.split(testFraction: 0.2, seed: 42)
/// ```
public struct TextCorpus: Sendable {
    /// The texts.
    public var texts: [String]
    /// Each text's class, an index into ``classNames``.
    public var labels: [Int64]
    /// The class names, by label.
    public var classNames: [String]

    /// A corpus of `texts` labelled `labels`.
    ///
    /// - Parameters:
    ///   - texts: The texts.
    ///   - labels: One class per text, each in `0..<classNames.count`.
    ///   - classNames: The class names, by label.
    /// - Throws: ``DataError`` of kind `mismatch` when the counts differ, `invalidArgument` for a
    ///   label out of range.
    public init(texts: [String], labels: [Int64], classNames: [String]) throws {
        guard texts.count == labels.count else {
            throw DataError(.mismatch, file: "TextCorpus", "\(texts.count) texts but \(labels.count) labels")
        }
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= Int64(classNames.count) }) {
            throw DataError(.invalidArgument, file: "TextCorpus", position: "text \(bad)",
                            "label \(labels[bad]) outside 0..<\(classNames.count) (\(classNames.joined(separator: ", ")))")
        }
        self.texts = texts
        self.labels = labels
        self.classNames = classNames
    }

    /// The labels as an int64 tensor `[texts.count]`, the targets of a sparse categorical loss.
    public var labelTensor: Tensor { Tensor(labels, shape: [labels.count]) }

    /// The corpus split into shuffled training and test parts, each class split in the same
    /// proportion (``trainTestSplit(_:_:testFraction:stratify:seed:)`` with `stratify`).
    ///
    /// - Parameters:
    ///   - testFraction: The share of each class held out for testing, in (0, 1).
    ///   - seed: Fixes the shuffle.
    /// - Throws: ``DataError`` of kind `invalidArgument` for a fraction outside (0, 1).
    public func split(testFraction: Double, seed: UInt64) throws -> (train: TextCorpus, test: TextCorpus) {
        let positions = Tensor((0..<Int64(texts.count)).map { $0 }, shape: [texts.count])
        let parts = try trainTestSplit(positions, labelTensor, testFraction: testFraction, stratify: true, seed: seed)
        func part(_ indices: Tensor) -> TextCorpus {
            let chosen = indices.scalars(as: Int64.self).map(Int.init)
            return try! TextCorpus(texts: chosen.map { texts[$0] }, labels: chosen.map { labels[$0] }, classNames: classNames)
        }
        return (part(parts.trainInputs), part(parts.testInputs))
    }
}
