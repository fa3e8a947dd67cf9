import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// The settings every recurrent layer has: `units` and `return_sequences` (GRU's config adds
/// `reset_after`).
public protocol RecurrentLayerConfig: LayerConfig {
    /// The size of the state and of each step's output.
    var units: Int { get }
    /// Return the output at every step (`[N, T, units]`) instead of the last (`[N, units]`).
    var returnSequences: Bool { get }
}

/// The settings of SimpleRNN and LSTM, as in JSON: `units` and `return_sequences`.
public struct RecurrentConfig: RecurrentLayerConfig {
    /// The size of the state and of each step's output.
    public var units: Int
    /// Return the output at every step (`[N, T, units]`) instead of the last (`[N, units]`).
    public var returnSequences: Bool
    public static let defaults = SimpleRNN(units: 1).config
    public static let requiredKeys: Set<String> = ["units"]
    public func validate() throws { try requirePositive("units", units) }
}

/// What SimpleRNN, LSTM and GRU share: input `[N, T, features]`, a cell applied step by step
/// (unrolled on the tape, so gradients flow through time), weights `weight` `[features, k·units]`,
/// `recurrent_weight` `[units, k·units]` and `bias` `[k·units]` for `k` gates (and, for a GRU
/// with `resetAfter`, `recurrent_bias` `[k·units]`).
///
/// A masked sequence (``/NeuronaAutograd/Variable/sequenceMask``, from `Embedding(maskZero: true)`)
/// is read as Keras reads it: at a padded step the state (and, with `returnSequences`, the
/// output) stays what it was, so the last output is the state after the last real step; the
/// returned sequence keeps the mask.
public protocol RecurrentLayer: ConfigurableLayer where Config: RecurrentLayerConfig {
    /// The number of gates the cell packs side by side.
    static var gates: Int { get }
    /// The layer's weights and shapes.
    var cellState: RecurrentCellState { get set }
    /// One step: from the input projection `x·W + b` of this step and the previous state to the
    /// new state; the first element is the output `h`.
    func step(_ projected: Variable, _ state: [Variable]) -> [Variable]
    /// The number of state tensors (1: h; 2 for LSTM: h and c).
    var stateCount: Int { get }
    /// The bias the layer starts with (zeros; LSTM's forget gate starts at 1).
    func initialBias() -> Tensor
    /// The second bias, added to `h·U` inside the cell, or nil for a layer without one (every
    /// layer but a GRU with `resetAfter`).
    func initialRecurrentBias() -> Tensor?
    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The units and whether to return every step.
    init(config: Config)
}

/// The stored parts of a recurrent layer.
public struct RecurrentCellState {
    /// The input kernel `W`, `[features, gates·units]`, once built.
    public var weight: Variable?
    /// The recurrent kernel `U`, `[units, gates·units]`, once built.
    public var recurrentWeight: Variable?
    /// The bias, `[gates·units]`, once built.
    public var bias: Variable?
    /// The recurrent bias, `[gates·units]`, once built (a GRU with `resetAfter` only).
    public var recurrentBias: Variable?
    /// The layer's shapes and training mode.
    public var layer = LayerState()
    /// An unbuilt layer's state.
    public init() {}
}

extension RecurrentLayer where Config == RecurrentConfig {
    /// - Parameters:
    ///   - units: The size of the state and of the output (positive; checked when built).
    ///   - returnSequences: Return the output at every step instead of the last.
    public init(units: Int, returnSequences: Bool = false) {
        self.init(config: RecurrentConfig(units: units, returnSequences: returnSequences))
    }
}

