// onnx-checks: exports the models of CheckModels.swift as ONNX files, with an input batch and
// Neurona's predictions beside each, for Scripts/onnx-checks.py to run in onnxruntime (run by
// Scripts/onnx-checks.sh in `make test`). The library that defines the format is the judge:
// these files are checked by onnx.checker and run by onnxruntime, not by Neurona.
//
// Usage: onnx-checks <folder>   writes <name>.onnx and <name>.safetensors (tensors `input:<name>`
// per graph input and `expected`; metadata `terms`, the tolerance's summation length) per model.

import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaONNX
import NeuronaTraining

let arguments = CommandLine.arguments.dropFirst()
guard let folder = arguments.first else {
    print("usage: onnx-checks <folder>")
    exit(2)
}
let directory = URL(fileURLWithPath: folder, isDirectory: true)
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

var generator = RandomGenerator(seed: 2026)
let batch = 3
for check in try checkModels() {
    randomizeWeights(check.network, generator: &generator)
    let inputs = check.inputs.map { Tensor.normal([batch] + $0.shape, dtype: .float32, using: &generator) }
    let model = Model(check.network)
    let expected: Tensor
    if let graph = check.network as? Graph, graph.inputs.count > 1 {
        // Model.predict takes one input; a graph with several is called with them by name.
        graph.isTraining = false
        expected = withNoGrad { graph(Dictionary(uniqueKeysWithValues: zip(check.inputs.map(\.name), inputs.map { Variable($0) }))).value }
    } else {
        expected = try model.predict(inputs[0])
    }
    try model.export(onnx: directory.appendingPathComponent("\(check.name).onnx"))
    var tensors = ["expected": expected]
    for (input, tensor) in zip(check.inputs, inputs) { tensors["input:\(input.name)"] = tensor }
    try Safetensors.write(tensors, metadata: ["terms": "\(check.terms)"], to: directory.appendingPathComponent("\(check.name).safetensors"))
    print("onnx-checks: wrote \(check.name).onnx (\(check.network.parameterCount) parameters)")
}
