import Foundation
import Lessons
import Testing
import _NeuronaTestSupport

/// Every figure the issue-4 samples print, against the lectures.
struct LayerLessonTests {
    static func options(epochs: Int? = nil) -> LessonOptions {
        LessonOptions(epochs: epochs, outputDirectory: temporaryPath("lessons").path)
    }

    @Test func neuron() throws {
        // σ(0·2 + 1·3 + 4) = σ(7) = 0.9990889488 (lecture: 0.999)
        let r = try NeuronLesson.run(Self.options())
        #expect(abs(r.number("output")! - 0.99908894880559940) < 1e-12)
    }

    @Test func feedforward() throws {
        let r = try FeedforwardLesson.run(Self.options())
        #expect(abs(r.number("h1")! - 0.9525741268224334) < 1e-12)    // σ(3); Python: 1/(1+math.exp(-3))
        #expect(abs(r.number("h2")! - 0.95257412682243336) < 1e-12)
        #expect(abs(r.number("o1")! - 0.7216325609518421) < 1e-12)    // σ(σ(3)); Python: s(s(3))
    }

    @Test func genderTrainingLowersTheLossAndClassifiesNewPeople() throws {
        let r = try GenderLesson.run(Self.options())
        let initial = r.number("initial_loss")!, final = r.number("final_loss")!
        #expect(final < initial / 50, "loss \(initial) → \(final)")
        guard case .object(let predictions)? = r.figures["predictions"],
              case .number(let emily)? = predictions["Emily"], case .number(let frank)? = predictions["Frank"] else {
            Issue.record("no predictions")
            return
        }
        #expect(emily > 0.9 && frank < 0.1)
    }

    @Test func xor() throws {
        let r = try XORLesson.run(Self.options())
        #expect(abs(r.number("linear_alpha")! - 0.5) < 1e-12)
        #expect(r.numbers("linear_beta")!.allSatisfy { abs($0) < 1e-12 })
        #expect(r.numbers("linear_predictions")!.allSatisfy { abs($0 - 0.5) < 1e-12 })
        expectEqual(r.numbers("hand_predictions"), [0, 1, 1, 0])
        expectEqual(r.number("trained_accuracy"), 1)
        let trained = r.numbers("trained_predictions")!
        #expect(trained[0] < 0.1 && trained[1] > 0.9 && trained[2] > 0.9 && trained[3] < 0.1)
    }

    @Test func sameSeedSameNumbers() throws {
        let a = try XORLesson.run(Self.options()).numbers("trained_predictions")
        let b = try XORLesson.run(Self.options()).numbers("trained_predictions")
        expectEqual(a, b)
        let c = try XORLesson.run(LessonOptions(seed: 7)).numbers("trained_predictions")
        #expect(a != c)
    }

    @Test func activationDerivativesMatchTheirClosedForms() throws {
        let r = try ActivationsLesson.run(Self.options())
        #expect(r.number("max_derivative_error")! < 1e-6)
        guard case .object(let errors)? = r.figures["errors"] else { Issue.record("no errors"); return }
        #expect(Set(errors.keys) == ["relu", "sigmoid", "tanh", "leaky_relu", "softplus", "hard_tanh", "cos", "rbf",
                                     "elu", "gelu", "swish", "softmax"])
    }

    @Test func optimizersAllReachTheNoiseFloorRegion() throws {
        let options = Self.options()
        let r = try OptimizersLesson.run(options)
        guard case .object(let finals)? = r.figures["final_loss"] else { Issue.record("no final_loss"); return }
        expectEqual(Set(finals.keys), ["batch_gd", "sgd", "minibatch_gd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam"])
        for (name, value) in finals {
            guard case .number(let loss) = value else { continue }
            // Start: about 14. The noise floor: about 0.01.
            #expect(loss < 0.2, "\(name): \(loss)")
            #expect(loss > 0.005, "\(name): \(loss) is below the noise floor")
        }
        let csv = try String(contentsOfFile: options.outputDirectory + "/optimizers.csv", encoding: .utf8)
        let lines = csv.split(separator: "\n")
        expectEqual(lines.first, "step,batch_gd,sgd,minibatch_gd,momentum,nesterov,adagrad,adadelta,rmsprop,adam")
        expectEqual(lines.count, 202)
        #expect(FileManager.default.fileExists(atPath: options.outputDirectory + "/optimizers.svg"))
    }
}
