import NeuronaCore

extension Layer {
    /// A table like Keras's `model.summary()`: each top-level layer with its type, output shape
    /// and parameter count, then the totals. As in Keras, the parameters of frozen layers
    /// (``isTrainable`` false) and the buffers (batch norm's running statistics) are the
    /// non-trainable ones.
    public func summary() -> String {
        var rows: [(String, String, String)] = [("Layer (type)", "Output Shape", "Param #")]
        if let container = self as? any ContainerLayer {
            for child in container.sublayers {
                rows.append(("\(child.name) (\(child.layer.typeName))", Self.shapeText(child.layer.outputShape),
                             Self.grouped(child.layer.parameterCount)))
            }
        } else {
            rows.append(("\(typeName)", Self.shapeText(outputShape), Self.grouped(parameterCount)))
        }
        let w0 = Swift.max(29, rows.map(\.0.count).max()! + 2)
        let w1 = Swift.max(26, rows.map(\.1.count).max()! + 2)
        let w2 = Swift.max(10, rows.map(\.2.count).max()!)
        func line(_ r: (String, String, String)) -> String {
            r.0.padding(toLength: w0, withPad: " ", startingAt: 0) + r.1.padding(toLength: w1, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: w2 - r.2.count) + r.2
        }
        let rule = String(repeating: "=", count: w0 + w1 + w2)
        let buffers = namedBuffers().reduce(0) { $0 + $1.variable.value.count }
        let trainable = trainableParameterCount
        var text = "Model: \"\(typeName.lowercased())\"\n" + line(rows[0]) + "\n" + rule + "\n"
        text += rows.dropFirst().map(line).joined(separator: "\n" + String(repeating: "-", count: w0 + w1 + w2) + "\n")
        text += "\n" + rule + "\n"
        text += "Total params: \(Self.grouped(parameterCount + buffers))\n"
        text += "Trainable params: \(Self.grouped(trainable))\n"
        text += "Non-trainable params: \(Self.grouped(parameterCount - trainable + buffers))"
        return text
    }

    static func shapeText(_ shape: [Int]?) -> String {
        guard let shape else { return "(unbuilt)" }
        return "(None" + shape.map { ", \($0)" }.joined() + ")"
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}
