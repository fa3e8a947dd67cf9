import NeuronaAttention
import NeuronaCore
import NeuronaLayers

extension ONNXGraphBuilder {
    /// MultiHeadAttention (self-attention), decomposed as Neurona computes it: the query, key
    /// and value projections (Dense), each split into heads (`Reshape` to
    /// `[batch, steps, heads, keyDim]`, `Transpose` to `[batch, heads, steps, keyDim]`), the
    /// scores `q·kᵀ / √keyDim` (plus −10⁹ where the causal mask blocks), `Softmax`, the weighted
    /// values, the heads joined again and the output projection.
    func emitMultiHeadAttention(_ attention: MultiHeadAttention, _ input: ONNXValue, path: String) throws -> ONNXValue {
        let (heads, keyDim, steps) = (attention.config.numHeads, attention.config.keyDim, input.shape[0])
        let projections = Dictionary(uniqueKeysWithValues: attention.sublayers.map { ($0.name, $0.layer) })
        func project(_ name: String, _ x: ONNXValue) throws -> ONNXValue {
            try emit(projections[name]!, x, path: Self.join(path, name))
        }
        func headsApart(_ name: String, perm: [Int]) throws -> String {
            let projected = try project(name, input)
            let split = emitReshape(to: [steps, heads, keyDim], projected, path: Self.join(path, name))
            return value("Transpose", [split.name], path: path, attributes: [.ints("perm", perm)])
        }
        let q = try headsApart("query", perm: [0, 2, 1, 3])
        let kTransposed = try headsApart("key", perm: [0, 2, 3, 1])   // [batch, heads, keyDim, steps]
        let v = try headsApart("value", perm: [0, 2, 1, 3])
        let products = value("MatMul", [q, kTransposed], path: path)
        var scores = value("Mul", [products, scalar(1 / Double(keyDim).squareRoot(), name: Self.join(path, "scale"))], path: path)
        if attention.config.useCausalMask {
            let blocked = Tensor.where(causalMask(steps).converted(to: .bool), Tensor(0, dtype: .float32), Tensor(-1e9, dtype: .float32))
            scores = value("Add", [scores, weight(blocked, name: Self.join(path, "causal_mask"))], path: path)
        }
        let weights = value("Softmax", [scores], path: path, attributes: [.int("axis", -1)])
        let attended = value("MatMul", [weights, v], path: path)
        let joinedHeads = value("Transpose", [attended], path: path, attributes: [.ints("perm", [0, 2, 1, 3])])
        let joined = emitReshape(to: [steps, heads * keyDim], ONNXValue(name: joinedHeads, shape: [steps, heads, keyDim]), path: path)
        return try project("output", joined)
    }
}
