import NeuronaCore
import Synchronization

// The backward pass: a topological sort of the graph, then one reverse sweep that hands each
// node's gradient to its backward function and sums what arrives at each parent.

/// The number of the latest backward pass in the process: each pass marks the variables it visits
/// with a number of its own. One counter for all threads, because a model's parameters outlive
/// both the pass and the thread: with a count per thread, a pass on one thread could take a
/// parameter marked by another thread's pass of the same number for one it had already visited,
/// and leave it without its gradient (a lab session stepped by a server's threads, or a model
/// trained from Swift tasks that resume on other threads).
private let latestBackwardPass = Atomic<UInt64>(0)

extension Variable {
    /// Accumulates into every leaf that requires a gradient the derivative of this variable
    /// with respect to it (adding to any gradient already there, as PyTorch does).
    ///
    /// - Parameters:
    ///   - seed: The gradient of some final scalar with respect to this variable; required when
    ///     this variable has more than one element, ones (a scalar 1) by default.
    ///   - retainGraph: Keep the graph so that backward can run on it again. By default the
    ///     graph is freed: its nodes drop their inputs and backward functions.
    /// - Throws: ``AutogradError`` for a non-scalar without a seed, a seed of the wrong shape, a
    ///   freed graph, or a variable that does not require gradients.
    public func backward(seed: Tensor? = nil, retainGraph: Bool = false) throws {
        _ = try runBackward(seed: seed, targets: nil, createGraph: false, retainGraph: retainGraph)
    }

    /// The engine behind `backward` and `gradients(of:withRespectTo:)`. Returns the gradients of
    /// `targets` (when given) instead of accumulating into leaves.
    func runBackward(seed: Tensor?, targets: [Variable]?, createGraph: Bool, retainGraph: Bool) throws -> [Variable] {
        if isFreed { throw AutogradError.graphFreed(op: opName, shape: shape) }
        guard requiresGrad else { throw AutogradError.doesNotRequireGrad(op: opName, shape: shape) }
        let seedValue: Tensor
        if let seed {
            guard seed.shape == shape else {
                throw AutogradError.seedShapeMismatch(op: opName, shape: shape, seedShape: seed.shape)
            }
            seedValue = seed.converted(to: dtype)
        } else {
            guard value.count == 1 else { throw AutogradError.nonScalarWithoutSeed(op: opName, shape: shape) }
            seedValue = Tensor.ones(shape, dtype: dtype)
        }

        let order = topologicalOrder()
        pendingGrad = Variable(seedValue)
        GradMode.with(enabled: createGraph) {
            for node in order.reversed() {
                guard let gradient = node.pendingGrad else { continue }
                if let backward = node.backwardFunction {
                    let parentGrads = backward(gradient, node)
                    for (parent, g) in zip(node.parents, parentGrads) {
                        guard let g, parent.requiresGrad else { continue }
                        if let existing = parent.pendingGrad {
                            parent.pendingGrad = existing + g
                        } else {
                            parent.pendingGrad = g
                        }
                    }
                } else if targets == nil && node.requiresGrad {
                    // A leaf: accumulate.
                    if let existing = node.grad {
                        node.grad = existing + gradient.value
                    } else {
                        node.grad = gradient.value
                    }
                }
            }
        }

        var results: [Variable] = []
        if let targets {
            results = targets.map { $0.pendingGrad ?? Variable(Tensor.zeros($0.shape, dtype: $0.dtype)) }
        }
        for node in order {
            node.pendingGrad = nil
            if !retainGraph && node.op != nil {
                node.parents = []
                node.backwardFunction = nil
                node.isFreed = true
            }
        }
        return results
    }

    /// The nodes that lead to this one and require gradients, inputs before outputs.
    private func topologicalOrder() -> [Variable] {
        let mark = latestBackwardPass.wrappingAdd(1, ordering: .relaxed).newValue
        var order: [Variable] = []
        var stack: [(node: Variable, expanded: Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded {
                order.append(node)
                continue
            }
            if node.visitMark == mark { continue }
            node.visitMark = mark
            stack.append((node, true))
            for parent in node.parents where parent.requiresGrad && parent.visitMark != mark {
                stack.append((parent, false))
            }
        }
        return order
    }
}

/// The gradients of `output` with respect to each of `inputs` (PyTorch's `torch.autograd.grad`),
/// leaving every `.grad` untouched.
///
/// With `createGraph`, the gradients are themselves recorded on the tape, so they can be
/// differentiated again (second derivatives, Hessian-vector products); the graph is then kept.
/// An input that `output` does not depend on gets zeros.
public func gradients(
    of output: Variable, withRespectTo inputs: [Variable], seed: Tensor? = nil,
    createGraph: Bool = false, retainGraph: Bool? = nil
) throws -> [Variable] {
    try output.runBackward(seed: seed, targets: inputs, createGraph: createGraph,
                           retainGraph: retainGraph ?? createGraph)
}
