import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaNormalization

/// Scaled dot-product attention (Vaswani et al.): `softmax(q·kᵀ/√d + mask)·v`.
///
/// Shapes `[..., Tq, d]`, `[..., Tk, d]`, `[..., Tk, dv]` give `[..., Tq, dv]`. `mask` is a
/// bool tensor broadcastable to `[..., Tq, Tk]`: true where a query may look at a key; the
/// others get −10⁹ before the softmax.
public func scaledDotProductAttention(query: Variable, key: Variable, value: Variable, mask: Tensor? = nil) -> Variable {
    let d = Double(query.shape.last!)
    var scores = Variable.matmul(query, key, transposeB: true) * (1 / d.squareRoot())
    if let mask {
        let blocked = Tensor.where(mask.converted(to: .bool), Tensor(0, dtype: scores.dtype), Tensor(-1e9, dtype: scores.dtype))
        scores = scores + Variable(blocked)
    }
    return scores.softmax(axis: -1).matmul(value)
}

/// A lower-triangular mask `[T, T]`: step `t` sees steps `0...t` (causal, for decoders).
public func causalMask(_ steps: Int) -> Tensor {
    Tensor((0..<steps * steps).map { ($0 % steps) <= ($0 / steps) }, shape: [steps, steps])
}

/// Multi-head self-attention over `[N, T, D]`: `heads` attentions of width `keyDim` on learned
/// projections of the input, concatenated and projected back to `D` (Keras's
/// `MultiHeadAttention` used as self-attention).
///
/// Parameters `query.weight`, `key.weight`, `value.weight` (`[D, heads·keyDim]`),
/// `output.weight` (`[heads·keyDim, D]`) and their biases. `causal` masks future steps; a custom
/// mask can be passed to ``attend(_:mask:)``.
public final class MultiHeadAttention: ConfigurableLayer, StatefulLayer, ContainerLayer {
    public static let typeName = "MultiHeadAttention"

    /// The settings, as in JSON (Keras's names): `num_heads`, `key_dim`, `use_causal_mask`.
    public struct Config: LayerConfig {
        /// The number of attention heads.
        public var numHeads: Int
        /// The size of each head's queries and keys.
        public var keyDim: Int
        /// Whether each position attends only to itself and earlier positions.
        public var useCausalMask: Bool
        public static let defaults = MultiHeadAttention(heads: 1, keyDim: 1).config
        public static let requiredKeys: Set<String> = ["num_heads", "key_dim"]
        public func validate() throws {
            try requirePositive("num_heads", numHeads)
            try requirePositive("key_dim", keyDim)
        }
    }

    public let config: Config
    private var projections: [Dense] = []
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The heads, key size and masking.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - heads: The number of attention heads (`num_heads`, positive).
    ///   - keyDim: The width of each head (`key_dim`, positive).
    ///   - causal: Whether step `t` sees only steps `0...t` (`use_causal_mask`).
    public convenience init(heads: Int, keyDim: Int, causal: Bool = false) {
        self.init(config: Config(numHeads: heads, keyDim: keyDim, useCausalMask: causal))
    }

    public var sublayers: [(name: String, layer: any Layer)] {
        zip(["query", "key", "value", "output"], projections).map { ($0, $1 as any Layer) }
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        let (heads, keyDim) = (config.numHeads, config.keyDim)
        guard inputShape.count == 2, let d = inputShape.last, d > 0 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[time steps, features]", got: inputShape)
        }
        projections = [Dense(units: heads * keyDim), Dense(units: heads * keyDim), Dense(units: heads * keyDim), Dense(units: d)]
        for p in projections.prefix(3) { _ = try p.build(inputShape: inputShape, generator: &generator) }
        _ = try projections[3].build(inputShape: [inputShape[0], heads * keyDim], generator: &generator)
        return layerState.built(input: inputShape, output: inputShape)
    }

    /// Self-attention with an optional mask broadcastable to `[N, heads, T, T]` (true = visible).
    public func attend(_ input: Variable, mask: Tensor? = nil) -> Variable {
        checkPrecondition(projections.count == 4, "\(LayerError.notBuilt(layer: Self.typeName))")
        let (heads, keyDim) = (config.numHeads, config.keyDim)
        let (n, t) = (input.shape[0], input.shape[1])
        func split(_ x: Variable) -> Variable { x.reshaped([n, t, heads, keyDim]).permuted([0, 2, 1, 3]) }
        let q = split(projections[0](input)), k = split(projections[1](input)), v = split(projections[2](input))
        var m = mask
        if config.useCausalMask {
            let c = causalMask(t)
            m = m.map { $0.converted(to: .bool).logicalAnd(c) } ?? c
        }
        let attended = scaledDotProductAttention(query: q, key: k, value: v, mask: m)
        let joined = attended.permuted([0, 2, 1, 3]).reshaped([n, t, heads * keyDim])
        return projections[3](joined)
    }

    public func callAsFunction(_ input: Variable) -> Variable { attend(input) }

}

/// A Transformer encoder block (post-norm, as the original paper):
/// `h = LayerNorm(x + Dropout(MHA(x)))`, `y = LayerNorm(h + Dropout(FFN(h)))`, with
/// `FFN = Dense(ffDim, relu) → Dense(D)`.
public final class TransformerEncoder: ConfigurableLayer, StatefulLayer, ContainerLayer {
    public static let typeName = "TransformerEncoder"

