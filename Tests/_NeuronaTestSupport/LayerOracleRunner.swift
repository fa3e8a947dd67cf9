import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// Runs one PyTorch oracle case through Neurona in `dtype`: makes the layer from its JSON config,
/// loads PyTorch's weights by Neurona's names (strictly: a wrong or missing name fails), runs the
/// forward pass and the backward pass of `L = sum(y * G)`, and returns the error
/// (``oracleError(_:_:)``) of the output, the input gradient, each parameter gradient and each
/// buffer after the step, by what was compared.
///
/// `call` replaces `layer(x)` (MultiHeadAttention's masked `attend`).
public func runLayerOracle(_ c: LayerOracleCase, _ fixture: OracleFixture<LayerOracleCase>, dtype: DType, registry: LayerRegistry,
                    call: ((any Layer, Variable, Tensor?) throws -> Variable)? = nil) throws -> [String: Double] {
    let layer = try registry.make(from: c.layerJSON)
    try layer.build(inputShape: c.inputShape, seed: 0)
    layer.convertParameters(to: dtype)
    var weights: [String: Tensor] = [:]
    for (name, key) in c.parameters.merging(c.buffers, uniquingKeysWith: { a, _ in a }) { weights[name] = try fixture.tensor(key) }
    try layer.loadWeights(weights)
    layer.isTraining = c.training

    let x = Variable(try fixture.tensor(c.input, dtype), requiresGrad: c.inputGradient != nil)
    let mask = try c.mask.map { try fixture.tensor($0).converted(to: .bool) }
    let y = try call?(layer, x, mask) ?? layer(x)
    var errors = ["output": oracleError(y.value, try fixture.tensor(c.output))]
    try y.backward(seed: try fixture.tensor(c.upstream, dtype))
    if let key = c.inputGradient {
        errors["input gradient"] = try x.grad.map { oracleError($0, try fixture.tensor(key)) } ?? .infinity
    }

    let parameters = Dictionary(uniqueKeysWithValues: layer.namedParameters().map { ($0.name, $0.variable) })
    for (name, key) in c.parameterGradients {
        errors["gradient of \(name)"] = try parameters[name]?.grad.map { oracleError($0, try fixture.tensor(key)) } ?? .infinity
    }
    // Every trainable parameter must have a reference gradient.
    for name in parameters.keys where c.parameterGradients[name] == nil { errors["gradient of \(name) (no reference)"] = .infinity }
    let buffers = Dictionary(uniqueKeysWithValues: layer.namedBuffers().map { ($0.name, $0.variable) })
    for (name, key) in c.buffersAfter {
        errors["\(name) after the step"] = try buffers[name].map { oracleError($0.value, try fixture.tensor(key)) } ?? .infinity
    }
    return errors
}

/// The comparisons of `errors` above the dtype's tolerance, worst first (empty when all pass).
public func oracleFailures(_ errors: [String: Double], dtype: DType) -> [String] {
    errors.filter { !($0.value <= oracleTolerance(dtype)) }.sorted { $0.value > $1.value }.map { "\($0.key): \($0.value)" }
}
