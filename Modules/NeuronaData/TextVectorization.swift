import NeuronaCore

/// Turns texts into sequences of token ids, as Keras's `TextVectorization` (`output_mode="int"`)
/// does: standardize, split into tokens, look each token up in a vocabulary learned by
/// ``adapt(_:)``, pad or cut to a length. The ids feed an `Embedding`.
///
/// The vocabulary is Keras's, id for id: id 0 is padding (`""`), id 1 the out-of-vocabulary
/// token (`"[UNK]"`, for any token not learned), then the tokens seen by ``adapt(_:)``, most
/// frequent first, ties broken as Keras breaks them (the token whose UTF-8 bytes sort last
/// comes first), at most ``maxTokens`` ids in all. Standardizing lowercases ASCII letters only
/// and strips ASCII punctuation, as Keras does (`"¿Qué TAL?"` → `"¿qué tal"`: `¿` is not
/// ASCII, so it stays, as an `Á` would stay uppercase). Splitting on whitespace splits on runs of ASCII
/// whitespace; splitting into characters gives Unicode scalars (`"é"` typed as `e` and a
/// combining accent is two).
///
/// ```swift
/// var vectorizer = TextVectorization(maxTokens: 1000, outputSequenceLength: 8)
/// try vectorizer.adapt(["the cat sat", "the dog"])
/// vectorizer.vocabulary                           // ["", "[UNK]", "the", "sat", "dog", "cat"]
/// try vectorizer(["The bird sat."])              // [[2, 1, 3, 0, 0, 0, 0, 0]], int64
/// ```
public struct TextVectorization: Sendable {
    /// How texts are standardized before they are split (Keras's `standardize`).
    public enum Standardize: String, Sendable, CaseIterable {
        /// Lowercase ASCII letters, then remove ASCII punctuation (Keras's default).
        case lowerAndStripPunctuation = "lower_and_strip_punctuation"
        /// Lowercase ASCII letters.
        case lower
        /// Remove ASCII punctuation.
        case stripPunctuation = "strip_punctuation"
        /// Leave the text as it is.
        case none
    }

    /// How a standardized text becomes tokens (Keras's `split`).
    public enum Split: String, Sendable, CaseIterable {
        /// Words: the runs of characters between ASCII whitespace (Keras's default).
        case whitespace
        /// Characters: each Unicode scalar is a token (character-level models).
        case character
        /// The whole text is one token.
        case none
    }

    /// The padding token, id 0.
    public static let paddingToken = ""
    /// The out-of-vocabulary token, id 1: any token the vocabulary lacks.
    public static let oovToken = "[UNK]"

    /// The most ids the vocabulary holds, padding and OOV included (nil: every token seen).
    public let maxTokens: Int?
    /// How texts are standardized.
    public let standardize: Standardize
    /// How texts are split into tokens.
    public let split: Split
    /// The length every sequence is padded (with 0, at the end) or cut (at the end) to; nil:
    /// the longest in each call.
    public let outputSequenceLength: Int?
    /// The tokens by id: `""`, `"[UNK]"`, then the learned tokens (empty until adapted).
    public private(set) var vocabulary: [String] = []
    /// Each learned token's id, keyed by its UTF-8 bytes (Swift's `String` equality would merge
    /// canonically equivalent spellings that Keras keeps apart).
    private var ids: [[UInt8]: Int64] = [:]

    /// A vectorizer to ``adapt(_:)`` to a corpus.
    ///
    /// - Parameters:
    ///   - maxTokens: The most ids, padding and OOV included (Keras's `max_tokens`); nil for no limit.
    ///   - standardize: How texts are standardized (default: lowercase and strip punctuation).
    ///   - split: How texts are split (default: on whitespace, into words).
    ///   - outputSequenceLength: The length of every output sequence; nil for the longest in each call.
    public init(maxTokens: Int? = nil, standardize: Standardize = .lowerAndStripPunctuation,
                split: Split = .whitespace, outputSequenceLength: Int? = nil) {
        self.maxTokens = maxTokens
        self.standardize = standardize
        self.split = split
        self.outputSequenceLength = outputSequenceLength
    }

