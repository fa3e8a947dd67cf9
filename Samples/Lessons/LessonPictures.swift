import Foundation

/// The pictures a lesson wrote, listed for its explanation.
struct LessonPictures {
    /// Each picture's path and what it shows.
    private(set) var entries: [(path: String, what: String)] = []
    /// The folder the lesson writes to.
    let folder: String

    /// A list for pictures written into `folder`.
    init(folder: String) { self.folder = folder }

    /// The path of `name` in the folder.
    func path(_ name: String) -> String { URL(fileURLWithPath: folder).appendingPathComponent(name).path }

    /// Records a written picture.
    mutating func add(_ path: String, _ what: String) { entries.append((path, what)) }

    /// "Pictures:" and one line per picture, to append to the explanation.
    var text: String {
        "\n\nPictures:\n" + entries.map { "  \($0.path)\n      \($0.what)" }.joined(separator: "\n")
    }
}
