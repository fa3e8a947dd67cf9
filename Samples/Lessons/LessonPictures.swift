import Foundation

/// The pictures a lesson wrote, listed for its explanation in the options' language.
struct LessonPictures {
    /// Each picture's path and what it shows, in English and in Spanish.
    private(set) var entries: [(path: String, english: String, spanish: String)] = []
    /// The folder the lesson writes to.
    let folder: String
    /// The language of the list.
    let language: Language

    /// A list for pictures written into the options' output folder, in the options' language.
    init(_ options: LessonOptions) {
        folder = options.outputDirectory
        language = options.language
    }

    /// The path of `name` in the folder.
    func path(_ name: String) -> String { URL(fileURLWithPath: folder).appendingPathComponent(name).path }

    /// Records a written picture and what it shows, in English and in Spanish.
    mutating func add(_ path: String, _ english: String, spanish: String) { entries.append((path, english, spanish)) }

    /// The block's first line, "\n\nPictures:\n" or "\n\nImágenes:\n".
    static func heading(_ language: Language) -> String {
        switch language {
        case .en: return "\n\nPictures:\n"
        case .es: return "\n\nImágenes:\n"
        }
    }

    /// The heading and one line per picture, to append to the explanation.
    var text: String {
        LessonPictures.heading(language) + entries.map { entry in
            "  \(entry.path)\n      \(language == .es ? entry.spanish : entry.english)"
        }.joined(separator: "\n")
    }
}
