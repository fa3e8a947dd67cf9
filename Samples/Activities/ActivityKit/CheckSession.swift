import NeuronaCore

/// Runs an exercise's functions one by one and collects a ``Finding`` for each: the checkers are
/// written with it.
///
///     var session = CheckSession()
///     session.check("cost(predictions:targets:)", reread: info.section("…"),
///                   passed: LocalizedText(en: "right on 3 batches", es: "correcto en 3 lotes")) { f in
///         let got = try f.call { try exercise.cost(predictions: p, targets: y) }
///         try f.expect(got, equals: expected, quantity: cost, context: batch, mistakes: [(.missingHalf, 2 * expected)])
///     }
public struct CheckSession {
    /// The findings so far, one per function checked.
    public private(set) var findings: [Finding] = []

    /// An empty session.
    public init() {}

    /// Whether every function checked so far is right.
    public var allRight: Bool { findings.allSatisfy { $0.verdict == .right } }

    /// Checks one function: `body` calls it through ``FunctionCheck/call(_:)`` and compares its
    /// answers with ``FunctionCheck/expect(_:equals:quantity:context:mistakes:)``; the first wrong
    /// answer, or ``NotDoneYet``, ends the function's check.
    /// - Parameters:
    ///   - function: The function's name, as Swift writes it.
    ///   - reread: The lecture section to reread when it is wrong.
    ///   - passed: What the finding says when every case is right.
    ///   - prerequisites: Functions of the exercise this one calls (`predict` calls `sigmoid`):
    ///     until they are right, this one waits, so that one mistake is reported once.
    ///   - body: The cases.
    public mutating func check(_ function: String, reread: LocalizedText, passed: LocalizedText,
                               after prerequisites: [String] = [], _ body: (FunctionCheck) throws -> Void) {
        let waitingFor = prerequisites.filter { name in !findings.contains { $0.function == name && $0.verdict == .right } }
        guard waitingFor.isEmpty else {
            let names = waitingFor.joined(separator: ", ")
            findings.append(Finding(.notDone, function: function, message: .init(
                en: "waits: it is checked once \(names) is right", es: "en espera: se comprueba cuando \(names) sea correcta")))
            return
        }
        let check = FunctionCheck(function: function, reread: reread)
        do {
            try body(check)
            findings.append(Finding(.right, function: function, message: passed))
        } catch is FunctionCheck.Stop {
            findings.append(check.outcome!)
        } catch {
            // An error of the checker's own (a data file missing, …), not of the student's code.
            findings.append(Finding(.wrong, function: function, message: .init(
                en: "could not be checked: \(error)", es: "no se pudo comprobar: \(error)")))
        }
    }
}

/// The cases of one function: calls into the student's code and comparisons with the expected
/// answers.
public final class FunctionCheck {
    /// Thrown to end a function's check once its outcome is known.
    struct Stop: Error {}

    let function: String
    let reread: LocalizedText
    var outcome: Finding?

    init(function: String, reread: LocalizedText) {
        self.function = function
        self.reread = reread
    }

    /// Relative tolerance of a comparison. The cases are small (at most a few dozen terms of
    /// size ≤ 10³ in float64), so a right answer computed in any order differs from the expected
    /// one by less than terms × ε64 × size ≈ 50 × 2.2e-16 × 10³ ≈ 1e-11 relative to the
    /// largest magnitude involved; 1e-8 leaves room for a different but right formula
    /// (`σ(z)·(1 − σ(z))` against `e⁻ᶻ/(1 + e⁻ᶻ)²`) while every typical mistake is off by far more.
    public static let relativeTolerance = 1e-8