    /// The number of ids, padding and OOV included: an `Embedding`'s `inputDim`.
    public var vocabularySize: Int { vocabulary.count }

    /// Learns the vocabulary from `texts` (replacing any learned before): every token, counted,
    /// most frequent first (ties as Keras), cut to ``maxTokens`` ids in all.
    ///
    /// - Parameter texts: The training texts (never the test texts: their words would leak into the vocabulary).
    /// - Throws: ``DataError`` of kind `invalidArgument` when `maxTokens` is below 2 or
    ///   `outputSequenceLength` below 1.
    public mutating func adapt(_ texts: [String]) throws {
        if let maxTokens, maxTokens < 2 {
            throw DataError(.invalidArgument, file: "TextVectorization", "maxTokens must be at least 2 (padding and OOV), got \(maxTokens)")
        }
        if let outputSequenceLength, outputSequenceLength < 1 {
            throw DataError(.invalidArgument, file: "TextVectorization", "outputSequenceLength must be at least 1, got \(outputSequenceLength)")
        }
        var counts: [[UInt8]: Int] = [:]
        for text in texts {
            for token in tokens(text) { counts[Array(token.utf8), default: 0] += 1 }
        }
        counts[Array(Self.paddingToken.utf8)] = nil
        counts[Array(Self.oovToken.utf8)] = nil
        // Keras: numpy's lexsort by (count, token) ascending, reversed.
        var learned = counts.sorted { a, b in
            a.value != b.value ? a.value > b.value : b.key.lexicographicallyPrecedes(a.key)
        }.map(\.key)
        if let maxTokens { learned = Array(learned.prefix(maxTokens - 2)) }
        vocabulary = [Self.paddingToken, Self.oovToken] + learned.map { String(decoding: $0, as: UTF8.self) }
        ids = Dictionary(uniqueKeysWithValues: learned.enumerated().map { ($0.element, Int64($0.offset + 2)) })
    }

    /// `text` standardized and split: the tokens the vocabulary is looked up with.
    ///
    /// - Parameter text: Any text.
    public func tokens(_ text: String) -> [String] {
        var scalars = Array(text.unicodeScalars)
        if standardize == .lower || standardize == .lowerAndStripPunctuation {
            scalars = scalars.map { $0.isASCII && ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }
        }
        if standardize == .stripPunctuation || standardize == .lowerAndStripPunctuation {
            scalars.removeAll { $0.isASCII && Self.punctuation.contains($0) }
        }
        switch split {
        case .none:
            return [String(String.UnicodeScalarView(scalars))]
        case .character:
            return scalars.map { String($0) }
        case .whitespace:
            return scalars.split { Self.whitespace.contains($0) }.map { String(String.UnicodeScalarView($0)) }
        }
    }

    /// The id sequences of `texts`: int64 `[texts.count, length]`, each token's id (1 for a
    /// token the vocabulary lacks), padded with 0 or cut at the end.
    ///
    /// - Parameter texts: The texts to vectorize.
    /// - Throws: ``DataError`` of kind `invalidArgument` before ``adapt(_:)``.
    public func callAsFunction(_ texts: [String]) throws -> Tensor {
        guard !vocabulary.isEmpty else {
            throw DataError(.invalidArgument, file: "TextVectorization", "no vocabulary yet: call adapt(_:) on the training texts first")
        }
        let sequences = texts.map { tokens($0).map { ids[Array($0.utf8)] ?? 1 } }
        let length = outputSequenceLength ?? Swift.max(1, sequences.map(\.count).max() ?? 1)
        var flat = [Int64](repeating: 0, count: texts.count * length)
        for (row, sequence) in sequences.enumerated() {
            for (column, id) in sequence.prefix(length).enumerated() { flat[row * length + column] = id }
        }
        return Tensor(flat, shape: [texts.count, length])
    }

    /// Python's `string.punctuation`, the characters Keras's standardizing strips.
    private static let punctuation = Set(##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##.unicodeScalars)
    /// The ASCII whitespace Keras splits on.
    private static let whitespace = Set(" \t\n\r\u{0B}\u{0C}".unicodeScalars)
}
