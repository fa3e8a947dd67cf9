import ArgumentParser
import Foundation
import Lessons
import NeuronaLab

/// `neurona-lab`: the lab's web server. The playground trains in Swift, on this machine; the
/// page only draws.
///
///     swift run -c release neurona-lab              # then open http://127.0.0.1:8080
///     swift run -c release neurona-lab --port 9000
@main
struct NeuronaLabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neurona-lab",
        abstract: "Neurona's lab: the TensorFlow playground trained by Neurona, and the lectures' computation graphs, in the browser.")

    @Option(help: "The TCP port.") var port: UInt16 = 8080
    @Option(help: "The IPv4 address to listen on. Anything but 127.x.x.x opens the lab (and this machine's CPU) to the network.")
    var host = "127.0.0.1"

    func run() async throws {
        if !LabServer.isLoopback(host) {
            FileHandle.standardError.write(Data("""
                neurona-lab: warning: listening on \(host), not loopback: anyone who can reach this machine \
                on port \(port) can use the lab and its CPU.

                """.utf8))
        }
        let graphs = try ComputationGraphLesson.pictures() + BackpropLesson.pictures()
        let server = try LabServer(host: host, port: port, graphs: graphs)
        let serving: Task<Void, Never>
        do {
            let listening: UInt16
            (listening, serving) = try await server.start()
            print("Neurona lab: http://\(host):\(listening)/  (Ctrl-C stops it)")
            fflush(stdout)   // the address reaches a pipe (scripts, tests) at once
        } catch {
            throw ValidationError("neurona-lab: cannot listen on \(host):\(port): \(error)")
        }
        await serving.value
    }
}
