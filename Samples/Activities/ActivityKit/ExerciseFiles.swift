import Foundation

/// The files the student edits (`Samples/Activities/Exercises/`) and their pristine copies,
/// shipped as ActivityKit's resources (`Pristine/`), which `activities reset` writes back.
public struct ExerciseFiles {
    /// The package's root folder (the one holding Package.swift).
    public let root: URL

    /// The exercise files of the checkout at `root`, or of the checkout this program was built from.
    /// - Parameter root: The package's folder; the default is found from this source file's path.
    public init(root: URL? = nil) {
        // This file is <root>/Samples/Activities/ActivityKit/ExerciseFiles.swift.
        self.root = root ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The student's file of an activity.
    /// - Parameter activity: The activity.
    public func exercise(_ activity: ActivityInfo) -> URL {
        root.appendingPathComponent("Samples/Activities/Exercises").appendingPathComponent(activity.exerciseFile)
    }

    /// The pristine text of an activity's file.
    /// - Parameter activity: The activity.
    /// - Throws: ``ActivityError/missingPristineCopy(_:)`` when the resource is missing.
    public static func pristine(_ activity: ActivityInfo) throws -> Data {
        guard let url = Bundle.module.url(forResource: "Pristine/" + activity.exerciseFile, withExtension: nil),
              let data = try? Data(contentsOf: url) else {
            throw ActivityError.missingPristineCopy(activity.exerciseFile)
        }
        return data
    }

    /// Whether the student's file is still the pristine one.
    /// - Parameter activity: The activity.
    public func isUntouched(_ activity: ActivityInfo) -> Bool {
        (try? Data(contentsOf: exercise(activity))) == (try? Self.pristine(activity))
    }

    /// Writes the pristine file back over the student's, after keeping the student's version in
    /// `backups` (when it differs); returns the backup's URL, if one was made.
    /// - Parameters:
    ///   - activity: The activity.
    ///   - backups: The folder for the student's version.
    @discardableResult
    public func reset(_ activity: ActivityInfo, backups: URL) throws -> URL? {
        let target = exercise(activity)
        let pristine = try Self.pristine(activity)
        var backup: URL?
        if let current = try? Data(contentsOf: target), current != pristine {
            let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "-")
            let url = backups.appendingPathComponent("\(activity.exerciseFile).\(stamp)")
            try writeAtomically(current, to: url)
            backup = url
        }
        try writeAtomically(pristine, to: target)
        return backup
    }
}
