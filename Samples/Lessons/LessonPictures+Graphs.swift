import Foundation
import NeuronaLab

extension LessonPictures {
    /// Writes each graph as `<name>-<n>.svg` in `folder` (beside, then renamed: never half a
    /// file) and returns the paths.
    static func writeGraphs(_ pictures: [ComputationGraphPicture], named name: String, in folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try pictures.enumerated().map { i, picture in
            let path = URL(fileURLWithPath: folder).appendingPathComponent("\(name)-\(i + 1).svg").path
            try picture.svg.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    /// The paths under `figures["pictures"]`, one per line, indented (for the Spanish texts).
    static func listed(_ report: LessonReport) -> String {
        guard case .array(let items)? = report.figures["pictures"] else { return "" }
        return items.compactMap { if case .string(let s) = $0 { return "  " + s } else { return nil } }.joined(separator: "\n")
    }
}
