import NeuronaCore
import NeuronaLayers

// Convolution and pooling: Neurona's channels-last images go through ONNX's channels-first
// Conv, MaxPool and AveragePool between two transposes (shared by stacked image layers: see
// ONNXGraphBuilder). The padding is written out as ONNX `pads`, so `same` means exactly what
// Neurona computes (the odd zero at the bottom and right, as Keras).
extension ONNXGraphBuilder {
    /// Conv2D: the kernel `[kh, kw, C, F]` becomes ONNX's `[F, C, kh, kw]`.
    func emitConv2D(_ conv: Conv2D, _ input: ONNXValue, path: String) throws -> ONNXValue {
        let geometry = conv.geometry!
        let kernel = try tensor(conv.weight, conv, path: path).permuted([3, 2, 0, 1])
        let w = weight(kernel, name: Self.join(path, "weight"))
        let b = conv.bias.map { weight($0.value, name: Self.join(path, "bias")) }
        let x = channelsFirst(input, path: path)
        var y = value("Conv", [x, w] + (b.map { [$0] } ?? []), path: path, attributes: Self.window(geometry) + [
            .ints("dilations", [geometry.dilation.height, geometry.dilation.width]), .int("group", 1),
        ])
        let activation = conv.config.activation
        if Self.isElementwise(activation) {
            y = try self.activation(activation, y, path: path)
            return channelsLast(fromChannelsFirst: y, shape: conv.outputShape!, path: path)
        }
        let last = channelsLast(fromChannelsFirst: y, shape: conv.outputShape!, path: path)
        return ONNXValue(name: try self.activation(activation, last.name, path: path), shape: last.shape)
    }

    /// MaxPool2D and AvgPool2D (`op` MaxPool or AveragePool); average pooling leaves the padding
    /// out of its count, as Neurona and Keras do (`count_include_pad` 0).
    func emitPooling(_ op: String, _ geometry: WindowGeometry, _ input: ONNXValue, path: String) -> ONNXValue {
        let x = channelsFirst(input, path: path)
        let extra: [ONNXAttributeProto] = op == "AveragePool" ? [.int("count_include_pad", 0)] : []
        let y = value(op, [x], path: path, attributes: Self.window(geometry) + extra)
        return channelsLast(fromChannelsFirst: y, shape: [geometry.output.height, geometry.output.width, input.shape[2]], path: path)
    }

    /// The window attributes of `geometry`: `kernel_shape`, `strides` and explicit `pads`
    /// (top, left, bottom, right). Neurona pads the top and left by `geometry.padding` and the
    /// bottom and right by what the output size needs.
    static func window(_ geometry: WindowGeometry) -> [ONNXAttributeProto] {
        func after(input: Int, output: Int, kernel: Int, stride: Int, dilation: Int, before: Int) -> Int {
            max(0, (output - 1) * stride + (kernel - 1) * dilation + 1 - input - before)
        }
        let g = geometry
        let bottom = after(input: g.input.height, output: g.output.height, kernel: g.kernel.height, stride: g.strides.height,
                           dilation: g.dilation.height, before: g.padding.top)
        let right = after(input: g.input.width, output: g.output.width, kernel: g.kernel.width, stride: g.strides.width,
                          dilation: g.dilation.width, before: g.padding.left)
        return [.ints("kernel_shape", [g.kernel.height, g.kernel.width]), .ints("strides", [g.strides.height, g.strides.width]),
                .ints("pads", [g.padding.top, g.padding.left, bottom, right])]
    }
}
