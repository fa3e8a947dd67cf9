import ArgumentParser
import Foundation
import NeuronaPictures

/// The language of a lesson's explanation: `samples <topic> --lang es`.
///
/// The lectures are in Spanish; every lesson explains itself in English (`en`, the default) and
/// in Spanish (`es`). Only the words change: the figures, and the JSON keys of `--json`, are the
/// same in both.
public enum Language: String, CaseIterable, Sendable {
    /// English, the default.
    case en
    /// Spanish, the lectures' language.
    case es

    /// The known languages' codes, for messages: "en, es".
    public static var codes: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The language whose code is `code`, in any case ("es", "ES").
    /// - Parameter code: A language code, as `--lang` takes it.
    /// - Throws: `ValidationError` naming the code and the known ones when no language has it.
    public init(code: String) throws {
        guard let language = Language(rawValue: code.lowercased()) else {
            throw ValidationError("unknown language '\(code)' for --lang; the languages are \(Language.codes)")
        }
        self = language
    }
}

extension Language {
    /// `english` or `spanish`, whichever this language is: a picture's title, axis or legend.
    func words(_ english: String, _ spanish: String) -> String { self == .es ? spanish : english }

    /// The words pictures add themselves (axes, legends, notes) in this language.
    var pictureLabels: PictureLabels { self == .es ? .spanish : .english }
}

extension Lesson {
    /// The one-line summary in `language`.
    public static func summary(in language: Language) -> String {
        switch language {
        case .en: return summary
        case .es: return spanishSummary
        }
    }

    /// Runs the lesson and returns its report with the explanation in `options.language`.
    ///
    /// `run(_:)` writes the English explanation (the lines listing the pictures it wrote are in
    /// `options.language`); for Spanish, this replaces the text by ``spanishText(_:options:)``,
    /// built from the report's figures, followed by those picture lines.
    public static func report(_ options: LessonOptions) throws -> LessonReport {
        var report = try run(options)
        if options.language == .es {
            report.text = spanishText(report, options: options) + report.picturesSection(.es)
        }
        return report
    }
}

extension LessonReport {
    /// The block listing the pictures the lesson wrote (from ``LessonPictures``), headed in
    /// `language`, or "" when the text has none.
    func picturesSection(_ language: Language) -> String {
        guard let start = text.range(of: LessonPictures.heading(language), options: .backwards) else { return "" }
        return String(text[start.lowerBound...])
    }
}
