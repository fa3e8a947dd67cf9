/// What is wrong with the `sampleWeight` or `classWeight` given to `fit` or `evaluate`
/// (the reason of ``TrainingError/invalidWeights(what:problem:)``).
public enum WeightProblem: Equatable, Sendable, CustomStringConvertible {
    /// Sample weights of this shape for `examples` examples: one weight per example is needed
    /// (shape `[examples]` or `[examples, 1]`).
    case shape([Int], examples: Int)
    /// Sample weights of a dtype that is not floating-point.
    case dtype(String)
    /// Example `example`'s weight is negative.
    case negative(example: Int, value: Double)
    /// Example `example`'s weight is NaN or infinite.
    case notFinite(example: Int)
    /// A class weight for a class the model does not predict (classes `0..<classCount`).
    case unknownClass(Int, classCount: Int)
    /// Class `class`'s weight is negative, NaN or infinite.
    case invalidClassWeight(class: Int)
    /// Both `classWeight` and `sampleWeight` were given (Keras refuses them together too).
    case bothGiven
    /// `classWeight` for a model of several outputs (Keras supports it for one output only).
    case classWeightWithSeveralOutputs([String])

    public var description: String {
        switch self {
        case .shape(let shape, let examples):
            return "shape \(shape) for \(examples) examples; give one weight per example (shape [\(examples)])"
        case .dtype(let dtype):
            return "dtype \(dtype); weights are float32 or float64"
        case .negative(let example, let value):
            return "example \(example) has weight \(value); weights must be finite and at least 0"
        case .notFinite(let example):
            return "example \(example) has a NaN or infinite weight; weights must be finite and at least 0"
        case .unknownClass(let index, let classCount):
            return "class \(index) does not exist: the model predicts classes 0..<\(classCount)"
        case .invalidClassWeight(let index):
            return "class \(index) has a negative, NaN or infinite weight; weights must be finite and at least 0"
        case .bothGiven:
            return "classWeight and sampleWeight cannot be given together (as in Keras); fold the class weights into the sample weights"
        case .classWeightWithSeveralOutputs(let outputs):
            return "classWeight applies to a model of one output; this one has \(outputs.joined(separator: ", ")); give sampleWeight instead"
        }
    }
}
