import NeuronaCore
import NeuronaData
import Testing
import _NeuronaTestSupport

/// Against Keras 3.15.1's `TextVectorization` (TensorFlow 2.21 backend) on the same texts: the
/// vocabularies and id sequences below are what it printed, e.g.
/// `v = keras.layers.TextVectorization(output_sequence_length=8); v.adapt(texts);
/// v.get_vocabulary(); v(["The bird sat on the cat.", "Ñandú qué tal", ""])`.
struct TextVectorizationTests {
    static let texts = ["The cat sat on the mat.", "The DOG ate the cat's food!", "¿Qué TAL? Ñandú\tcome\nmaíz", "a b c b a"]

    @Test func wordsAsKeras() throws {
        var v = TextVectorization(outputSequenceLength: 8)
        try v.adapt(Self.texts)
        // `the` 4 times, `b` and `a` twice, then the tokens seen once in descending UTF-8 order;
        // ASCII letters only lowercased (`Ñandú`), ASCII punctuation only stripped (`¿qué`).
        #expect(v.vocabulary == ["", "[UNK]", "the", "b", "a", "Ñandú", "¿qué", "tal", "sat", "on", "maíz", "mat",
                                 "food", "dog", "come", "cats", "cat", "c", "ate"])
        expectEqual(v.vocabularySize, 19)
        let ids = try v(["The bird sat on the cat.", "Ñandú qué tal", ""])
        #expect(ids.shape == [3, 8] && ids.dtype == .int64)
        expectEqual(ids.scalars(as: Int64.self), [2, 1, 8, 9, 2, 16, 0, 0,  5, 1, 7, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0])
        // Without a length: padded to the longest text of the call.
        var unbounded = TextVectorization()
        try unbounded.adapt(Self.texts)
        let ragged = try unbounded(["cat sat", "the the the the the"])
        #expect(ragged.shape == [2, 5] && ragged.scalars(as: Int64.self) == [16, 8, 0, 0, 0,  2, 2, 2, 2, 2])
    }

    @Test func charactersWithATokenLimitAsKeras() throws {
        var v = TextVectorization(maxTokens: 6, split: .character, outputSequenceLength: 6)
        try v.adapt(["ciudad", "árbol", "hello"])
        // l 3 times, o and d twice (o's bytes sort last, so first), then 'á' (bytes C3 A1) first of the rest.
        expectEqual(v.vocabulary, ["", "[UNK]", "l", "o", "d", "á"])
        try expectEqual(v(["ñu", "dale"]).scalars(as: Int64.self), [1, 1, 0, 0, 0, 0,  4, 1, 2, 1, 0, 0])
        // Cut at the end when longer.
        try expectEqual(v(["dodolol"]).scalars(as: Int64.self), [4, 3, 4, 3, 2, 3])
    }

    @Test func standardizingAndSplitting() {
        expectEqual(TextVectorization(standardize: .none).tokens("A b,  C!"), ["A", "b,", "C!"])
        expectEqual(TextVectorization(standardize: .lower).tokens("A b,  C!"), ["a", "b,", "c!"])
        expectEqual(TextVectorization(standardize: .stripPunctuation).tokens("A b,  C!"), ["A", "b", "C"])
        expectEqual(TextVectorization(split: .none).tokens("Hola, Mundo"), ["hola mundo"])
        // Unicode scalars: a precomposed é is one token, e with a combining accent two.
        expectEqual(TextVectorization(split: .character).tokens("e\u{301}é"), ["e", "\u{301}", "é"])
    }

    @Test func misuseThrows() throws {
        expectEqual(dataError { _ = try TextVectorization()(["x"]) }?.message, "no vocabulary yet: call adapt(_:) on the training texts first")
        var tiny = TextVectorization(maxTokens: 1)
        expectEqual(dataError { try tiny.adapt(["x"]) }?.kind, .invalidArgument)
        var zero = TextVectorization(outputSequenceLength: 0)
        expectEqual(dataError { try zero.adapt(["x"]) }?.kind, .invalidArgument)
    }
}
