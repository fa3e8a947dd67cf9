import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

// Neurona's built-in activations as ONNX operators (opset 17). Where ONNX has the function as
// one operator it is used (Relu, Sigmoid, LeakyRelu, Elu, Softplus...); GELU (exact, with erf),
// swish and the radial basis function are written out as Neurona computes them, since opset 17
// has no operator for them.
extension ONNXGraphBuilder {
    /// The activations ``activation(_:_:path:)`` writes (its cases), for the error that names the others.
    package static let exportedActivations = ["linear", "relu", "sigmoid", "tanh", "softmax", "log_softmax", "leaky_relu", "elu",
                                              "gelu", "swish", "silu", "softplus", "hard_tanh", "cos", "rbf"]

    /// Whether `activation` works element by element (so it may run on either image layout);
    /// softmax and log-softmax work along the last axis.
    package static func isElementwise(_ activation: ActivationFunction) -> Bool {
        !["softmax", "log_softmax"].contains(activation.name)
    }

    /// `activation` applied to the value `name`; returns the result's name (`name` itself for
    /// `linear`).
    package func activation(_ activation: ActivationFunction, _ name: String, path: String) throws -> String {
        switch activation.name {
        case "linear":
            return name
        case "relu", "sigmoid", "tanh", "softplus", "cos":
            let op = ["relu": "Relu", "sigmoid": "Sigmoid", "tanh": "Tanh", "softplus": "Softplus", "cos": "Cos"][activation.name]!
            return value(op, [name], path: path)
        case "softmax":
            return value("Softmax", [name], path: path, attributes: [.int("axis", -1)])
        case "log_softmax":
            return value("LogSoftmax", [name], path: path, attributes: [.int("axis", -1)])
        case "leaky_relu":
            return value("LeakyRelu", [name], path: path, attributes: [.float("alpha", Self.alpha(of: activation))])
        case "elu":
            return value("Elu", [name], path: path, attributes: [.float("alpha", Self.alpha(of: activation))])
        case "gelu":
            // x·Φ(x) = 0.5·x·(1 + erf(x/√2)), the exact form Neurona computes.
            let scaled = value("Mul", [name, scalar(1 / 2.0.squareRoot(), name: Self.join(path, "gelu_scale"))], path: path)
            let erf = value("Erf", [scaled], path: path)
            let onePlus = value("Add", [erf, scalar(1, name: Self.join(path, "one"))], path: path)
            let half = value("Mul", [name, scalar(0.5, name: Self.join(path, "half"))], path: path)
            return value("Mul", [half, onePlus], path: path)
        case "swish", "silu":
            return value("Mul", [name, value("Sigmoid", [name], path: path)], path: path)
        case "hard_tanh":
            return value("Clip", [name, scalar(-1, name: Self.join(path, "min")), scalar(1, name: Self.join(path, "max"))], path: path)
        case "rbf":
            // exp(−x²), the Gaussian Neurona's rbf computes.
            let square = value("Mul", [name, name], path: path)
            return value("Exp", [value("Neg", [square], path: path)], path: path)
        default:
            throw ONNXExportError.unsupportedActivation(activation: activation.name, path: path)
        }
    }

    /// The `alpha` `activation` computes with: the one it was given, else its registered
    /// default, read off the function itself (an `ActivationFunction` keeps only the settings
    /// given; the default lives in the registry's factory). At x = −1, leaky ReLU gives −alpha
    /// and ELU gives alpha·(e⁻¹ − 1).
    static func alpha(of activation: ActivationFunction) -> Double {
        if let alpha = activation.alpha { return alpha }
        let atMinusOne = activation(Variable(Tensor([-1.0], shape: [1], dtype: .float64))).value.doubles[0]
        return activation.name == "elu" ? atMinusOne / (Foundation.exp(-1) - 1) : -atMinusOne
    }
}
