import ArgumentParser
import Lessons

/// `samples`: one sample per lecture topic.
///
///     samples list
///     samples computation-graph
///     samples backprop --json
///     samples xor --lang es
@main
struct SamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples",
        abstract: "Neurona's lessons: one runnable sample per lecture topic.",
        discussion: """
            With --json, the last line of output is one JSON object with the sample's figures. With --lang es, \
            the explanation is in Spanish, the lectures' language, citing the lecture and section it follows \
            (the JSON keys stay the same; `samples list --lang es` lists the topics in Spanish). The topics:
            """ + "\n" + Lessons.all.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n")
    )

    @Argument(help: "The topic to run, or `list`.")
    var topic: String

    @Flag(help: "Print the figures as one JSON object on the last line.")
    var json = false

    @Option(help: "Language of the explanation: \(Language.codes) (es: Spanish, the lectures' language).") var lang = Language.en.rawValue
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Option(help: "Training epochs (samples that train).") var epochs: Int?
    @Option(help: "Batch size (samples that train).") var batchSize: Int?
    @Option(help: "Folder holding the data set files (the four MNIST-layout .gz files); the samples read it and only it, and stop naming it when the files are not there.") var dataDir: String?
    @Option(name: [.customLong("output"), .customLong("output-dir")],
            help: "Folder for the pictures and CSV files the sample writes (default: samples-output/<topic>).") var output: String?
    @Option(help: "Train on the first N examples only (samples that train on a data set; tests use short runs).") var trainLimit: Int?
    @Argument(parsing: .allUnrecognized, help: "The sample's own flags, after the topic (playground: --dataset --points --noise --train-ratio --features --hidden --activation --learning-rate --regularization --regularization-rate --batch; augmentation: --runs; fashion-mnist and cnn: --live --live-port --live-host).") var lessonArguments: [String] = []

    /// The `--lang` value as a ``Language``.
    var language: Language {
        get throws { try Language(code: lang) }
    }

    func validate() throws { _ = try language }

    func run() throws {
        let language = try language
        if topic == "list" {
            let width = Lessons.all.map { $0.name.count }.max() ?? 0
            for lesson in Lessons.all {
                let name = lesson.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let lectures = language == .en ? "lectures" : lesson.lectures.count == 1 ? "lección" : "lecciones"
                print("\(name)  \(lectures) \(lesson.lectures.joined(separator: ", ")): \(lesson.summary(in: language))")
            }
            return
        }
        guard let lesson = Lessons.named(topic) else {
            throw ValidationError("unknown topic '\(topic)'; run `samples list` for the topics: \(Lessons.all.map { $0.name }.joined(separator: ", "))")
        }
        var options = LessonOptions(seed: seed, epochs: epochs, batchSize: batchSize,
                                    dataDirectory: dataDir, outputDirectory: output ?? "samples-output/\(topic)",
                                    trainLimit: trainLimit)
        options.arguments = lessonArguments
        options.language = language
        let report = try lesson.report(options)
        print(report.text)
        if json { print(report.json) }
    }
}
