import Foundation
import Neurona
import Testing
import _NeuronaTestSupport

/// README.md, checked against the repository: every path it names exists, and the code of
/// "Use Neurona in your package" runs (on a few Fashion-MNIST-shaped images, not the data set).
struct ReadmeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let readme = (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// The repository's paths README names: `code` spans and link targets that start with a
    /// top-level folder of the repository or name one of its files (`ARCHITECTURE.md`).
    /// Machine paths (`/usr/share/...`, `~/.cache`), outputs (`samples-output/<topic>`) and
    /// placeholders (`<org>`) are not the repository's.
    static func namedPaths(in text: String) -> [String] {
        let topLevel = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let folders = Set(topLevel.filter { !$0.hasPrefix(".") })
        var candidates: [String] = []
        for pattern in [#"`([^`\n]+)`"#, #"\]\(([^)#\s]+)\)"#] {
            let regex = try! NSRegularExpression(pattern: pattern)
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                candidates.append(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        return candidates.filter { path in
            guard !path.contains(" "), !path.contains("<"), !path.hasPrefix("http") else { return false }
            let first = String(path.split(separator: "/").first ?? "")
            return folders.contains(first) && (path.contains("/") || path.contains("."))
        }
    }

    @Test func everyPathReadmeNamesExists() {
        let paths = Self.namedPaths(in: Self.readme)
        // The check sees README's paths at all (the layout table alone names over twenty).
        #expect(paths.count > 20, "\(paths)")
        #expect(paths.contains("Scripts/release-checks.sh") && paths.contains("ARCHITECTURE.md"))
        let missing = paths.filter { !FileManager.default.fileExists(atPath: Self.root.appendingPathComponent($0).path) }
        #expect(missing.isEmpty, "README names paths that are not in the repository: \(missing)")
    }

    @Test func theCheckFindsAMissingPath() {
        expectEqual(Self.namedPaths(in: "see `Modules/NoSuchModule/File.swift` and [x](NOSUCH.md)").count, 1)
        expectEqual(Self.namedPaths(in: "`Modules/NeuronaCore` and `samples-output/<topic>` and `/usr/share/datasets`"), ["Modules/NeuronaCore"])
    }

    /// The snippet's calls, on 64 random 28×28 "images" with pixel values 0–255.
    @Test func theUseNeuronaSnippetRuns() throws {
        var generator = RandomGenerator(seed: 1)
        let images = (Tensor.uniform([64, 28, 28], using: &generator) * 255).rounded()
        let labels = Tensor((0..<64).map { Int64($0 % 10) }, shape: [64])
        let trainImages = images / 255
        let model = Model(try Sequential([Flatten(), Dense(units: 128, activation: .relu),
                                          Dense(units: 10, activation: .softmax)], inputShape: [28, 28]))
        try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        var lines: [String] = []
        model.summary { lines.append($0) }
        expectEqual(lines.last, "Non-trainable params: 0")
        try model.fit(x: trainImages, y: labels, epochs: 1, batchSize: 32, verbose: .silent)
        let (loss, accuracy) = try model.evaluate(x: trainImages, y: labels).lossAnd("accuracy")
        #expect(loss.isFinite && (0...1).contains(accuracy))
    }
}
