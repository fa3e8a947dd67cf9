import Foundation

// Printing like NumPy: values aligned in nested brackets, elided when large, then shape and dtype.

extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
    /// Tensors with more elements than this print only their first and last
    /// ``descriptionEdgeItems`` entries along each axis.
    public static let descriptionThreshold = 1000
    /// Entries kept at each end of an axis when a large tensor is elided.
    public static let descriptionEdgeItems = 3

    public var description: String {
        "\(valuesDescription)\nshape: \(shape), dtype: \(dtype)"
    }

    public var debugDescription: String { "Tensor(shape: \(shape), dtype: \(dtype))" }

    /// The values in NumPy's layout: `[[1. 2.]\n [3. 4.]]`.
    public var valuesDescription: String {
        let elide = count > Tensor.descriptionThreshold
        let values = doubles
        let strides = Tensor.strides(of: shape)
        // Format every printed element first, so that all columns share one width.
        var cells: [Int: String] = [:]
        func visitPrinted(_ axis: Int, _ offset: Int, _ body: (Int) -> Void) {
            if axis == rank { body(offset); return }
            for i in printedIndices(axis, elide) where i >= 0 {
                visitPrinted(axis + 1, offset + i * strides[axis], body)
            }
        }
        visitPrinted(0, 0) { cells[$0] = formatElement(values[$0]) }
        let width = cells.values.map(\.count).max() ?? 0
        func render(_ axis: Int, _ offset: Int) -> String {
            if axis == rank {
                let s = cells[offset] ?? ""
                return String(repeating: " ", count: width - s.count) + s
            }
            let indent = String(repeating: " ", count: axis + 1)
            let separator = axis == rank - 1 ? " " : String(repeating: "\n", count: rank - axis - 1) + indent
            let parts = printedIndices(axis, elide).map { i in
                i < 0 ? "..." : render(axis + 1, offset + i * strides[axis])
            }
            return "[" + parts.joined(separator: separator) + "]"
        }
        return render(0, 0)
    }

    /// The indices printed along `axis`; -1 stands for the elision mark.
    private func printedIndices(_ axis: Int, _ elide: Bool) -> [Int] {
        let n = shape[axis]
        let k = Tensor.descriptionEdgeItems
        if !elide || n <= 2 * k { return Array(0..<n) }
        return Array(0..<k) + [-1] + Array((n - k)..<n)
    }

    private func formatElement(_ v: Double) -> String {
        switch dtype {
        case .bool: return v != 0 ? "True" : "False"
        case .int64: return String(Int64(v))
        case .float32, .float64:
            if v.isNaN { return "nan" }
            if v.isInfinite { return v > 0 ? "inf" : "-inf" }
            if v == v.rounded() && Swift.abs(v) < 1e16 { return String(Int64(v)) + "." }
            let digits = 8  // NumPy's default print precision
            var s = String(format: "%.\(digits)g", v)
            if s.contains(".") && !s.contains("e") {
                while s.hasSuffix("0") { s.removeLast() }
            }
            return s
        }
    }
}
