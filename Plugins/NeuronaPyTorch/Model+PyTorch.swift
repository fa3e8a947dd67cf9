import Foundation
import NeuronaLayers
import NeuronaTraining

extension Model {
    /// Sets the network's weights from a PyTorch checkpoint (`.pt`, `.pth` or safetensors),
    /// mapped onto Neurona's names and layouts: `loadWeights(pytorch:keyMap:strict:)`
    /// on `network`.
    ///
    /// ```swift
    /// let model = Model(try Sequential([Dense(units: 64, activation: .relu), Dense(units: 10)], inputShape: [784]))
    /// try model.loadWeights(pytorch: URL(fileURLWithPath: "mlp.pt"))
    /// let predictions = try model.predict(x)
    /// ```
    ///
    /// - Parameters:
    ///   - url: The checkpoint file.
    ///   - keyMap: PyTorch module → Neurona layer path (`["classifier": "layers.5"]`).
    ///   - strict: Throw unless every weight is set and every key used (the default).
    /// - Returns: What was paired and loaded, and with `strict: false` what was not.
    /// - Throws: ``PyTorchError``; nothing is changed when it throws.
    @discardableResult
    public func loadWeights(pytorch url: URL, keyMap: [String: String] = [:], strict: Bool = true) throws -> PyTorchLoadReport {
        try network.loadWeights(pytorch: url, keyMap: keyMap, strict: strict)
    }

    /// Sets the network's weights from a state_dict already read.
    /// - Parameters:
    ///   - stateDict: The PyTorch tensors by name.
    ///   - keyMap: PyTorch module → Neurona layer path.
    ///   - strict: Throw unless every weight is set and every key used.
    /// - Returns: What was paired and loaded, and with `strict: false` what was not.
    @discardableResult
    public func loadWeights(pytorch stateDict: PyTorchStateDict, keyMap: [String: String] = [:],
                            strict: Bool = true) throws -> PyTorchLoadReport {
        try network.loadWeights(pytorch: stateDict, keyMap: keyMap, strict: strict)
    }
}