extension RecurrentLayer {
    /// The size of the state and of each step's output.
    public var units: Int { config.units }
    /// Whether the layer returns the output at every step.
    public var returnSequences: Bool { config.returnSequences }
    public var stateCount: Int { 1 }
    public var inputShape: [Int]? { cellState.layer.inputShape }
    public var outputShape: [Int]? { cellState.layer.outputShape }
    public var isTraining: Bool {
        get { cellState.layer.isTraining }
        set { cellState.layer.isTraining = newValue }
    }
    public var isTrainable: Bool {
        get { cellState.layer.isTrainable }
        set { cellState.layer.isTrainable = newValue }
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        let units = self.units
        guard inputShape.count == 2, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[time steps, features]", got: inputShape)
        }
        try LayerLimits.check([[inputShape[1], Self.gates, units], [units, Self.gates, units], [Self.gates, units]], layer: Self.typeName)
        let (features, width) = (inputShape[1], Self.gates * units)
        cellState.weight = Variable(Initializer.glorotUniform.make([features, width], fanIn: features, fanOut: width, generator: &generator),
                                    requiresGrad: true)
        // Keras initializes recurrent kernels orthogonally; a scaled normal keeps this seeded and simple.
        cellState.recurrentWeight = Variable(Tensor.normal([units, width], standardDeviation: 1 / Double(units).squareRoot(), using: &generator),
                                             requiresGrad: true)
        cellState.bias = Variable(initialBias(), requiresGrad: true)
        cellState.recurrentBias = initialRecurrentBias().map { Variable($0, requiresGrad: true) }
        return cellState.layer.built(input: inputShape, output: returnSequences ? [inputShape[0], units] : [units])
    }

    public func initialBias() -> Tensor { Tensor.zeros([Self.gates * units]) }
    public func initialRecurrentBias() -> Tensor? { nil }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let weight = cellState.weight, let bias = cellState.bias else {
            preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))")
        }
        let (units, returnSequences) = (config.units, config.returnSequences)
        let (n, steps) = (input.shape[0], input.shape[1])
        // Project every step's input at once: [N·T, F]·[F, k·U].
        let projected = (input.reshaped([n * steps, input.shape[2]]).matmul(weight) + bias).reshaped([n, steps, Self.gates * units])
        var state = (0..<stateCount).map { _ in Variable(Tensor.zeros([n, units], dtype: input.dtype)) }
        let mask = input.sequenceMask
        checkPrecondition(mask == nil || mask?.shape == [n, steps], "\(Self.typeName): a sequence mask of shape \(mask?.shape ?? []) for inputs of shape \(input.shape)")
        var outputs: [Variable] = []
        for t in 0..<steps {
            let next = step(projected.slice([.all, .index(t), .all]), state)
            // A masked (padding) step leaves the state as it was, as Keras's RNN does.
            if let mask {
                let real = mask.slice(axis: 1, start: t, end: t + 1)
                state = zip(next, state).map { Variable.where(real, $0, $1) }
            } else {
                state = next
            }
            if returnSequences { outputs.append(state[0]) }
        }
        guard returnSequences else { return state[0] }
        let sequence = Variable.stack(outputs, axis: 1)
        sequence.sequenceMask = mask
        return sequence
    }

    public func namedParameters() -> [NamedParameter] {
        .existing(("weight", cellState.weight), ("recurrent_weight", cellState.recurrentWeight), ("bias", cellState.bias),
                  ("recurrent_bias", cellState.recurrentBias))
    }

    /// `h·U`, split into the gates.
    func recurrentGates(_ h: Variable) -> [Variable] {
        h.matmul(cellState.recurrentWeight!).split(parts: Self.gates, axis: 1)
    }
}

/// An Elman network: `h_t = tanh(x_t·W + h_{t−1}·U + b)`.
public final class SimpleRNN: RecurrentLayer {
    public static let typeName = "SimpleRNN"
    public static let gates = 1
    public let config: RecurrentConfig
    /// The layer's weights and shapes.
    public var cellState = RecurrentCellState()
    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The units and whether to return every step.
    public init(config: RecurrentConfig) { self.config = config }

    public func step(_ projected: Variable, _ state: [Variable]) -> [Variable] {
        [(projected + state[0].matmul(cellState.recurrentWeight!)).tanh()]
    }
}

/// Long short-term memory (Hochreiter & Schmidhuber), gates in Keras's order i, f, c, o:
/// `i, f, o = σ(·)`, `g = tanh(·)`, `c_t = f·c_{t−1} + i·g`, `h_t = o·tanh(c_t)`; the forget
/// gate's bias starts at 1 (Keras's `unit_forget_bias`).
public final class LSTM: RecurrentLayer {
    public static let typeName = "LSTM"
    public static let gates = 4
    public let config: RecurrentConfig
    /// The layer's weights and shapes.
    public var cellState = RecurrentCellState()
    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The units and whether to return every step.
    public init(config: RecurrentConfig) { self.config = config }

    public var stateCount: Int { 2 }

    public func initialBias() -> Tensor {
        var b = Tensor.zeros([4 * units])
        b.assign(Tensor(1), at: [.range(start: units, end: 2 * units, step: 1)])
        return b
    }

    public func step(_ projected: Variable, _ state: [Variable]) -> [Variable] {
        let x = projected.split(parts: 4, axis: 1)
        let h = recurrentGates(state[0])
        let i = (x[0] + h[0]).sigmoid(), f = (x[1] + h[1]).sigmoid()
        let g = (x[2] + h[2]).tanh(), o = (x[3] + h[3]).sigmoid()
        let c = f * state[1] + i * g
        return [o * c.tanh(), c]
    }
}

