/// What the lectures say about one activity, and where its exercise lives.
public struct ActivityInfo: Sendable {
    /// Its number on the command line (`activities check 4`): 1–10 are lecture 001's own
    /// numbers; 11–15 are the exercises of lectures 000, 002, 003 and 004.
    public let number: Int
    /// A short name that also selects it (`activities check linear-regression`).
    public let name: String
    /// The lecture it comes from ("001").
    public let lecture: String
    /// The activity as the lecture states it ("Terminar el notebook 1.1_RegresionLineal").
    public let title: LocalizedText
    /// What the student finishes, in a sentence.
    public let task: LocalizedText
    /// The file the student edits, in `Samples/Activities/Exercises/`.
    public let exerciseFile: String
    /// The DocC article of the activity (`Activity01`; the Spanish twin adds `-es`).
    public let article: String
    /// The DocC article of the lecture topic it practises (`LinearRegression`).
    public let lectureArticle: String

    /// An activity's description.
    /// - Parameters:
    ///   - number: Its number.
    ///   - name: Its short name.
    ///   - lecture: The lecture it comes from.
    ///   - title: The activity as the lecture states it.
    ///   - task: What the student finishes.
    ///   - exerciseFile: The file the student edits.
    ///   - lectureArticle: The DocC article of the lecture topic.
    public init(number: Int, name: String, lecture: String, title: LocalizedText, task: LocalizedText,
                exerciseFile: String, lectureArticle: String) {
        self.number = number
        self.name = name
        self.lecture = lecture
        self.title = title
        self.task = task
        self.exerciseFile = exerciseFile
        self.article = "Activity" + (number < 10 ? "0" : "") + String(number)
        self.lectureArticle = lectureArticle
    }

    /// A section of the lecture to reread, by its heading in the notes.
    /// - Parameter heading: The section's heading, as the notes write it.
    public func section(_ heading: String) -> LocalizedText {
        LocalizedText(en: "lecture \(lecture), section «\(heading)»", es: "lectura \(lecture), sección «\(heading)»")
    }
}
