import Foundation
import NeuronaCore

/// The files `Fixtures/make_torch_fixtures.py` wrote (PyTorch 2.15), and its reference tensors:
/// each model's input and PyTorch's float64 prediction from the float32 weights.
enum TorchFixtures {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    static let reference: [String: Tensor] = try! Safetensors.read(from: url("reference.safetensors"))

    static func tensor(_ name: String) throws -> Tensor {
        guard let tensor = reference[name] else { throw FixtureMissing(name: name) }
        return tensor
    }

    struct FixtureMissing: Error { var name: String }
}
