import Lessons

/// What the checker found about one function of an exercise.
public struct Finding: Sendable {
    /// Right, wrong, or not written yet.
    public enum Verdict: Sendable, Equatable {
        /// Every case gave the expected answer.
        case right
        /// A case gave another answer (``Finding/mistake`` names it when it is a typical one).
        case wrong
        /// The function still throws ``NotDoneYet``.
        case notDone
    }

    /// The verdict.
    public let verdict: Verdict
    /// The function, as Swift names it (`gradients(x:targets:weights:bias:)`).
    public let function: String
    /// What was right, or what was wrong and by how much.
    public let message: LocalizedText
    /// The typical mistake the wrong answer matches, if any.
    public let mistake: Mistake?
    /// The lecture section to reread when the answer is wrong.
    public let reread: LocalizedText?

    /// A finding.
    /// - Parameters:
    ///   - verdict: Right, wrong or not done.
    ///   - function: The function it is about.
    ///   - message: What was found.
    ///   - mistake: The typical mistake recognized, if any.
    ///   - reread: The lecture section to reread.
    public init(_ verdict: Verdict, function: String, message: LocalizedText, mistake: Mistake? = nil, reread: LocalizedText? = nil) {
        self.verdict = verdict
        self.function = function
        self.message = message
        self.mistake = mistake
        self.reread = reread
    }
}

/// The checker's answer for one activity: a finding per function, and when all are right, the
/// lecture's figure computed with the student's own code.
public struct CheckReport: Sendable {
    /// Where an exercise stands.
    public enum Status: String, Sendable, Codable {
        /// No function written yet.
        case notDoneYet = "not-done-yet"
        /// Some functions written and right, others not written yet.
        case inProgress = "in-progress"
        /// At least one function gives a wrong answer.
        case wrong
        /// Every function is right and the lecture's figure came out.
        case passed
    }

    /// The activity checked.
    public let activity: ActivityInfo
    /// One finding per function, in the exercise's order.
    public var findings: [Finding]
    /// The lecture's figure reproduced with the student's code (only when every function is right).
    public var figure: LocalizedText?
    /// When the figure did not come out although each function passed its cases (a training
    /// run that diverged, …): why.
    public var figureProblem: Finding?

    /// A report with its findings.
    /// - Parameters:
    ///   - activity: The activity checked.
    ///   - findings: One per function.
    public init(activity: ActivityInfo, findings: [Finding]) {
        self.activity = activity
        self.findings = findings
    }

    /// Where the exercise stands.
    public var status: Status {
        if findings.contains(where: { $0.verdict == .wrong }) || figureProblem != nil { return .wrong }
        if findings.allSatisfy({ $0.verdict == .notDone }) { return .notDoneYet }
        if findings.contains(where: { $0.verdict == .notDone }) { return .inProgress }
        return figure == nil ? .inProgress : .passed
    }

    /// The mistakes recognized, in order.
    public var mistakes: [Mistake] { (findings + [figureProblem].compactMap { $0 }).compactMap(\.mistake) }

    /// The report as the student reads it.
    public func rendered(_ language: Language) -> String {
        let es = language == .es
        var lines = [(es ? "Actividad" : "Activity") + " \(activity.number) (" + (es ? "lectura" : "lecture")
                     + " \(activity.lecture)): \(activity.title(language))", "  " + activity.task(language), ""]
        for finding in findings + [figureProblem].compactMap({ $0 }) {
            let mark = finding.verdict == .right ? "✓" : finding.verdict == .wrong ? "✗" : "…"
            lines.append("\(mark) \(finding.function): \(finding.message(language))")
            if finding.verdict == .wrong, let reread = finding.reread {
                lines.append("    " + (es ? "Relee: " : "Reread: ") + reread(language))
            }
        }
        lines.append("")
        switch status {
        case .notDoneYet:
            lines.append(es ? "Aún no has empezado: escribe las funciones marcadas en Samples/Activities/Exercises/\(activity.exerciseFile)."
                            : "Not done yet: write the marked functions in Samples/Activities/Exercises/\(activity.exerciseFile).")
        case .inProgress:
            lines.append(es ? "Vas bien: lo escrito es correcto; faltan las funciones marcadas con «…»."
                            : "So far so good: what is written is right; the functions marked «…» remain.")
        case .wrong:
            lines.append(es ? "Corrige lo marcado con ✗ y vuelve a comprobar." : "Fix what is marked ✗ and check again.")
        case .passed:
            lines.append(es ? "¡Actividad completada! Con tu código:" : "Activity done! With your code:")
            lines.append("  " + (figure?(language) ?? ""))
        }
        lines.append((es ? "Guía: artículo " : "Guide: article ") + activity.article + (es ? "-es" : "")
                     + (es ? " de la documentación (lectura: " : " of the documentation (lecture topic: ")
                     + activity.lectureArticle + (es ? "-es)" : ")"))
        return lines.joined(separator: "\n")
    }
}
