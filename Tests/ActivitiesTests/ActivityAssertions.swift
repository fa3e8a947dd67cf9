import ActivityKit
import Lessons
import Testing
import _NeuronaTestSupport

/// The report's status is `.passed` and it carries the lecture's figure.
func expectPassed(_ report: CheckReport, sourceLocation: SourceLocation = #_sourceLocation) {
    expectEqual(report.status, .passed, "\(report.rendered(.en))", sourceLocation: sourceLocation)
    #expect(report.figure != nil, sourceLocation: sourceLocation)
}

/// The report rejects the solution and names `mistake`, in both languages, on `function`.
func expectMistake(_ report: CheckReport, _ mistake: Mistake, in function: String? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    expectEqual(report.status, .wrong, "\(report.rendered(.en))", sourceLocation: sourceLocation)
    expectEqual(report.mistakes, [mistake], "\(report.rendered(.en))", sourceLocation: sourceLocation)
    #expect(report.rendered(.en).contains(mistake.phrase.en), sourceLocation: sourceLocation)
    #expect(report.rendered(.es).contains(mistake.phrase.es), sourceLocation: sourceLocation)
    if let function {
        expectEqual(report.findings.first { $0.verdict == .wrong }?.function, function, sourceLocation: sourceLocation)
    }
}

/// An untouched exercise: every function "not done yet", in both languages.
func expectNotDoneYet(_ report: CheckReport, sourceLocation: SourceLocation = #_sourceLocation) {
    expectEqual(report.status, .notDoneYet, "\(report.rendered(.en))", sourceLocation: sourceLocation)
    #expect(report.findings.allSatisfy { $0.verdict == .notDone }, sourceLocation: sourceLocation)
    #expect(report.rendered(.en).contains("Not done yet"), sourceLocation: sourceLocation)
    #expect(report.rendered(.es).contains("Aún no has empezado"), sourceLocation: sourceLocation)
    #expect(report.figure == nil, sourceLocation: sourceLocation)
}

/// Whether the student's file of an activity is still the shipped one (the "untouched" tests
/// only make sense then; a student's edits must not fail `make test`).
func untouched(_ info: ActivityInfo) -> Bool { ExerciseFiles().isUntouched(info) }

extension CheckReport {
    /// The figure's English text, or "" when there is none (a test reports it rather than crash).
    var figureInEnglish: String { figure?.en ?? "" }
}
