import Foundation
import NeuronaLayers

extension Layer {
    /// Sets this network's weights from a PyTorch checkpoint: a `torch.save(model.state_dict())`
    /// file (`.pt`, `.pth`) or a safetensors file, mapped onto Neurona's names and layouts.
    ///
    /// ```swift
    /// let network = try Sequential([Dense(units: 64, activation: .relu), Dense(units: 10)], inputShape: [784])
    /// try network.loadWeights(pytorch: URL(fileURLWithPath: "mlp.pt"))
    /// ```
    ///
    /// PyTorch's modules (the keys sharing a prefix: `fc1.weight` and `fc1.bias` are module
    /// `fc1`) are paired with this network's layers that have weights, in order, after the pairs
    /// `keyMap` gives; each pair's tensors are turned into Neurona's layouts (`nn.Linear`'s
    /// `[out, in]` transposed, `nn.Conv2d`'s OIHW kernels to HWIO, an LSTM's two biases added,
    /// the columns of a `Linear` after a `Flatten` of images reordered from CHW to HWC) and
    /// checked against the layer's shapes. The "From PyTorch" article has the whole table.
    ///
    /// PyTorch's `BatchNorm` uses `eps = 1e-5`, Neurona's `BatchNormalization` 1e-3 (Keras's):
    /// make the layer with `epsilon: 1e-5` to compute what PyTorch computes.
    ///
    /// - Parameters:
    ///   - url: The checkpoint file.
    ///   - keyMap: PyTorch module → Neurona layer path (`["classifier": "layers.5"]`), for
    ///     modules whose order differs from the network's; a multi-layer `nn.LSTM` `lstm` is
    ///     modules `lstm.l0`, `lstm.l1`.
    ///   - strict: Throw unless every weight is set and every key used (the default), or load
    ///     the layers that fit and report the rest.
    /// - Returns: What was paired and loaded, and with `strict: false` what was not.
    /// - Throws: ``PyTorchError``: the file's problems, an unbuilt network, an unmapped layer
    ///   type, or (strict) ``PyTorchError/weightMismatch(missing:unexpected:wrongShape:)`` naming
    ///   every missing and unexpected key and every wrong shape with both shapes. Nothing is
    ///   changed when it throws.
    @discardableResult
    public func loadWeights(pytorch url: URL, keyMap: [String: String] = [:], strict: Bool = true) throws -> PyTorchLoadReport {
        try loadWeights(pytorch: try PyTorchStateDict.read(from: url), keyMap: keyMap, strict: strict)
    }

    /// Sets this network's weights from a state_dict already read; see `loadWeights(pytorch:keyMap:strict:)`.
    /// - Parameters:
    ///   - stateDict: The PyTorch tensors by name.
    ///   - keyMap: PyTorch module → Neurona layer path, for modules out of the network's order.
    ///   - strict: Throw unless every weight is set and every key used.
    /// - Returns: What was paired and loaded, and with `strict: false` what was not.
    @discardableResult
    public func loadWeights(pytorch stateDict: PyTorchStateDict, keyMap: [String: String] = [:],
                            strict: Bool = true) throws -> PyTorchLoadReport {
        try PyTorchWeightLoader(network: self).load(stateDict, keyMap: keyMap, strict: strict)
    }
}
