import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// One layer description for ``layerRoundTripProblems(_:registry:)``: its JSON and the input
/// shape to build it for (nil when the description gives its own, as a Sequential's
/// `input_shape` or a Graph's inputs).
public struct LayerRoundTripCase: Sendable, CustomStringConvertible {
    public var json: String
    public var inputShape: [Int]?

    /// - Parameters:
    ///   - json: A layer description.
    ///   - inputShape: The shape to build it for, nil when it builds itself.
    public init(_ json: String, inputShape: [Int]?) {
        self.json = json
        self.inputShape = inputShape
    }

    /// The type the description names.
    public var typeName: String {
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return object?["type"] as? String ?? "?"
    }

    public var description: String { json }
}

/// The config → JSON → config round trip of one description, the checker every registered
/// layer type goes through: `case`'s JSON makes a layer (A); A's JSON makes a second one (B);
/// B's JSON must be A's, and B, given A's weights, must compute A's outputs bit for bit on a
/// fixed input, in inference mode. Returns what differs (empty when nothing does).
///
/// - Parameters:
///   - case: The description and its input shape.
///   - registry: The registry that knows the type (the built-ins and any plugins).
public func layerRoundTripProblems(_ case: LayerRoundTripCase, registry: LayerRegistry = .default) throws -> [String] {
    var problems: [String] = []
    let first = try registry.make(from: `case`.json)
    if let shape = `case`.inputShape { try first.build(inputShape: shape, seed: 11) }
    let json = try LayerRegistry.json(for: first)
    let second = try registry.make(from: json)
    if let shape = `case`.inputShape { try second.build(inputShape: shape, seed: 12) }
    let again = try LayerRegistry.json(for: second)
    if again != json { problems.append("\(`case`.typeName): JSON changes on a round trip:\n\(json)\n→\n\(again)") }
    try second.loadWeights(first.weights())
    guard let inputShape = first.inputShape else { return problems + ["\(`case`.typeName): not built"] }
    var generator = RandomGenerator(seed: 5)
    var values = Tensor.normal([2] + inputShape, using: &generator)
    // A layer reading ids (Embedding) gets small whole numbers instead: |x|·2 rounded down.
    if (try? first.checkValues(ofBatch: values)) == nil { values = (values.abs() * 2).floor() }
    try first.checkValues(ofBatch: values)
    let input = Variable(values)
    first.isTraining = false
    second.isTraining = false
    let (a, b) = (first(input).value, second(input).value)
    if a.shape != b.shape || a.doubles != b.doubles {
        problems.append("\(`case`.typeName): outputs differ after a round trip (largest difference \(maxAbsoluteDifference(a, b)))")
    }
    return problems
}
