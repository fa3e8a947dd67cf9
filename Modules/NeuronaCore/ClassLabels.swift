/// A class label that cannot index `classes` classes: negative, `classes` or more, or not a whole
/// number. Names the argument the labels came from, their shape and the example.
///
/// ```
/// labels: label -1 at example 2 (labels of shape [4]) is not a class index in 0..<10
/// ```
public struct ClassLabelError: Error, Equatable, CustomStringConvertible {
    /// The argument the labels came from (`labels`, `fit targets`).
    public var argument: String
    /// The shape of the labels.
    public var shape: [Int]
    /// The example (the flat index into the labels) holding the bad label.
    public var example: Int
    /// The bad label.
    public var value: Double
    /// The number of classes.
    public var classes: Int

    /// - Parameters:
    ///   - argument: The argument the labels came from.
    ///   - shape: The shape of the labels.
    ///   - example: The flat index of the bad label.
    ///   - value: The bad label.
    ///   - classes: The number of classes.
    public init(argument: String, shape: [Int], example: Int, value: Double, classes: Int) {
        self.argument = argument
        self.shape = shape
        self.example = example
        self.value = value
        self.classes = classes
    }

    public var description: String {
        let label = value == value.rounded() && Swift.abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        return "\(argument): label \(label) at example \(example) (labels of shape \(shape)) is not a class index in 0..<\(classes)"
    }
}

extension Tensor {
    /// The first element that is not a class index in `0..<classes` (a whole number, at least 0,
    /// below `classes`), with its flat index; nil when every element is one. Labels may be int64
    /// or whole floating-point numbers (as Keras's `to_categorical` takes them); bool labels are
    /// never class indices and report their first element.
    public func firstInvalidClassLabel(classes: Int) -> (example: Int, value: Double)? {
        switch dtype {
        case .int64:
            return withUnsafeBufferPointer(as: Int64.self) { labels in
                for (i, c) in labels.enumerated() where c < 0 || c >= classes { return (i, Double(c)) }
                return nil
            }
        case .float32, .float64:
            for (i, c) in doubles.enumerated() where !(c >= 0 && c < Double(classes) && c == c.rounded()) { return (i, c) }
            return nil
        case .bool:
            return count == 0 ? nil : (0, doubles[0])
        }
    }

    /// Throws ``ClassLabelError`` naming `argument`, the shape and the example unless every
    /// element is a class index in `0..<classes` (see ``firstInvalidClassLabel(classes:)``).
    ///
    /// - Parameters:
    ///   - classes: The number of classes.
    ///   - argument: What the labels are called in the error (`labels`, `fit targets`).
    public func checkClassLabels(classes: Int, argument: String = "labels") throws {
        if let bad = firstInvalidClassLabel(classes: classes) {
            throw ClassLabelError(argument: argument, shape: shape, example: bad.example, value: bad.value, classes: classes)
        }
    }
}
