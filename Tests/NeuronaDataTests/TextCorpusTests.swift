import Foundation
import NeuronaCore
import NeuronaData
import Testing
import _NeuronaTestSupport

struct TextCorpusTests {
    /// Two small word lists written by the test, one word a line, with words to leave out.
    static func lists() throws -> [WordList] {
        let folder = temporaryFolder("words")
        let english = folder.appendingPathComponent("english"), spanish = folder.appendingPathComponent("spanish")
        try "apple\nbread\nChurch\ncup's\nhouse\nno\nwater\nwater\nzebra\n".write(to: english, atomically: true, encoding: .utf8)
        try "agua\nárbol\ncasa\nno\npan\nPerú\nzorro\n".write(to: spanish, atomically: true, encoding: .utf8)
        return [WordList(language: "english", file: english, package: "wamerican"),
                WordList(language: "spanish", file: spanish, package: "wspanish")]
    }

    @Test func wordsAreLowercaseLettersOnceEach() throws {
        let (english, spanish) = (try Self.lists()[0], try Self.lists()[1])
        try expectEqual(english.words(), ["apple", "bread", "house", "no", "water", "zebra"])
        try expectEqual(spanish.words(), ["agua", "árbol", "casa", "no", "pan", "zorro"])
    }

    @Test func wordsByLanguageLeavesOutSharedWordsAndIsSeeded() throws {
        let lists = try Self.lists()
        let corpus = try TextCorpus.wordsByLanguage(lists, wordsPerLanguage: 4, seed: 7)
        #expect(corpus.classNames == ["english", "spanish"] && corpus.texts.count == 8)
        #expect(!corpus.texts.contains("no"))
        for (text, label) in zip(corpus.texts, corpus.labels) {
            #expect(try lists[Int(label)].words().contains(text))
        }
        expectEqual(corpus.labels.filter { $0 == 0 }.count, 4)
        let again = try TextCorpus.wordsByLanguage(lists, wordsPerLanguage: 4, seed: 7)
        #expect(again.texts == corpus.texts && again.labels == corpus.labels)
        // Each list has 5 words no other list holds.
        #expect(dataError { _ = try TextCorpus.wordsByLanguage(lists, wordsPerLanguage: 6, seed: 7) }?.message
                == "6 words asked for, the list has 5 lowercase words no other list holds")
        var missing = lists[1]
        missing.file = URL(fileURLWithPath: "/nonexistent/spanish")
        #expect(dataError { _ = try TextCorpus.wordsByLanguage([lists[0], missing], wordsPerLanguage: 1, seed: 7) }?.description
                == "/nonexistent/spanish: no such file; install the spanish word list with `apt-get install wspanish`")
    }

    @Test func splitKeepsEachClassesShare() throws {
        let corpus = try TextCorpus(texts: (0..<20).map { "t\($0)" }, labels: (0..<20).map { $0 < 15 ? 0 : 1 }, classNames: ["a", "b"])
        let (train, test) = try corpus.split(testFraction: 0.2, seed: 1)
        #expect(train.texts.count == 16 && test.texts.count == 4)
        expectEqual(test.labels.filter { $0 == 1 }.count, 1)   // 20 % of the 5 in class b
        expectEqual(Set(train.texts + test.texts).count, 20)
        for (text, label) in zip(test.texts, test.labels) { expectEqual(label, (Int(text.dropFirst())! < 15 ? 0 : 1)) }
        expectEqual(dataError { _ = try TextCorpus(texts: ["x"], labels: [2], classNames: ["a", "b"]) }?.kind, .invalidArgument)
    }

    /// Debian's lists (`make setup` installs `wamerican` and `wspanish`).
    @Test func debiansWordLists() throws {
        let english = try WordList.english.words(), spanish = try WordList.spanish.words()
        // Counted in Python, words whose characters are all `isalpha()` and `islower()`, each
        // once: 63,993 of 104,334 lines (`éclair` in, `Church` and `cup's` out) and 86,014 of 86,016.
        #expect(english.count == 63993 && spanish.count == 86014)
        #expect(english.contains("house") && spanish.contains("ciudad") && spanish.contains("árbol"))
    }
}
