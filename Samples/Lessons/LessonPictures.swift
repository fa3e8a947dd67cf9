import Foundation
import NeuronaPictures
import NeuronaTraining

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

    /// The file `name` in the folder.
    func path(_ name: String) -> URL { URL(fileURLWithPath: folder).appendingPathComponent(name) }

    /// `english` or `spanish`, in the list's language: a picture's title or axis.
    func words(_ english: String, _ spanish: String) -> String { language.words(english, spanish) }

    /// Writes `history`'s training curves (loss, then each metric; Keras's `plot_history`) twice,
    /// `name.svg` and `name.png`, under `title` and in the list's language, and records both.
    mutating func addTrainingCurves(_ history: History, title: String, name: String) throws {
        let curves = TrainingCurves.chart(history, title: title, labels: language.pictureLabels)
        for format in ["svg", "png"] {
            let path = path("\(name).\(format)")
            try curves.write(to: path)
            add(path, "loss and accuracy per epoch (\(format.uppercased()))", spanish: "pérdida y exactitud por época (\(format.uppercased()))")
        }
    }

    /// Records a written picture and what it shows, in English and in Spanish.
    mutating func add(_ url: URL, _ english: String, spanish: String) { entries.append((url.path, english, spanish)) }

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
            "  \(entry.path)\n      \(language.words(entry.english, entry.spanish))"
        }.joined(separator: "\n")
    }
}
