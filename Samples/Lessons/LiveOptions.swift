import ArgumentParser
import Foundation
import NeuronaCore
import NeuronaLab

/// `--live`: the samples that train on images show the run in the browser while it trains
/// (NeuronaLab's ``LiveView``), and keep the page up until Return is pressed.
struct LiveOptions: ParsableArguments {
    @Flag(help: "Show the training live in the browser (NeuronaLab's LiveView).") var live = false
    @Option(help: "The live view's port (0: any free one; the address is printed).") var livePort: UInt16 = 8081
    @Option(help: "The live view's IPv4 address; anything but 127.x.x.x opens it to the network.") var liveHost = "127.0.0.1"

    /// The flags among a lesson's arguments (others are left to the lesson).
    static func parse(lessonArguments arguments: [String], lesson: String) throws -> LiveOptions {
        var known: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--live" { known.append(argument) }
            if ["--live-port", "--live-host"].contains(argument) {
                known.append(argument)
                if i + 1 < arguments.count { known.append(arguments[i + 1]); i += 1 }
            } else if argument.hasPrefix("--live-port=") || argument.hasPrefix("--live-host=") {
                known.append(argument)
            }
            i += 1
        }
        do { return try LiveOptions.parse(known) } catch {
            throw ValidationError("\(lesson): " + LiveOptions.fullMessage(for: error))
        }
    }

    /// The live view for a run, started and announced, or nil without `--live`.
    /// - Parameters:
    ///   - title: The run's name on the page.
    ///   - probe: A small batch for the gradient norms.
    ///   - examples: A few test images, their labels and the class names, shown with the model's guesses.
    func start(title: String, probe: (x: Tensor, y: Tensor), examples: (images: Tensor, labels: Tensor, classNames: [String])) throws -> LiveView? {
        guard live else { return nil }
        if !LabServer.isLoopback(liveHost) {
            FileHandle.standardError.write(Data("warning: the live view listens on \(liveHost), not loopback: open to the network\n".utf8))
        }
        let view = try LiveView(port: livePort, host: liveHost, title: title, probe: probe, examples: examples)
        print("Live view: \(view.url)")
        fflush(stdout)
        return view
    }

    /// After training: keeps the page up until Return (or the end of the input).
    static func linger(_ view: LiveView?) {
        guard let view else { return }
        print("Training done; the live view stays at \(view.url) until you press Return.")
        fflush(stdout)
        _ = readLine()
        view.stop()
    }
}