/// Gated recurrent unit (Cho et al.), gates z, r, h̃ in Keras's order, in either of Keras's two forms:
///
/// - `resetAfter: false` (the default here, and the form Neurona had before the setting existed,
///   so models saved then load unchanged): one bias `b`, the reset gate applied before the
///   recurrent kernel: `z = σ(x·W_z + h·U_z + b_z)`, `r = σ(x·W_r + h·U_r + b_r)`,
///   `h̃ = tanh(x·W_h + (r·h)·U_h + b_h)`;
/// - `resetAfter: true` (Keras's default, and cuDNN's and PyTorch's form): a second bias
///   `recurrent_bias` `b′` added to `h·U`, the reset gate applied after it:
///   `z = σ(x·W_z + b_z + h·U_z + b′_z)`, `r = σ(x·W_r + b_r + h·U_r + b′_r)`,
///   `h̃ = tanh(x·W_h + b_h + r·(h·U_h + b′_h))`;
///
/// then `h_t = z·h_{t−1} + (1 − z)·h̃`. A Keras GRU loads into the form its `reset_after` names.
public final class GRU: RecurrentLayer {
    public static let typeName = "GRU"
    public static let gates = 3

    /// The settings, as in JSON: `units`, `return_sequences`, `reset_after`.
    public struct Config: RecurrentLayerConfig {
        /// The size of the state and of each step's output.
        public var units: Int
        /// Return the output at every step (`[N, T, units]`) instead of the last (`[N, units]`).
        public var returnSequences: Bool
        /// Keras's `reset_after`: a second (recurrent) bias and the reset gate applied after the
        /// recurrent kernel. Nil is false, and is left out of the JSON, so a GRU without the setting
        /// writes the JSON it wrote before the setting existed.
        public var resetAfter: Bool?
        public static let defaults = GRU(units: 1).config
        public static let requiredKeys: Set<String> = ["units"]
        public func validate() throws { try requirePositive("units", units) }
    }

    public let config: Config
    /// The layer's weights and shapes.
    public var cellState = RecurrentCellState()
    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The units, whether to return every step, and the form.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - units: The size of the state and of the output (positive; checked when built).
    ///   - returnSequences: Return the output at every step instead of the last.
    ///   - resetAfter: Keras's `reset_after` form (two biases) instead of the one-bias form.
    public convenience init(units: Int, returnSequences: Bool = false, resetAfter: Bool = false) {
        self.init(config: Config(units: units, returnSequences: returnSequences, resetAfter: resetAfter ? true : nil))
    }

    /// Whether the layer is in Keras's `reset_after` form.
    public var resetAfter: Bool { config.resetAfter ?? false }

    public func initialRecurrentBias() -> Tensor? { resetAfter ? Tensor.zeros([Self.gates * units]) : nil }

    public func step(_ projected: Variable, _ state: [Variable]) -> [Variable] {
        let x = projected.split(parts: 3, axis: 1)
        let h = state[0]
        if let recurrentBias = cellState.recurrentBias {
            let inner = (h.matmul(cellState.recurrentWeight!) + recurrentBias).split(parts: 3, axis: 1)
            let z = (x[0] + inner[0]).sigmoid()
            let r = (x[1] + inner[1]).sigmoid()
            let candidate = (x[2] + r * inner[2]).tanh()
            return [z * h + (1 - z) * candidate]
        }
        let u = cellState.recurrentWeight!.split(parts: 3, axis: 1)
        let z = (x[0] + h.matmul(u[0])).sigmoid()
        let r = (x[1] + h.matmul(u[1])).sigmoid()
        let candidate = (x[2] + (r * h).matmul(u[2])).tanh()
        return [z * h + (1 - z) * candidate]
    }
}

/// NeuronaRecurrent's entry point (a ``/NeuronaLayers/LayerPlugin``): registers SimpleRNN, LSTM and GRU.
public enum RecurrentPlugin: LayerPlugin {
    /// The package its layers are registered under (`NeuronaRecurrent>SimpleRNN`).
    public static let package = PluginPackage("NeuronaRecurrent", entryPoint: "RecurrentPlugin.register(into:)")
    /// SimpleRNN, LSTM and GRU.
    public static let layerTypes: [any ConfigurableLayer.Type] = [SimpleRNN.self, LSTM.self, GRU.self]
}
