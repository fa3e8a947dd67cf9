import Foundation
import NeuronaAutograd
import NeuronaCore

/// The recorded computation graph of a `Variable` as an SVG picture, in the spirit of
/// micrograd's `draw_dot`: each variable a box with its name, value and gradient, each op a
/// circle feeding it, edges from inputs to ops, laid out in columns from the leaves (left) to
/// the output (right). No Graphviz: a node's column is its longest distance from a leaf, and
/// within a column nodes follow the mean row of their inputs.
///
/// ```swift
/// let x = Variable(Tensor(-2.0, dtype: .float64), requiresGrad: true)
/// let f = (x + 5) * x
/// let picture = try ComputationGraphPicture(of: f, names: [x: "x", f: "f"])
/// try picture.svg.write(toFile: "f.svg", atomically: true, encoding: .utf8)
/// ```
public struct ComputationGraphPicture: Codable, Equatable, Sendable {
    /// One variable of the graph.
    public struct Node: Codable, Equatable, Sendable {
        /// The name given, or the op and a number (`mul 3`), or `leaf 1`.
        public var name: String
        /// The op that produced it (`leaf` for an input or parameter).
        public var op: String
        /// Its value, as text (a scalar's digits, or a small tensor's).
        public var value: String
        /// The gradient of the output with respect to it, as text.
        public var gradient: String
        /// The indices (in ``nodes``) of the variables its op read.
        public var inputs: [Int]
        /// Its column (0: leaves) and row in the picture.
        public var column: Int, row: Int
    }

    /// A title drawn above the graph.
    public var title: String
    /// The variables, inputs before the variables computed from them; the output last.
    public var nodes: [Node]
    /// The SVG document.
    public var svg: String

    /// The graph that computed `output`, with the gradient of `output` with respect to every
    /// node (computed here by ``gradients(of:withRespectTo:seed:createGraph:retainGraph:)``,
    /// leaving every `.grad` untouched and the graph recorded).
    ///
    /// Draw it before `output.backward()` frees the graph, or after `backward(retainGraph: true)`.
    /// - Parameters:
    ///   - output: The variable whose graph to draw.
    ///   - names: Names for some variables (the others are named by their op).
    ///   - title: A title above the picture.
    /// - Throws: An autograd error from computing the gradients.
    public init(of output: Variable, names: [ObjectIdentifier: String] = [:], title: String = "") throws {
        var order: [Variable] = []
        var index: [ObjectIdentifier: Int] = [:]
        func visit(_ v: Variable) {
            guard index[ObjectIdentifier(v)] == nil else { return }
            for input in v.inputs { visit(input) }
            index[ObjectIdentifier(v)] = order.count
            order.append(v)
        }
        visit(output)
        let needing = order.filter(\.requiresGrad)
        var gradient: [ObjectIdentifier: Tensor] = [:]
        if output.requiresGrad {
            let seed = Tensor([Double](repeating: 1, count: output.value.count), shape: output.shape, dtype: output.dtype)
            let grads = try gradients(of: output, withRespectTo: needing, seed: seed, retainGraph: true)
            for (v, g) in zip(needing, grads) { gradient[ObjectIdentifier(v)] = g.value }
        }
        var counts: [String: Int] = [:]
        var nodes: [Node] = []
        var column: [Int] = []
        for v in order {
            let inputs = v.inputs.map { index[ObjectIdentifier($0)]! }
            column.append((inputs.map { column[$0] + 1 }.max()) ?? 0)
            counts[v.opName, default: 0] += 1
            let name = names[ObjectIdentifier(v)] ?? "\(v.opName) \(counts[v.opName]!)"
            nodes.append(Node(name: name, op: v.opName, value: Self.text(v.value),
                              gradient: gradient[ObjectIdentifier(v)].map(Self.text) ?? "—", inputs: inputs,
                              column: column.last!, row: 0))
        }
        // Rows: leaves in the order met; then each column by the mean row of its inputs.
        let columns = (column.max() ?? 0) + 1
        var rowOf = [Double](repeating: 0, count: nodes.count)
        for c in 0..<columns {
            let members = nodes.indices.filter { nodes[$0].column == c }
            let keyed = members.map { i -> (Int, Double) in
                let inputs = nodes[i].inputs
                return (i, inputs.isEmpty ? Double(i) : inputs.map { rowOf[$0] }.reduce(0, +) / Double(inputs.count))
            }.sorted { $0.1 < $1.1 }
            for (row, (i, _)) in keyed.enumerated() {
                nodes[i].row = row
                rowOf[i] = Double(row)
            }
        }
        self.title = title
        self.nodes = nodes
        self.svg = Self.draw(nodes, title: title)
    }

