import Foundation

/// The page's files, read once from the module's resources at start: the server reads no other
/// file, and a request can only name one of these.
struct LabAssets: Sendable {
    /// The file names the server serves, with their content types.
    static let files = ["index.html": "text/html; charset=utf-8", "lab.js": "text/javascript; charset=utf-8",
                        "lab.css": "text/css; charset=utf-8"]
    /// The files' contents by name.
    let contents: [String: Data]

    /// Reads the files.
    /// - Throws: ``LabError/badRequest(_:)`` when the build lost its resources.
    init() throws {
        // The copied folder `Resources` (SwiftPM's `.copy("Resources")`).
        guard let folder = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw LabError.badRequest("the lab's page files are missing from the build (Bundle.module has no resources)")
        }
        var contents: [String: Data] = [:]
        for name in Self.files.keys {
            let url = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw LabError.badRequest("the lab's page file \(url.path) is missing from the build")
            }
            contents[name] = data
        }
        self.contents = contents
    }
}
