import NeuronaCore

/// A tensor on the autograd tape: its value, its gradient, and how it was computed.
///
/// Ops on variables compute their value at once (define-by-run) and, when any input requires a
/// gradient, record a node: the op, its inputs (parents) and a backward function. `backward()`
/// walks the nodes in reverse topological order and accumulates each leaf's ``grad``.
///
/// ```swift
/// let w = Variable(Tensor([[0.5], [-1]]), requiresGrad: true)
/// let x = Variable(Tensor([[2, 3]]))
/// let loss = (x.matmul(w) - 1).squared().sum()
/// try loss.backward()
/// print(w.grad!)   // dloss/dw
/// ```
///
/// ### See Also
/// - ``gradients(of:withRespectTo:seed:createGraph:retainGraph:)``, ``withNoGrad(_:)``, ``GradientChecker``
public final class Variable {
    /// The value. Optimizers update parameters by assigning to it, in place or with a new
    /// tensor of the same shape; a tensor of another shape is refused (the program stops with
    /// both shapes), since the layer that owns the variable was built for this one. The dtype may
    /// change (NeuronaLayers' `Layer` converts its parameters to float64 for gradient checks).
    public var value: Tensor {
        @inlinable get { storedValue }
        @inlinable set {
            checkPrecondition(newValue.shape == storedValue.shape, Variable.replacementMessage(newValue.shape, storedValue.shape))
            storedValue = newValue
        }
        @inlinable _modify {
            let shape = storedValue.shape
            yield &storedValue
            checkPrecondition(storedValue.shape == shape, Variable.replacementMessage(storedValue.shape, shape))
        }
    }

    @usableFromInline var storedValue: Tensor

    @usableFromInline
    static func replacementMessage(_ new: [Int], _ old: [Int]) -> String {
        "Variable.value: a tensor of shape \(new) cannot replace one of shape \(old); assign a tensor of the same shape, or make a new Variable"
    }
    /// The gradient accumulated by `backward()` (leaves only), or nil.
    public var grad: Tensor?
    /// Whether gradients flow to this variable.
    public var requiresGrad: Bool
    /// Which time steps of a sequence batch `[N, T, …]` are real (`true`) and which are padding
    /// (`false`), as a bool tensor `[N, T]`; nil when every step counts. Keras's `_keras_mask`:
    /// set by `Embedding(maskZero: true)`, passed on by the layers that keep the time axis
    /// (Dropout, Activation, recurrent layers returning sequences), read by the recurrent layers
    /// (a padded step leaves the state unchanged) and by `GlobalAveragePooling1D` (the mean of the
    /// real steps only). Ops do not carry it: a new variable starts without a mask.
    public var sequenceMask: Tensor?
    /// The op that produced this variable (a built-in or a plugin's ``CustomOp``); nil for an
    /// input or a parameter.
    public let op: DifferentiableOp?

    /// The inputs of `op` (emptied when the graph is freed).
    @usableFromInline var parents: [Variable]
    /// Given the gradient of this node and the node itself, the gradients of its parents.
    @usableFromInline var backwardFunction: BackwardFunction?
    /// Whether a backward pass has freed this node's graph.
    var isFreed = false
    /// Backward-pass scratch: the gradient gathered so far and the visit mark.
    var pendingGrad: Variable?
    var visitMark: UInt64 = 0

    @usableFromInline
    typealias BackwardFunction = (_ gradient: Variable, _ output: Variable) -> [Variable?]

    /// A leaf variable holding `value`.
    /// - Parameters:
    ///   - value: The tensor it holds.
    ///   - requiresGrad: Whether `backward()` computes a gradient for it (true for parameters).
    public init(_ value: Tensor, requiresGrad: Bool = false) {
        self.storedValue = value
        self.requiresGrad = requiresGrad
        self.op = nil
        self.parents = []
        self.backwardFunction = nil
    }

    /// A constant computed by `op` (no input required a gradient, or recording was off).
    @usableFromInline
    init(constant value: Tensor, op: DifferentiableOp) {
        self.storedValue = value
        self.requiresGrad = false
        self.op = op
        self.parents = []
        self.backwardFunction = nil
    }

    @usableFromInline
    init(value: Tensor, op: DifferentiableOp, parents: [Variable], backward: @escaping BackwardFunction) {
        self.storedValue = value
        self.requiresGrad = true
        self.op = op
        self.parents = parents
        self.backwardFunction = backward
    }

    /// Records the result of `op` on `parents`: a graph node when recording is on and any parent
    /// requires a gradient, a plain constant otherwise.
    @usableFromInline
    static func record(_ value: Tensor, _ op: DifferentiableOp, _ parents: [Variable],
                       _ backward: @escaping BackwardFunction) -> Variable {
        if GradMode.isEnabled {
            for p in parents where p.requiresGrad {
                return Variable(value: value, op: op, parents: parents, backward: backward)
            }
        }
        return Variable(constant: value, op: op)
    }

    /// One-parent form of `record`, without building the parents array when nothing records.
    @usableFromInline
    static func record(_ value: Tensor, _ op: DifferentiableOp, _ parent: Variable,
                       _ backward: @escaping BackwardFunction) -> Variable {
        if GradMode.isEnabled && parent.requiresGrad {
            return Variable(value: value, op: op, parents: [parent], backward: backward)
        }
        return Variable(constant: value, op: op)
    }

    /// `gradient()` as a constant when the backward pass records nothing (no `createGraph`),
    /// else nil and the caller builds the gradient from ops so that it can be differentiated.
    /// Saves each backward op its tape bookkeeping (a parents array, a closure, a node) where
    /// nothing would use it; the tensor math, and so the bits, are the same.
    @inline(__always)
    static func unrecorded(_ gradient: () -> Tensor) -> Variable? {
        GradMode.isEnabled ? nil : Variable(gradient())
    }

    /// The shape of the value.
    public var shape: [Int] { value.shape }
    /// The dtype of the value.
    public var dtype: DType { value.dtype }
    /// The number of dimensions.
    public var rank: Int { value.rank }
    /// Whether this variable is a leaf: an input, a parameter, or anything that requires no
    /// gradient (as in PyTorch). Only leaves accumulate `grad`.
    public var isLeaf: Bool { op == nil || !requiresGrad }
    /// The op's name, or "leaf".
    public var opName: String { op?.rawValue ?? "leaf" }

    /// The same value, cut off from the graph: no gradient flows through it.
    public func detached() -> Variable { Variable(value) }

    /// Forgets the accumulated gradient.
    public func zeroGrad() { grad = nil }
}

extension Variable: CustomStringConvertible {
    public var description: String {
        "Variable(\(opName), shape: \(shape), dtype: \(dtype)\(requiresGrad ? ", requiresGrad" : ""))\n\(value.valuesDescription)"
    }
}