    /// The settings, as in JSON: `num_heads`, `key_dim`, `ff_dim` and `dropout`.
    public struct Config: LayerConfig {
        /// The number of attention heads.
        public var numHeads: Int
        /// The size of each head's queries and keys.
        public var keyDim: Int
        /// The width of the feed-forward network's hidden layer.
        public var ffDim: Int
        /// The dropout rate after attention and after the feed-forward network.
        public var dropout: Double
        public static let defaults = TransformerEncoder(heads: 1, keyDim: 1, ffDim: 1).config
        public static let requiredKeys: Set<String> = ["num_heads", "key_dim", "ff_dim"]
        public func validate() throws {
            try requirePositive("num_heads", numHeads)
            try requirePositive("key_dim", keyDim)
            try requirePositive("ff_dim", ffDim)
            try requireFraction("dropout", dropout)
        }
    }

    public let config: Config
    private var parts: [(name: String, layer: any Layer)] = []
    public var layerState = LayerState()

    /// A block with `config`'s settings, checked when it is built.
    /// - Parameter config: The heads, key size, feed-forward width and dropout.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - heads: The number of attention heads (`num_heads`).
    ///   - keyDim: The width of each head (`key_dim`).
    ///   - ffDim: The width of the feed-forward layer (`ff_dim`).
    ///   - dropout: The dropout rate after attention and after the feed-forward layers.
    public convenience init(heads: Int, keyDim: Int, ffDim: Int, dropout: Double = 0) {
        self.init(config: Config(numHeads: heads, keyDim: keyDim, ffDim: ffDim, dropout: dropout))
    }

    public var sublayers: [(name: String, layer: any Layer)] { parts }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        guard inputShape.count == 2, let d = inputShape.last else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[time steps, features]", got: inputShape)
        }
        let (steps, ffDim, dropout) = (inputShape[0], config.ffDim, config.dropout)
        let attention = MultiHeadAttention(heads: config.numHeads, keyDim: config.keyDim)
        let feedForwardIn = Dense(units: ffDim, activation: .relu), feedForwardOut = Dense(units: d)
        parts = [("attention", attention), ("attention_dropout", Dropout(rate: dropout)), ("norm1", LayerNormalization()),
                 ("ff1", feedForwardIn), ("ff2", feedForwardOut), ("ff_dropout", Dropout(rate: dropout)),
                 ("norm2", LayerNormalization())]
        for (name, layer) in parts {
            // Every part keeps [T, D], except the first feed-forward layer's output.
            _ = try layer.build(inputShape: name == "ff2" ? [steps, ffDim] : inputShape, generator: &generator)
        }
        return layerState.built(input: inputShape, output: inputShape)
    }

    private func part(_ name: String) -> any Layer { parts.first { $0.name == name }!.layer }

    public func callAsFunction(_ input: Variable) -> Variable {
        // Named locals: calling an existential returned by a function directly crashes Swift
        // 6.3's SILGen.
        let attention = part("attention"), attentionDropout = part("attention_dropout"), norm1 = part("norm1")
        let ff1 = part("ff1"), ff2 = part("ff2"), ffDropout = part("ff_dropout"), norm2 = part("norm2")
        let attended = attentionDropout.callAsFunction(attention.callAsFunction(input))
        let h = norm1.callAsFunction(input + attended)
        let f = ffDropout.callAsFunction(ff2.callAsFunction(ff1.callAsFunction(h)))
        return norm2.callAsFunction(h + f)
    }

    public var isTraining: Bool {
        get { layerState.isTraining }
        set {
            layerState.isTraining = newValue
            setChildrenTraining(newValue)
        }
    }
}

/// Adds the sinusoidal position signal of Vaswani et al. to `[N, T, D]` inputs:
/// `PE[t, 2i] = sin(t / 10000^(2i/D))`, `PE[t, 2i+1] = cos(t / 10000^(2i/D))`. No parameters.
public final class PositionalEncoding: UnconfiguredLayer, StatefulLayer {
    public static let typeName = "PositionalEncoding"
    /// The `[T, D]` table of position signals, once built.
    public private(set) var table: Tensor?
    public var layerState = LayerState()

    /// The layer (it has no settings).
    public init() {}

    /// The encoding for `steps` positions of width `width`.
    public static func table(steps: Int, width: Int) -> Tensor {
        var values = [Double](repeating: 0, count: steps * width)
        for t in 0..<steps {
            for j in 0..<width {
                let angle = Double(t) / Foundation.pow(10000, Double(2 * (j / 2)) / Double(width))
                values[t * width + j] = j % 2 == 0 ? Foundation.sin(angle) : Foundation.cos(angle)
            }
        }
        return Tensor(values, shape: [steps, width], dtype: .float64)
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        guard inputShape.count == 2 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[time steps, features]", got: inputShape)
        }
        table = Self.table(steps: inputShape[0], width: inputShape[1])
        return layerState.built(input: inputShape, output: inputShape)
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let table else { preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))") }
        return input + Variable(table.converted(to: input.dtype))
    }

}

/// NeuronaAttention's entry point (a ``/NeuronaLayers/LayerPlugin``): registers MultiHeadAttention, TransformerEncoder and PositionalEncoding.
public enum AttentionPlugin: LayerPlugin {
    /// The package its layers are registered under (`NeuronaAttention>MultiHeadAttention`).
    public static let package = PluginPackage("NeuronaAttention", entryPoint: "AttentionPlugin.register(into:)")
    /// MultiHeadAttention, TransformerEncoder and PositionalEncoding.
    public static let layerTypes: [any ConfigurableLayer.Type] = [MultiHeadAttention.self, TransformerEncoder.self, PositionalEncoding.self]
}
