import Lessons
import Testing
import _NeuronaTestSupport

/// Every figure the `computation-graph` and `backprop` samples print, against the lectures.
struct AutogradLessonTests {
    @Test func computationGraph() throws {
        let r = try ComputationGraphLesson.run(LessonOptions())
        expectEqual(r.number("f"), -12)
        #expect(r.number("df_dx") == -4 && r.number("df_dy") == -4 && r.number("df_dz") == 3)
        #expect(r.number("y1") == 18 && r.number("y2") == 8)
        #expect(r.number("dE_dx1") == 2 && r.number("dE_dx2") == 9 && r.number("dE_dx3") == 6)
        #expect(r.json.hasPrefix("{\"dE_dx1\":2,"))
    }

    @Test func backpropAliceExample() throws {
        let r = try BackpropLesson.run(LessonOptions())
        // Lecture 000: h1 = 0.0474, o1 = 0.524, ∂L/∂w1 = -0.952 · 0.249 · -0.0904 = 0.0214.
        #expect(abs(r.number("h1")! - 0.0474) < 5e-5)
        #expect(abs(r.number("o1")! - 0.524) < 5e-4)
        #expect(abs(r.number("dL_dypred")! - -0.9526) < 5e-5)   // the lecture truncates to -0.952
        #expect(abs(r.number("dypred_dh1")! - 0.249) < 5e-4)
        #expect(abs(r.number("dh1_dw1")! - -0.0904) < 5e-5)
        #expect(abs(r.number("dL_dw1")! - 0.0214695) < 5e-8)
        #expect(abs(r.number("autograd_dL_dw1")! - r.number("dL_dw1")!) < 1e-9)
    }

    @Test func everyLessonHasAUniqueName() {
        let names = Lessons.all.map { $0.name }
        expectEqual(Set(names).count, names.count)
        #expect(Lessons.named("backprop") != nil && Lessons.named("nope") == nil)
    }
}

/// The Core tour: lecture 004's house prices by least squares.
struct TensorsLessonTests {
    @Test func housePricesLeastSquares() throws {
        let folder = temporaryPath("tensors-lesson")
        let r = try TensorsLesson.run(LessonOptions(outputDirectory: folder.path))
        // numpy.polyfit(sizes, prices, 1) → [1095.44102353, 43013.02157038]
        #expect(abs(r.number("lstsq_slope")! - 1095.44102353) < 1e-6)
        #expect(abs(r.number("lstsq_intercept")! - 43013.02157038) < 1e-5)
        expectEqual(r.number("rank"), 2)
        #expect(abs(r.number("standardized_mean")!) < 1e-12)
        expectEqual(r.figures["reloaded_equal"], .bool(true))
    }
}

import Foundation
