/// A value flowing through the exported graph: its ONNX name and the shape of one example
/// (the batch axis, symbolic in the file, left out as in Neurona's layers).
package struct ONNXValue: Equatable {
    /// The name nodes read it by.
    package var name: String
    /// One example's shape: the value's ONNX shape is `[batch] + shape`.
    package var shape: [Int]

    /// A value called `name` holding examples of `shape`.
    package init(name: String, shape: [Int]) {
        self.name = name
        self.shape = shape
    }
}
