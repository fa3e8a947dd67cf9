import Foundation
import Lessons
import NeuronaAutograd
import NeuronaCore
import NeuronaLab
import Testing
import _NeuronaTestSupport

/// The computation graph as a picture: the nodes, their values and gradients, the layout.
struct ComputationGraphPictureTests {
    static func leaf(_ v: Double) -> Variable { Variable(Tensor(v, dtype: .float64), requiresGrad: true) }

    @Test func theLecturesGraphCarriesItsValuesAndGradients() throws {
        // f = (x + y)·z at (-2, 5, -4): q = 3, f = -12; ∂f/∂x = ∂f/∂y = z = -4, ∂f/∂z = q = 3, ∂f/∂q = -4.
        let x = Self.leaf(-2), y = Self.leaf(5), z = Self.leaf(-4)
        let q = x + y
        let f = q * z
        let picture = try ComputationGraphPicture(of: f, names: ComputationGraphPicture.names([(x, "x"), (y, "y"), (z, "z"), (q, "q"), (f, "f")]))
        let byName = Dictionary(uniqueKeysWithValues: picture.nodes.map { ($0.name, $0) })
        expectEqual(picture.nodes.count, 5)
        #expect(byName["f"]?.value == "-12" && byName["f"]?.gradient == "1")
        #expect(byName["q"]?.value == "3" && byName["q"]?.gradient == "-4")
        #expect(byName["x"]?.gradient == "-4" && byName["y"]?.gradient == "-4" && byName["z"]?.gradient == "3")
        #expect(byName["q"]?.op == "add" && byName["f"]?.op == "multiply" && byName["x"]?.op == "leaf")
        // Columns: leaves 0, q 1, f 2 (z is a leaf too, beside x and y).
        let columns: [Int] = ["x", "z", "q", "f"].map { byName[$0]?.column ?? -1 }
        expectEqual(columns, [0, 0, 1, 2])
        // Drawing left the gradients alone and the graph recorded: backward still works.
        #expect(x.grad == nil)
        try f.backward()
        expectEqual(x.grad?.item, -4)
        // One box per variable, one op circle per computed one.
        expectEqual(picture.svg.components(separatedBy: "class=\"node\"").count - 1, 5)
        expectEqual(picture.svg.components(separatedBy: "class=\"op\"").count - 1, 2)
        #expect(picture.svg.contains("data -12  ·  grad 1"))
    }

    @Test func aSharedNodeIsDrawnOnceWithTheSumOfItsGradients() throws {
        let x1 = Self.leaf(1), x2 = Self.leaf(2), x3 = Self.leaf(2)
        let shared = x3 * 3
        let e = (x2 * 4 + x2 * x2 + shared) + (x1 * x2 + shared)
        let picture = try ComputationGraphPicture(of: e, names: ComputationGraphPicture.names([(shared, "3·x3"), (x3, "x3"), (x2, "x2")]))
        expectEqual(picture.nodes.filter { $0.name == "3·x3" }.count, 1)
        // ∂E/∂(3·x3) = 1 + 1 (two uses); ∂E/∂x3 = 6; ∂E/∂x2 = 4 + 2·x2 + x1 = 9.
        expectEqual(picture.nodes.first { $0.name == "3·x3" }?.gradient, "2")
        expectEqual(picture.nodes.first { $0.name == "x3" }?.gradient, "6")
        expectEqual(picture.nodes.first { $0.name == "x2" }?.gradient, "9")
        // Every edge goes left to right.
        for node in picture.nodes { for i in node.inputs { #expect(picture.nodes[i].column < node.column) } }
    }

    @Test func theSamplesWriteTheirGraphs() throws {
        let folder = temporaryFolder("lab-graphs").path
        let report = try BackpropLesson.run(LessonOptions(outputDirectory: folder, quiet: true))
        guard case .array(let items)? = report.figures["pictures"], case .string(let path)? = items.first else {
            Issue.record("no picture listed"); return
        }
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<svg"))
        // The lecture's ∂L/∂w1 ≈ 0.0214695 is the [0, 0] entry of the hidden weights' gradient.
        let weights = try BackpropLesson.pictures()[0].nodes.first { $0.name.hasPrefix("hidden weights") }
        expectEqual(weights?.gradient.hasPrefix("[0.02147"), true)
        try expectEqual(ComputationGraphLesson.pictures().count, 2)
    }
}
