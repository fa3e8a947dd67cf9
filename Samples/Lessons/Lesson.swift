import Foundation

/// One lecture topic as a runnable sample: `swift run -c release samples <name>`.
///
/// A lesson computes its figures, explains them in words, and returns both: the text for a
/// person, the figures as JSON for tests and scripts (`samples <name> --json`).
public protocol Lesson {
    /// The topic's name on the command line (`computation-graph`).
    static var name: String { get }
    /// The lectures (000–004) it comes from.
    static var lectures: [String] { get }
    /// One line saying what it shows.
    static var summary: String { get }
    /// Runs the sample.
    static func run(_ options: LessonOptions) throws -> LessonReport
    /// ``summary`` in Spanish (`samples list --lang es`).
    static var spanishSummary: String { get }
    /// The explanation in Spanish (`--lang es`), built from the report's figures, citing the
    /// lecture and section it follows. Without the pictures' lines: ``report(_:)`` appends them.
    static func spanishText(_ report: LessonReport, options: LessonOptions) -> String
}

/// Settings the command line passes to every lesson; each lesson uses the ones it needs.
public struct LessonOptions: Sendable {
    public var seed: UInt64
    public var epochs: Int?
    public var batchSize: Int?
    public var dataDirectory: String?
    public var outputDirectory: String
    /// Train on only the first examples (tests use small runs; samples use everything).
    public var trainLimit: Int?
    /// No progress bar (tests).
    public var quiet: Bool
    /// The lesson's own flags, after the topic (`samples playground --dataset xor --hidden 8,8`).
    public var arguments: [String] = []
    /// The explanation's language (`--lang`); ``Lesson/report(_:)`` writes the text in it.
    public var language: Language = .en

    public init(seed: UInt64 = 42, epochs: Int? = nil, batchSize: Int? = nil,
                dataDirectory: String? = nil, outputDirectory: String = "Samples/Output",
                trainLimit: Int? = nil, quiet: Bool = false) {
        self.seed = seed
        self.epochs = epochs
        self.batchSize = batchSize
        self.dataDirectory = dataDirectory
        self.outputDirectory = outputDirectory
        self.trainLimit = trainLimit
        self.quiet = quiet
    }
}

/// What a lesson found: a readable explanation and its figures.
public struct LessonReport {
    /// The explanation, with the numbers, for a person.
    public var text: String
    /// The figures, keyed as the lesson's documentation and tests name them.
    public var figures: [String: JSONValue]

    public init(text: String, figures: [String: JSONValue]) {
        self.text = text
        self.figures = figures
    }

    /// The figures as one line of JSON with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(JSONValue.object(figures))) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// A number figure, for tests.
    public func number(_ key: String) -> Double? {
        if case .number(let v)? = figures[key] { return v }
        return nil
    }

    /// A list-of-numbers figure, for tests.
    public func numbers(_ key: String) -> [Double]? {
        guard case .array(let items)? = figures[key] else { return nil }
        return items.compactMap { if case .number(let v) = $0 { return v } else { return nil } }
    }
}

/// A JSON value: what a lesson's figures are made of.
public enum JSONValue: Encodable, Equatable, Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let v):
            if v == v.rounded() && Swift.abs(v) < 1e15 { try container.encode(Int64(v)) } else { try container.encode(v) }
        case .string(let s): try container.encode(s)
        case .bool(let b): try container.encode(b)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }

    /// A list of numbers.
    public static func numbers(_ values: [Double]) -> JSONValue { .array(values.map { .number($0) }) }
}

/// Every lesson, in the order of the lectures.
public enum Lessons {
    public static let all: [any Lesson.Type] = [
        TensorsLesson.self,
        NeuronLesson.self,
        FeedforwardLesson.self,
        BackpropLesson.self,
        GenderLesson.self,
        ComputationGraphLesson.self,
        XORLesson.self,
        ActivationsLesson.self,
        OptimizersLesson.self,
        LinearRegressionLesson.self,
        LogisticRegressionLesson.self,
        IrisLesson.self,
        DiabetesLesson.self,
        ShallowMNISTLesson.self,
        FashionMNISTLesson.self,
        DistributedLesson.self,
        ConvolutionLesson.self,
        CNNLesson.self,
        AutoencoderLesson.self,
        AugmentationLesson.self,
        ResidualLesson.self,
        ArchitecturesLesson.self,
        SequenceLesson.self,
        TextClassifierLesson.self,
        PlaygroundLesson.self,
        InteropLesson.self,
    ]

    /// The lesson called `name`, if any.
    public static func named(_ name: String) -> (any Lesson.Type)? {
        all.first { $0.name == name }
    }
}

/// Formats a number for the explanations: up to `digits` decimals, trailing zeros dropped.
/// `count` and `noun`, the noun in the plural unless the count is 1: "1 epoch", "5 epochs".
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

func format(_ value: Double, _ digits: Int = 4) -> String {
    var s = String(format: "%.\(digits)f", value)
    if s.contains(".") {
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
    }
    return s == "-0" ? "0" : s
}