    /// Runs the student's code; ``NotDoneYet`` ends the check as "not done yet", any other error
    /// as wrong, with the error's text.
    /// - Parameter body: The call into the student's code.
    public func call<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let notDone as NotDoneYet {
            // Name the function that threw when it is another one (a helper of the student's).
            let other = notDone.function == function ? "" : " \(notDone.function)"
            outcome = Finding(.notDone, function: function, message: .init(
                en: "not done yet (\(other.isEmpty ? "it" : other.dropFirst()) still throws NotDoneYet)",
                es: "aún no está hecha (\(other.isEmpty ? "todavía lanza" : "\(other.dropFirst()) todavía lanza") NotDoneYet)"))
            throw Stop()
        } catch {
            return try fail(.init(en: "threw an error: \(error)", es: "lanzó un error: \(error)"), mistake: nil)
        }
    }

    /// Ends the check as wrong with `message`, naming `mistake` when there is one.
    /// - Parameters:
    ///   - message: What is wrong.
    ///   - mistake: The typical mistake recognized.
    public func fail<T>(_ message: LocalizedText, mistake: Mistake?) throws -> T {
        outcome = Finding(.wrong, function: function, message: message, mistake: mistake, reread: reread)
        throw Stop()
    }

    /// Ends the check as wrong unless `condition` holds.
    /// - Parameters:
    ///   - condition: What must hold.
    ///   - message: What is wrong when it does not.
    ///   - mistake: The typical mistake it is.
    public func require(_ condition: Bool, _ message: LocalizedText, mistake: Mistake? = nil) throws {
        if !condition { let _: Void = try fail(message, mistake: mistake) }
    }

    /// Compares an answer with the expected values; when they differ, names the typical mistake
    /// whose values the answer matches, if any.
    /// - Parameters:
    ///   - got: The student's answer.
    ///   - expected: The right answer.
    ///   - quantity: What it is, as the feedback names it ("the bias gradient").
    ///   - context: The case, after the numbers ("for this 4-example batch").
    ///   - mistakes: What each typical mistake would have given on this case.
    public func expect(_ got: [Double], equals expected: [Double], quantity: LocalizedText, context: LocalizedText,
                       mistakes: [(Mistake, [Double])] = []) throws {
        guard got.count == expected.count else {
            try fail(.init(en: "\(capitalized(quantity.en)) has \(got.count) values where \(expected.count) were expected \(context.en).",
                           es: "\(capitalized(quantity.es)) tiene \(got.count) valores donde se esperaban \(expected.count) \(context.es)."),
                     mistake: nil) as Void
            return
        }
        if Self.close(got, expected) { return }
        let mistake = mistakes.first { Self.close(got, $0.1) }?.0
        let index = expected.indices.first { !Self.close([got[$0]], [expected[$0]]) } ?? 0
        let at = expected.count > 1 ? " [\(index)]" : ""
        let numbers = (en: "expected\(at) \(formatted(expected[index])), got \(formatted(got[index])) \(context.en)",
                       es: "se esperaba\(at) \(formatted(expected[index])), se obtuvo \(formatted(got[index])) \(context.es)")
        let phrase = mistake?.phrase ?? LocalizedText(en: "is wrong", es: "no es correcto")
        try fail(.init(en: "\(capitalized(quantity.en)) \(phrase.en): \(numbers.en).",
                       es: "\(capitalized(quantity.es)) \(phrase.es): \(numbers.es)."), mistake: mistake) as Void
    }

    /// Compares a tensor answer with the expected tensor: shape first, then values.
    /// - Parameters:
    ///   - got: The student's answer.
    ///   - expected: The right answer.
    ///   - quantity: What it is.
    ///   - context: The case.
    ///   - mistakes: What each typical mistake would have given.
    public func expect(_ got: Tensor, equals expected: Tensor, quantity: LocalizedText, context: LocalizedText,
                       mistakes: [(Mistake, Tensor)] = []) throws {
        guard got.shape == expected.shape else {
            let mistake = mistakes.first { $0.1.shape == got.shape && Self.close($0.1.doubles, got.doubles) }?.0
            let phrase = mistake.map { LocalizedText(en: " (it \($0.phrase.en))", es: " (\($0.phrase.es))") } ?? .init(en: "", es: "")
            try fail(.init(en: "\(capitalized(quantity.en)) has shape \(got.shape), expected \(expected.shape) \(context.en)\(phrase.en).",
                           es: "\(capitalized(quantity.es)) tiene forma \(got.shape), se esperaba \(expected.shape) \(context.es)\(phrase.es)."),
                     mistake: mistake) as Void
            return
        }
        try expect(got.doubles, equals: expected.doubles, quantity: quantity, context: context,
                   mistakes: mistakes.filter { $0.1.shape == expected.shape }.map { ($0.0, $0.1.doubles) })
    }

    /// Whether two lists agree within ``relativeTolerance`` of their largest magnitude.
    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        guard a.count == b.count else { return false }
        let scale = Swift.max(1, (a + b).map { Swift.abs($0) }.filter(\.isFinite).max() ?? 1)
        return zip(a, b).allSatisfy { Swift.abs($0 - $1) <= relativeTolerance * scale }
    }

    private func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
