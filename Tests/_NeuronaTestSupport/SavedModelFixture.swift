import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// A model saved as a compatibility fixture: `<name>.json` (``LayerRegistry/json(for:)``),
/// `<name>.weights.safetensors` (its weights) and `<name>.expected.safetensors` (a fixed input and
/// the prediction, in inference mode, of the code that wrote it). Later code must load it, predict
/// the same values up to float32 rounding (``comparison(_:)``) and write the same JSON.
public struct SavedModelFixture {
    /// The JSON the fixture holds.
    public let json: String
    /// The model made from that JSON with the saved weights loaded, in inference mode.
    public let model: any Layer
    /// The saved input.
    public let input: Tensor
    /// The saved prediction for ``input``.
    public let expectedOutput: Tensor
    /// Where the fixture's files are, and the registry that makes its model.
    let folder: URL, name: String, registry: LayerRegistry

    /// Reads fixture `name` from `folder` and makes its model with `registry`.
    public init(name: String, in folder: URL, registry: LayerRegistry) throws {
        (self.folder, self.name, self.registry) = (folder, name, registry)
        json = try String(contentsOf: folder.appendingPathComponent("\(name).json"), encoding: .utf8)
        model = try Self.makeModel(json, registry: registry, weights: folder.appendingPathComponent("\(name).weights.safetensors"))
        let expected = try Safetensors.read(from: folder.appendingPathComponent("\(name).expected.safetensors"))
        input = expected["input"]!
        expectedOutput = expected["output"]!
    }

    /// Today's prediction for the saved input.
    public func output() -> Tensor { model(Variable(input)).value }

    /// The prediction computed in float64, from the saved weights: what float32 rounds.
    public func float64Output() throws -> Tensor {
        let precise = try Self.makeModel(json, registry: registry, weights: folder.appendingPathComponent("\(name).weights.safetensors"))
        precise.convertParameters(to: .float64)
        return precise(Variable(input.converted(to: .float64))).value
    }

    /// How far today's float32 prediction `output` is from the saved one, and how far it may be.
    ///
    /// Both are float32 evaluations of the same model, on machines whose kernels (OpenBLAS's
    /// sets, Neurona's AVX-512/AVX2/SSE2 paths) sum in other orders, so they differ by rounding
    /// alone. Today's rounding is measured against the float64 prediction r: ρ = max|output − r|,
    /// at least u·max|r| (the last rounding to float32 of any value). The saved prediction was
    /// rounded as much, so |output − saved| ≤ |output − r| + |saved − r| ≈ 2ρ; the bound is 4ρ,
    /// room for the saved run's rounding to be twice today's. A changed model (a weight read into
    /// the wrong place, a changed default) moves the prediction by far more.
    public func comparison(_ output: Tensor) throws -> (difference: Double, bound: Double) {
        let reference = try float64Output()
        let u = Double(Float.ulpOfOne) / 2
        let rounding = max(maxAbsoluteDifference(output, reference), u * reference.abs().max().doubles[0])
        return (maxAbsoluteDifference(output, expectedOutput), 4 * rounding)
    }

    static func makeModel(_ json: String, registry: LayerRegistry, weights: URL) throws -> any Layer {
        let model = try registry.make(from: json)
        try model.loadWeights(Safetensors.read(from: weights))
        model.isTraining = false
        return model
    }

    /// Writes `model` as fixture `name` into `folder`, with its prediction for `input`.
    public static func write(_ model: any Layer, name: String, input: Tensor, to folder: URL) throws {
        model.isTraining = false
        let output = model(Variable(input)).value
        try LayerRegistry.json(for: model).write(to: folder.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8)
        try Safetensors.write(model.weights(), to: folder.appendingPathComponent("\(name).weights.safetensors"))
        try Safetensors.write(["input": input, "output": output], to: folder.appendingPathComponent("\(name).expected.safetensors"))
    }
}
