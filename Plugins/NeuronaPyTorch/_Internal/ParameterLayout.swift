import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaNormalization
import NeuronaRecurrent

/// How a PyTorch tensor is laid out against the Neurona parameter it fills: the key/layout
/// table of the "From PyTorch" article, one rule each.
package enum ParameterLayout: Equatable {
    /// The same shape and order (biases, batch norm's statistics).
    case same
    /// `nn.Linear`'s `[out, in]` (and a recurrent layer's `[gates·units, in]`) → `[in, out]`.
    case transposed
    /// `nn.Conv2d`'s `[out, in, kh, kw]` (OIHW) → Neurona's `[kh, kw, in, out]` (HWIO).
    case convolutionKernel
    /// `nn.Linear` after `nn.Flatten` of `[channels, height, width]` images: its input columns
    /// run channel-major (C, H, W) in PyTorch and channel-last (H, W, C) in Neurona.
    case afterFlattenedImage(height: Int, width: Int, channels: Int)

    /// The shape PyTorch keeps for a Neurona parameter of `shape`, or nil when the ranks cannot
    /// match (so that a wrong pairing is a shape error, never a crash).
    package func pytorchShape(of shape: [Int]) -> [Int]? {
        switch self {
        case .same: return shape
        case .transposed, .afterFlattenedImage: return shape.count == 2 ? [shape[1], shape[0]] : nil
        case .convolutionKernel: return shape.count == 4 ? [shape[3], shape[2], shape[0], shape[1]] : nil
        }
    }

    /// `tensor` (of ``pytorchShape(of:)``) in Neurona's layout.
    package func neurona(_ tensor: Tensor) -> Tensor {
        switch self {
        case .same: return tensor
        case .transposed: return tensor.transposed(0, 1)
        case .convolutionKernel: return tensor.permuted([2, 3, 1, 0])
        case .afterFlattenedImage(let height, let width, let channels):
            let outputs = tensor.shape[0]
            return tensor.reshaped([outputs, channels, height, width]).permuted([2, 3, 1, 0])
                .reshaped([height * width * channels, outputs])
        }
    }
}

/// Where each parameter and buffer of one Neurona layer comes from in its PyTorch module.
package struct LayerSources {
    /// One Neurona parameter: the PyTorch leaves it is made of (two are added: an LSTM's
    /// `bias_ih + bias_hh`) and their layout.
    package struct Source {
        package var parameter: String
        package var leaves: [String]
        package var layout: ParameterLayout
        /// Whether the parameter is zero when the module has none of the leaves (`nn.LSTM(bias=False)`).
        package var zeroWhenAbsent = false
    }

    package var sources: [Source]
    /// PyTorch leaves read and dropped: Neurona keeps no counterpart (batch norm's `num_batches_tracked`).
    package var dropped: Set<String> = []

    /// The table: the sources of `layer`'s parameters, by its type. `flattenedImage` is the
    /// `[height, width, channels]` a `Flatten` right before a `Dense` flattened.
    package static func of(_ layer: any Layer, path: String, flattenedImage: [Int]?) throws -> LayerSources {
        switch layer {
        case is Dense:
            let kernel: ParameterLayout = flattenedImage.map { .afterFlattenedImage(height: $0[0], width: $0[1], channels: $0[2]) }
                ?? .transposed
            return LayerSources(sources: [Source(parameter: "weight", leaves: ["weight"], layout: kernel),
                                          Source(parameter: "bias", leaves: ["bias"], layout: .same)])
        case is Conv2D:
            return LayerSources(sources: [Source(parameter: "weight", leaves: ["weight"], layout: .convolutionKernel),
                                          Source(parameter: "bias", leaves: ["bias"], layout: .same)])
        case is BatchNormalization:
            return LayerSources(sources: ["weight", "bias", "running_mean", "running_var"].map {
                Source(parameter: $0, leaves: [$0], layout: .same)
            }, dropped: ["num_batches_tracked"])
        case is LayerNormalization:
            return LayerSources(sources: ["weight", "bias"].map { Source(parameter: $0, leaves: [$0], layout: .same) })
        case is LSTM, is SimpleRNN:
            // The gates are in the same order (i, f, g, o for LSTM), so only the kernels turn.
            return LayerSources(sources: [
                Source(parameter: "weight", leaves: ["weight_ih"], layout: .transposed),
                Source(parameter: "recurrent_weight", leaves: ["weight_hh"], layout: .transposed),
                Source(parameter: "bias", leaves: ["bias_ih", "bias_hh"], layout: .same, zeroWhenAbsent: true),
            ])
        case is GRU:
            throw PyTorchError.unsupportedLayer(layer: path, type: "GRU", reason: "not yet: PyTorch's GRU is the reset_after form "
                                                + "(the reset gate applied after the recurrent product, with its own recurrent bias), "
                                                + "which Neurona's GRU does not compute yet")
        default:
            throw PyTorchError.unsupportedLayer(layer: path, type: layer.typeName, reason: "no PyTorch mapping for this layer type "
                                                + "(mapped: Dense, Conv2D, BatchNormalization, LayerNormalization, LSTM, SimpleRNN)")
        }
    }
}
