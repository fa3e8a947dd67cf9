@testable import ActivitiesCLI
import ActivityKit
import Foundation
import Lessons
import Testing
import _NeuronaTestSupport

/// The `activities` command: its catalog, the listing, the progress file and `reset`.
struct ActivitiesCommandTests {
    @Test func theCatalogHoldsTheFifteenActivitiesInOrderWithTheirFilesAndArticles() throws {
        expectEqual(Catalog.all.map(\.info.number), Array(1...15))
        expectEqual(Set(Catalog.all.map(\.info.name)).count, 15)
        for entry in Catalog.all {
            let info = entry.info
            // Each shipped original exists and leaves every function to the student.
            let pristine = String(decoding: try ExerciseFiles.pristine(info), as: UTF8.self)
            #expect(pristine.contains("throw NotDoneYet()"), "\(info.exerciseFile)")
            #expect(pristine.contains("swift run activities check \(info.number)"), "\(info.exerciseFile)")
            #expect(info.exerciseFile.hasPrefix(info.article), "\(info.exerciseFile)")
        }
        expectEqual(Catalog.all.entry("4")?.info.name, "logistic-neuron")
        expectEqual(Catalog.all.entry("XOR")?.info.number, 13)
        #expect(Catalog.all.entry("16") == nil)
    }

    @Test func anUnknownActivityIsRefusedWithTheKnownOnes() {
        #expect(throws: ActivityError.unknownActivity("16", known: "1–15")) { try ActivitiesCommand.entry("16") }
    }

    @Test func theListingShowsEachActivityAndItsStatus() {
        let records = [4: ProgressFile.Record(status: .passed, checked: "2026-01-01T00:00:00Z")]
        let spanish = ActivitiesCommand.listing(.es, progress: records)
        #expect(spanish.contains("Terminar el notebook 1.1_RegresionLineal  [sin comprobar]"))
        #expect(spanish.contains("Terminar el notebook 1.4_Neurona_RegresionLogistica  [completada]"))
        #expect(ActivitiesCommand.listing(.en, progress: [:]).contains("Finish the notebook 1.7_shallowNN  [not checked]"))
    }

    @Test func theProgressFileKeepsEachActivitysLastStatus() throws {
        let folder = temporaryPath("progress")
        defer { try? FileManager.default.removeItem(at: folder) }
        let progress = ProgressFile(url: folder.appendingPathComponent("activities.json"))
        #expect(try progress.load().isEmpty)
        try progress.record(.wrong, activity: 3)
        try progress.record(.passed, activity: 3)
        try progress.record(.notDoneYet, activity: 8)
        let records = try progress.load()
        #expect(records[3]?.status == .passed && records[8]?.status == .notDoneYet && records.count == 2)
        // Written beside and renamed: no temporary file is left behind.
        try expectEqual(FileManager.default.contentsOfDirectory(atPath: folder.path), ["activities.json"])
    }

    @Test func anUnreadableProgressFileIsAnErrorNamingIt() throws {
        let url = temporaryPath("progress").appendingPathExtension("json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("{not json".utf8).write(to: url)
        do {
            _ = try ProgressFile(url: url).load()
            Issue.record("a broken progress file was read")
        } catch let error as ActivityError {
            #expect(error.description.contains(url.path))
        }
    }

    @Test func resetWritesTheOriginalBackAndKeepsTheStudentsVersion() throws {
        let root = temporaryPath("reset")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = ExerciseFiles(root: root), info = Catalog.all[3].info
        try FileManager.default.createDirectory(at: files.exercise(info).deletingLastPathComponent(), withIntermediateDirectories: true)
        let edited = Data("// my solution\n".utf8)
        try edited.write(to: files.exercise(info))
        #expect(!files.isUntouched(info))
        let backup = try files.reset(info, backups: root.appendingPathComponent("backups"))
        try expectEqual(Data(contentsOf: files.exercise(info)), ExerciseFiles.pristine(info))
        #expect(files.isUntouched(info))
        try expectEqual(backup.map { try Data(contentsOf: $0) }, edited)
        // An untouched file needs no backup.
        #expect(try files.reset(info, backups: root.appendingPathComponent("backups")) == nil)
    }

    @Test func theDefaultRootIsThisCheckout() {
        #expect(FileManager.default.fileExists(atPath: ExerciseFiles().root.appendingPathComponent("Package.swift").path))
    }

    /// A committed exercise file that nobody has edited is its pristine copy: a maintainer who
    /// changes one and not the other is told here (otherwise `reset` would write an old version
    /// back, and the "untouched" tests would silently be skipped). A student's edits, not
    /// committed, are left alone; without git (an unpacked archive) there is nothing to compare.
    @Test func theCommittedExerciseFilesAreTheirPristineCopies() throws {
        let files = ExerciseFiles()
        for entry in Catalog.all {
            let path = files.exercise(entry.info).path
            let git = Process()
            git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            git.arguments = ["git", "-C", files.root.path, "diff", "--quiet", "HEAD", "--", path]
            git.standardOutput = FileHandle.nullDevice
            git.standardError = FileHandle.nullDevice
            guard (try? git.run()) != nil else { return }
            git.waitUntilExit()
            if git.terminationStatus == 0 {
                #expect(files.isUntouched(entry.info), "\(entry.info.exerciseFile) differs from ActivityKit/Pristine/\(entry.info.exerciseFile)")
            }
        }
    }
}
