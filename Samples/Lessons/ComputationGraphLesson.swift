import NeuronaAutograd
import NeuronaCore
import NeuronaLab

/// Lectures 003 and 004: forward and backward passes over a computation graph.
///
/// First `f = (x + y)·z` at (-2, 5, -4): forward gives -12, backward gives ∂f/∂x = ∂f/∂y = z = -4
/// and ∂f/∂z = x + y = 3. Then a graph with two outputs that share a node,
/// `f(x1, x2, x3) = (4·x2 + x2² + 3·x3, x1·x2 + 3·x3)` at (1, 2, 2), with `E = y1 + y2`: the
/// shared `3·x3` is computed once, and its gradient is the sum over both uses.
public enum ComputationGraphLesson: Lesson {
    public static let name = "computation-graph"
    public static let lectures = ["003", "004"]
    public static let summary = "forward/backward on a DAG; a shared subexpression computed once"

    static func leaf(_ v: Double) -> Variable { Variable(Tensor(v, dtype: .float64), requiresGrad: true) }

    /// The lecture's two graphs with their values and gradients, as pictures (drawn before
    /// `backward()` frees them): f = (x + y)·z, and E = y1 + y2 sharing 3·x3.
    /// - Parameter language: the titles' language.
    public static func pictures(in language: Language = .en) throws -> [ComputationGraphPicture] {
        let x = leaf(-2), y = leaf(5), z = leaf(-4)
        let q = x + y
        let f = q * z
        let x1 = leaf(1), x2 = leaf(2), x3 = leaf(2)
        let shared = x3 * 3
        let y1 = x2 * 4 + x2 * x2 + shared
        let y2 = x1 * x2 + shared
        let e = y1 + y2
        return [
            try ComputationGraphPicture(of: f, names: ComputationGraphPicture.names([(x, "x"), (y, "y"), (z, "z"), (q, "q = x + y"), (f, "f = q · z")]),
                                        title: language.words("f = (x + y) · z at (-2, 5, -4)", "f = (x + y) · z en (-2, 5, -4)")),
            try ComputationGraphPicture(of: e, names: ComputationGraphPicture.names([(x1, "x1"), (x2, "x2"), (x3, "x3"), (shared, "3·x3 (shared)"),
                                                                                    (y1, "y1"), (y2, "y2"), (e, "E = y1 + y2")]),
                                        title: language.words("E = y1 + y2, y1 = 4·x2 + x2² + 3·x3, y2 = x1·x2 + 3·x3 at (1, 2, 2)",
                                                              "E = y1 + y2, y1 = 4·x2 + x2² + 3·x3, y2 = x1·x2 + 3·x3 en (1, 2, 2)")),
        ]
    }

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        // f = (x + y) · z
        let x = leaf(-2), y = leaf(5), z = leaf(-4)
        let q = x + y
        let f = q * z
        try f.backward()

        // Two outputs sharing 3·x3.
        let x1 = leaf(1), x2 = leaf(2), x3 = leaf(2)
        let shared = x3 * 3
        let y1 = x2 * 4 + x2 * x2 + shared
        let y2 = x1 * x2 + shared
        let e = y1 + y2
        try e.backward()
        let paths = try LessonPictures.writeGraphs(pictures(in: options.language), named: "computation-graph", in: options.outputDirectory)

        let figures: [String: JSONValue] = [
            "pictures": .array(paths.map { .string($0) }),
            "f": .number(f.value.item),
            "df_dx": .number(x.grad!.item), "df_dy": .number(y.grad!.item), "df_dz": .number(z.grad!.item),
            "y1": .number(y1.value.item), "y2": .number(y2.value.item),
            "dE_dx1": .number(x1.grad!.item), "dE_dx2": .number(x2.grad!.item), "dE_dx3": .number(x3.grad!.item),
        ]
        let text = """
        Computation graphs (lectures 003, 004)

        1. f = (x + y) · z at x = -2, y = 5, z = -4
           forward:  q = x + y = \(format(q.value.item)),  f = q · z = \(format(f.value.item))
           backward: ∂f/∂z = q = \(format(z.grad!.item))
                     ∂f/∂q = z = -4, and ∂q/∂x = ∂q/∂y = 1, so by the chain rule
                     ∂f/∂x = \(format(x.grad!.item)),  ∂f/∂y = \(format(y.grad!.item))

        2. y1 = 4·x2 + x2² + 3·x3,  y2 = x1·x2 + 3·x3,  E = y1 + y2 at (x1, x2, x3) = (1, 2, 2)
           forward:  y1 = \(format(y1.value.item)),  y2 = \(format(y2.value.item))
           The node 3·x3 feeds both outputs. It is one node, computed once; in the
           backward pass the gradients from its two uses are added: ∂E/∂(3·x3) = 1 + 1 = 2.
           backward: ∂E/∂x1 = x2 = \(format(x1.grad!.item))
                     ∂E/∂x2 = 4 + 2·x2 + x1 = \(format(x2.grad!.item))
                     ∂E/∂x3 = 3 · 2 = \(format(x3.grad!.item))

        The graphs with every value and gradient (SVG; also in the lab, `swift run -c release neurona-lab`):
        \(paths.map { "  " + $0 }.joined(separator: "\n"))
        """
        return LessonReport(text: text, figures: figures)
    }
}
