import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// A model saved as a compatibility fixture: `<name>.json` (``LayerRegistry/json(for:)``),
/// `<name>.weights.safetensors` (its weights) and `<name>.expected.safetensors` (a fixed input and
/// the prediction, in inference mode, of the code that wrote it). Later code must load it, predict
/// the same bits and write the same JSON.
public struct SavedModelFixture {
    /// The JSON the fixture holds.
    public let json: String
    /// The model made from that JSON with the saved weights loaded, in inference mode.
    public let model: any Layer
    /// The saved input.
    public let input: Tensor
    /// The saved prediction for ``input``.
    public let expectedOutput: Tensor

    /// Reads fixture `name` from `folder` and makes its model with `registry`.
    public init(name: String, in folder: URL, registry: LayerRegistry) throws {
        json = try String(contentsOf: folder.appendingPathComponent("\(name).json"), encoding: .utf8)
        model = try registry.make(from: json)
        try model.loadWeights(Safetensors.read(from: folder.appendingPathComponent("\(name).weights.safetensors")))
        model.isTraining = false
        let expected = try Safetensors.read(from: folder.appendingPathComponent("\(name).expected.safetensors"))
        input = expected["input"]!
        expectedOutput = expected["output"]!
    }

    /// Today's prediction for the saved input.
    public func output() -> Tensor { model(Variable(input)).value }

    /// Writes `model` as fixture `name` into `folder`, with its prediction for `input`.
    public static func write(_ model: any Layer, name: String, input: Tensor, to folder: URL) throws {
        model.isTraining = false
        let output = model(Variable(input)).value
        try LayerRegistry.json(for: model).write(to: folder.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8)
        try Safetensors.write(model.weights(), to: folder.appendingPathComponent("\(name).weights.safetensors"))
        try Safetensors.write(["input": input, "output": output], to: folder.appendingPathComponent("\(name).expected.safetensors"))
    }
}