    /// A names dictionary from pairs (`[(x, "x"), (f, "f")]`).
    public static func names(_ pairs: [(Variable, String)]) -> [ObjectIdentifier: String] {
        Dictionary(pairs.map { (ObjectIdentifier($0.0), $0.1) }, uniquingKeysWith: { a, _ in a })
    }

    /// A scalar to 4 significant digits (a whole number as it is); a tensor of up to 4 values as
    /// a list; a larger one by its shape.
    static func text(_ t: Tensor) -> String {
        func number(_ x: Double) -> String {
            guard x.isFinite else { return "\(x)" }
            return x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : String(format: "%.4g", x)
        }
        if t.count == 1 { return number(t.doubles[0]) }
        if t.count <= 4 { return "[" + t.doubles.map(number).joined(separator: ", ") + "]" }
        return "tensor " + t.shape.map(String.init).joined(separator: "×")
    }

    // Geometry of the picture, in SVG units.
    static let boxWidth = 190.0, boxHeight = 44.0, opRadius = 16.0, columnWidth = 270.0, rowHeight = 70.0, margin = 20.0

    private static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The op's symbol drawn in its circle.
    static func symbol(_ op: String) -> String {
        ["add": "+", "subtract": "−", "multiply": "×", "divide": "÷", "addScalar": "+c", "scalarMinus": "c−", "multiplyScalar": "×c",
         "negate": "−x", "reciprocal": "1/x", "power": "xʸ", "powerScalar": "xⁿ", "matmul": "@", "affine": "xW+b", "sum": "Σ",
         "sigmoid": "σ", "softmax": "smax", "logSoftmax": "lsm", "broadcast": "bcast", "reshape": "shape"][op] ?? op
    }

    private static func draw(_ nodes: [Node], title: String) -> String {
        let columns = (nodes.map(\.column).max() ?? 0) + 1
        let rows = (nodes.map(\.row).max() ?? 0) + 1
        let top = margin + (title.isEmpty ? 0 : 28)
        let width = margin * 2 + Double(columns - 1) * columnWidth + opRadius * 2 + 30 + boxWidth
        let height = top + Double(rows) * rowHeight + margin
        func boxX(_ n: Node) -> Double { margin + opRadius * 2 + 30 + Double(n.column) * columnWidth }
        func centerY(_ n: Node) -> Double { top + Double(n.row) * rowHeight + boxHeight / 2 }
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>

        """
        if !title.isEmpty { svg += "<text x=\"\(margin)\" y=\"\(margin + 14)\" font-size=\"15\" font-weight=\"bold\">\(escaped(title))</text>\n" }
        for n in nodes where !n.inputs.isEmpty {
            let cx = boxX(n) - 30 + opRadius - opRadius * 2, cy = centerY(n)
            for i in n.inputs {
                let input = nodes[i]
                svg += "<path d=\"M\(boxX(input) + boxWidth),\(centerY(input)) C\(boxX(input) + boxWidth + 30),\(centerY(input)) \(cx - opRadius - 30),\(cy) \(cx - opRadius),\(cy)\" fill=\"none\" stroke=\"#888\"/>\n"
            }
            svg += "<line x1=\"\(cx + opRadius)\" y1=\"\(cy)\" x2=\"\(boxX(n))\" y2=\"\(cy)\" stroke=\"#888\"/>\n"
            svg += "<circle class=\"op\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(opRadius)\" fill=\"#fde9c8\" stroke=\"#c58b2b\"/>"
            svg += "<text x=\"\(cx)\" y=\"\(cy + 4)\" text-anchor=\"middle\">\(escaped(symbol(n.op)))</text>\n"
        }
        for n in nodes {
            let x = boxX(n), y = centerY(n) - boxHeight / 2
            svg += "<g class=\"node\"><rect x=\"\(x)\" y=\"\(y)\" width=\"\(boxWidth)\" height=\"\(boxHeight)\" rx=\"4\" fill=\"\(n.inputs.isEmpty ? "#e3eefa" : "#f4f4f4")\" stroke=\"#555\"/>"
            svg += "<text x=\"\(x + 8)\" y=\"\(y + 17)\" font-weight=\"bold\">\(escaped(n.name))</text>"
            svg += "<text x=\"\(x + 8)\" y=\"\(y + 35)\">data \(escaped(n.value))  ·  grad \(escaped(n.gradient))</text></g>\n"
        }
        return svg + "</svg>\n"
    }
}
