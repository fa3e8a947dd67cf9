import Foundation
import NeuronaCore

/// A language's word list from the system's dictionaries: one word a line, as Debian's `w*`
/// packages install them in `/usr/share/dict` (`wamerican`: SCOWL's American English, under a
/// permissive licence; `wspanish`: public domain).
public struct WordList: Sendable {
    /// The language, also the class name in ``TextCorpus/wordsByLanguage(_:wordsPerLanguage:seed:)``.
    public var language: String
    /// The list's file.
    public var file: URL
    /// The Debian package that installs it.
    public var package: String

    /// A word list.
    ///
    /// - Parameters:
    ///   - language: The language's name.
    ///   - file: The list, one word a line, UTF-8.
    ///   - package: The Debian package that installs it (for the error when it is missing).
    public init(language: String, file: URL, package: String) {
        self.language = language
        self.file = file
        self.package = package
    }

    /// American English, Debian's `wamerican` (104,334 lines).
    public static let english = WordList(language: "english", file: URL(fileURLWithPath: "/usr/share/dict/american-english"), package: "wamerican")
    /// Spanish, Debian's `wspanish` (86,016 lines).
    public static let spanish = WordList(language: "spanish", file: URL(fileURLWithPath: "/usr/share/dict/spanish"), package: "wspanish")

    /// The list's words that are all lowercase letters (Unicode's `Ll`: `ciudad`, `árbol`; not
    /// `Church`, `cup's` or `e.g.`), in the file's order, each once.
    ///
    /// - Throws: ``DataError`` of kind `notFound` naming the file and the package to install;
    ///   `unreadable` naming the line that is not UTF-8.
    public func words() throws -> [String] {
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw DataError(.notFound, file: file.path, "no such file; install the \(language) word list with `apt-get install \(package)`")
        }
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw DataError(.unreadable, file: file.path, "cannot read the file (\(Download.cause(of: error)))")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let line = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .firstIndex { String(validating: $0, as: UTF8.self) == nil } ?? 0
            throw DataError(.unreadable, file: file.path, position: "line \(line + 1)", "not UTF-8")
        }
        // Foundation's splitting and character sets rather than generic collection code: the
        // lists hold 190,000 lines, and the generic code is slow in debug builds (tests).
        let notLowercase = CharacterSet.lowercaseLetters.inverted
        var seen = Set<String>(), words: [String] = []
        for line in text.components(separatedBy: "\n") {
            let word = line.hasSuffix("\r") ? String(line.dropLast()) : line
            guard !word.isEmpty, word.rangeOfCharacter(from: notLowercase) == nil, seen.insert(word).inserted else { continue }
            words.append(word)
        }
        return words
    }
}

extension TextCorpus {
    /// Words labelled with their language, for a character-level classifier ("is `ciudad`
    /// English or Spanish?"): `wordsPerLanguage` words drawn at random (seeded) from each list's
    /// lowercase words (``WordList/words()``), leaving out the words more than one list holds
    /// (`no`, `come`, `pan`: they have no one answer), shuffled together. Label `i` is
    /// `lists[i].language`.
    ///
    /// - Parameters:
    ///   - lists: The languages' word lists, two or more.
    ///   - wordsPerLanguage: How many words of each language, at least 1.
    ///   - seed: Fixes which words are drawn and their order.
    /// - Throws: ``DataError``: `notFound` for a missing list (naming its package), `invalidArgument`
    ///   for fewer than two lists or a list with fewer usable words than asked for.
    public static func wordsByLanguage(_ lists: [WordList], wordsPerLanguage: Int, seed: UInt64) throws -> TextCorpus {
        guard lists.count >= 2 else {
            throw DataError(.invalidArgument, file: "TextCorpus", "wordsByLanguage needs two or more word lists, got \(lists.count)")
        }
        guard wordsPerLanguage >= 1 else {
            throw DataError(.invalidArgument, file: "TextCorpus", "wordsPerLanguage must be at least 1, got \(wordsPerLanguage)")
        }
        let all = try lists.map { try $0.words() }
        var listsHolding: [String: Int] = [:]
        for words in all { for word in words { listsHolding[word, default: 0] += 1 } }
        var generator = RandomGenerator(seed: seed)
        var texts: [String] = [], labels: [Int64] = []
        for (label, words) in all.enumerated() {
            let usable = words.filter { listsHolding[$0] == 1 }
            guard usable.count >= wordsPerLanguage else {
                throw DataError(.invalidArgument, file: lists[label].file.path,
                                "\(wordsPerLanguage) words asked for, the list has \(usable.count) lowercase words no other list holds")
            }
            let order = Tensor.permutation(usable.count, using: &generator).scalars(as: Int64.self)
            texts += order.prefix(wordsPerLanguage).map { usable[Int($0)] }
            labels += Array(repeating: Int64(label), count: wordsPerLanguage)
        }
        let shuffle = Tensor.permutation(texts.count, using: &generator).scalars(as: Int64.self).map(Int.init)
        return try TextCorpus(texts: shuffle.map { texts[$0] }, labels: shuffle.map { labels[$0] }, classNames: lists.map(\.language))
    }
}
