import ArgumentParser
import Lessons
@testable import SamplesCLI
import Testing
import _NeuronaTestSupport

/// The `samples` command line: `--lang`.
struct SamplesCommandTests {
    @Test func anUnknownLanguageIsRefusedWithTheKnownOnes() {
        #expect(throws: (any Error).self) { try SamplesCommand.parse(["xor", "--lang", "de"]) }
        do {
            _ = try SamplesCommand.parse(["xor", "--lang", "de"])
        } catch {
            let message = SamplesCommand.message(for: error)
            expectEqual(message, "unknown language 'de' for --lang; the languages are en, es", "\(message)")
        }
    }

    @Test func spanishAndEnglishAreKnownInAnyCase() throws {
        try expectEqual(SamplesCommand.parse(["xor", "--lang", "es"]).language, .es)
        try expectEqual(SamplesCommand.parse(["xor", "--lang", "ES"]).language, .es)
        try expectEqual(SamplesCommand.parse(["list"]).language, .en)
    }
}
