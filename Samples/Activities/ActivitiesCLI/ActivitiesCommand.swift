import ActivityKit
import ArgumentParser
import Foundation
import Lessons

/// `swift run activities list | check N | reset N`: the lectures' activities, with feedback.
@main
struct ActivitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activities",
        abstract: "The lectures' activities: list them, check your solution, start one afresh.",
        discussion: "Your files are in Samples/Activities/Exercises/. Messages are in Spanish; --lang en for English.",
        subcommands: [List.self, Check.self, Reset.self])

    /// The options every subcommand takes.
    struct Common: ParsableArguments {
        @Option(help: "Language of the messages: es (default) or en.") var lang = "es"
        @Option(help: "The progress file (default: $XDG_STATE_HOME/neurona/activities.json or ~/.local/state/neurona/activities.json).")
        var progressFile: String?

        var language: Language { get throws { try Language(code: lang) } }
        var progress: ProgressFile { ProgressFile(url: progressFile.map { URL(fileURLWithPath: $0) }) }
    }

    static func entry(_ selector: String) throws -> ActivityEntry {
        guard let entry = Catalog.all.entry(selector) else {
            throw ActivityError.unknownActivity(selector, known: "1–\(Catalog.all.count)")
        }
        return entry
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The activities and where you stand on each.")
        @OptionGroup var common: Common

        func run() throws {
            print(try ActivitiesCommand.listing(common.language, progress: common.progress.load()))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check your solution of one activity (by number or name).")
        @OptionGroup var common: Common
        @Argument(help: "The activity: its number (1–15) or name.") var activity: String
        @Option(help: "The folder of the MNIST-family files (activities 9, 10).") var dataDir: String?
        @Flag(help: "The lecture's long training runs (activity 10: 5 epochs on all 60,000 images).") var full = false

        func run() throws {
            let entry = try ActivitiesCommand.entry(activity)
            let report = entry.check(CheckOptions(dataDirectory: dataDir, full: full))
            print(report.rendered(try common.language))
            try common.progress.record(report.status, activity: entry.info.number)
        }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put an activity's file back as it was shipped (your version is kept as a backup).")
        @OptionGroup var common: Common
        @Argument(help: "The activity: its number (1–15) or name.") var activity: String

        func run() throws {
            let entry = try ActivitiesCommand.entry(activity)
            let files = ExerciseFiles()
            let backups = common.progress.url.deletingLastPathComponent().appendingPathComponent("backups")
            let backup = try files.reset(entry.info, backups: backups)
            let es = try common.language == .es
            print((es ? "Restaurado " : "Restored ") + files.exercise(entry.info).path)
            if let backup { print((es ? "Tu versión anterior quedó en " : "Your previous version is in ") + backup.path) }
            print(es ? "Recompila con `swift run activities check \(entry.info.number)`."
                     : "Rebuild with `swift run activities check \(entry.info.number)`.")
        }
    }

    /// The table of `activities list`.
    static func listing(_ language: Language, progress: [Int: ProgressFile.Record]) -> String {
        let es = language == .es
        var lines = [es ? "Actividades de las lecturas (swift run activities check N):" : "The lectures' activities (swift run activities check N):", ""]
        for entry in Catalog.all {
            let info = entry.info
            let status = progress[info.number].map { statusWord($0.status, language) } ?? (es ? "sin comprobar" : "not checked")
            let number = String(info.number)
            lines.append(String(repeating: " ", count: 3 - number.count) + number + "  \(info.lecture)  \(info.title(language))  [\(status)]")
            lines.append("          \(info.name): \(info.task(language))")
        }
        return lines.joined(separator: "\n")
    }

    static func statusWord(_ status: CheckReport.Status, _ language: Language) -> String {
        switch (status, language) {
        case (.passed, .es): return "completada"
        case (.passed, .en): return "done"
        case (.wrong, .es): return "con errores"
        case (.wrong, .en): return "has mistakes"
        case (.inProgress, .es): return "en curso"
        case (.inProgress, .en): return "in progress"
        case (.notDoneYet, .es): return "sin empezar"
        case (.notDoneYet, .en): return "not started"
        }
    }
}
