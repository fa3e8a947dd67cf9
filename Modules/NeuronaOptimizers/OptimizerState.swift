import NeuronaAutograd
import NeuronaCore

/// An optimizer's state: how many steps it took, and each parameter's slot tensors (Adam's `m`
/// and `v`).
///
/// The slots are kept in an array aligned with the parameters ``Optimizer/step(_:)`` receives:
/// the first step (or a step with another parameter list) binds the list once, by name, and
/// later steps reach each parameter's slots by position, with no lookup. Names serve
/// checkpoints: ``slots`` is the state by parameter name, which ``Optimizer/stateTensors()``
/// writes and ``Optimizer/loadStateTensors(_:for:)`` reads back.
public struct OptimizerState: Equatable {
    /// The number of steps taken.
    public var iterations = 0

    /// One parameter's place in the bound list: its name, its variable (to tell whether a later
    /// step passes the same list) and its slots (empty until its first gradient).
    struct Entry {
        let name: String
        let variable: Variable?
        var slots: [Tensor]
    }

    /// The slots of the bound parameters, in the order of the list the last step received.
    var entries: [Entry] = []

    /// The slots of parameters outside the bound list (restored or set by name, or left by a
    /// step over another list), kept for checkpoints and for a later step that passes them again.
    var detached: [String: [Tensor]] = [:]

    /// An empty state: no steps taken, no slots.
    public init() {}

    /// Each parameter's slot tensors by parameter name (parameters that had no gradient yet have
    /// none). Setting it replaces every slot; the next step binds them to its parameters by name.
    public var slots: [String: [Tensor]] {
        get {
            var result = detached
            for entry in entries where !entry.slots.isEmpty { result[entry.name] = entry.slots }
            return result
        }
        set {
            entries = []
            detached = newValue
        }
    }

    /// Aligns the slots with `parameters` (a no-op when they are the list of the last step,
    /// checked by identity): slots move over by name, and parameters never seen start empty.
    mutating func bind(_ parameters: [NamedParameter]) {
        if entries.count == parameters.count {
            var same = true
            for i in parameters.indices where entries[i].variable !== parameters[i].variable || entries[i].name != parameters[i].name {
                same = false
                break
            }
            if same { return }
        }
        var byName = slots
        entries = parameters.map { Entry(name: $0.name, variable: $0.variable, slots: byName.removeValue(forKey: $0.name) ?? []) }
        detached = byName
    }

    /// Gives the parameter at `index` of the bound list `count` slots of zeros shaped like
    /// `parameter`, unless it has its slots already (allocated once, at its first gradient).
    mutating func allocateSlots(at index: Int, count: Int, like parameter: Tensor) {
        guard count > 0 && entries[index].slots.isEmpty else { return }
        entries[index].slots = (0..<count).map { _ in Tensor.zeros(parameter.shape, dtype: parameter.dtype) }
    }

    /// Equal step counts and equal slots by name.
    public static func == (lhs: OptimizerState, rhs: OptimizerState) -> Bool {
        lhs.iterations == rhs.iterations && lhs.slots == rhs.slots
    }
}
