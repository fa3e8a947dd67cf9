import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaTraining

/// ``DataParallel``'s ordered sum (``GradientReduction/ordered(microShard:)``): runs the
/// training step once per micro-shard of this rank, keeps each micro-shard's scaled gradients,
/// loss and batch-norm statistics as a leaf of the tree (``OrderedSum``), and after the last
/// one combines the ranks' subtrees pairwise (recursive doubling) into the batch's gradient.
final class OrderedReduction {
    let world: World
    let microShard: Int
    /// The model's floating-point buffers (batch normalization's running statistics), found
    /// when training begins: each micro-shard updates them from the values the batch started
    /// with, and the batch's update is the micro-shards' averaged in the tree.
    var buffers: [NamedParameter] = []
    /// Seconds spent exchanging subtrees, and the exchanges, since the last reset.
    var exchangeSeconds = 0.0
    var exchanges = 0

    /// The global batch being trained.
    private final class Step {
        /// Micro-shards whose gradients are still to come (at least one: a rank without
        /// micro-shards still runs the step once on an empty part, to take part in the exchange).
        var remaining: Int
        var sum = OrderedSum()
        /// The buffers' values when the batch began.
        let startingBuffers: [Tensor]
        /// Whether the step running now already handed its gradients over.
        var partSynchronized = false
        /// The batch's mean loss, once the exchange is done.
        var globalLoss: Double?

        init(remaining: Int, startingBuffers: [Tensor]) {
            self.remaining = remaining
            self.startingBuffers = startingBuffers
        }
    }
    private var step: Step?

    /// Seconds each exchange waits for its partner (`nil`: the world's timeout).
    let timeout: Double?

    init(world: World, microShard: Int, timeout: Double?) {
        self.timeout = timeout
        self.world = world
        self.microShard = microShard
    }

    private var operation: String { "DataParallel(reduction: .ordered(microShard: \(microShard)))" }

    /// Throws unless the world's size is a power of two (the tree combines ranks pairwise).
    func checkWorldSize() throws {
        guard world.size & (world.size - 1) != 0 else { return }
        throw DistributedError.invalidArgument(
            operation: operation,
            message: "a world of \(world.size) ranks: the ordered sum combines the ranks' subtrees pairwise and needs a power-of-two number of ranks (1, 2, 4, 8…); start \(1 << (Int.bitWidth - 1 - world.size.leadingZeroBitCount)) or \(1 << (Int.bitWidth - world.size.leadingZeroBitCount)) ranks, or use reduction: .fast")
    }

    /// This rank's examples of a global batch of `examples`: its micro-shards, together.
    func shard(examples: Int) -> Range<Int> {
        MicroShardPlan(examples: examples, microShard: microShard, rank: world.rank, ranks: world.size).myExamples
    }

    /// Runs `body` once per micro-shard of this rank (once on an empty part when it has none).
    /// The logs are the micro-shards' averaged by examples, `loss` the global batch's.
    func runStep(on batch: TrainingBatch, _ body: (TrainingBatch) throws -> [String: Double]) throws -> [String: Double] {
        let plan = MicroShardPlan(examples: batch.examples, microShard: microShard, rank: world.rank, ranks: world.size)
        let step = Step(remaining: Swift.max(1, plan.mine.count), startingBuffers: buffers.map(\.variable.value))
        self.step = step
        defer { self.step = nil }
        func run(_ examples: Range<Int>) throws -> [String: Double] {
            step.partSynchronized = false
            let logs = try body(batch.part(examples))
            guard step.partSynchronized else {
                throw DistributedError.invalidArgument(
                    operation: operation, message: "the training step returned without calling applyGradients: the ordered sum needs it once per step, also for an empty part")
            }
            return logs
        }
        var logs: [String: Double]
        if plan.mine.isEmpty {
            logs = try run(0 ..< 0)
        } else {
            var weighted: [String: Double] = [:]
            for index in plan.mine {
                let examples = plan.examples(of: index)
                for (name, value) in try run(examples) { weighted[name, default: 0] += value * Double(examples.count) }
            }
            let count = Double(plan.myExamples.count)
            logs = weighted.mapValues { $0 / count }
        }
        if let loss = step.globalLoss, logs["loss"] != nil { logs["loss"] = loss }
        return logs
    }

    /// Keeps this micro-shard's gradients (scaled by its share of the batch) as the next leaf;
    /// after the last, exchanges the subtrees and sets every parameter's gradient and buffer to
    /// the tree's sum. Returns `nil` until then, then the global batch's mean loss.
    func synchronize(_ parameters: [NamedParameter], batchLoss: Double, localExamples: Int, globalExamples: Int) throws -> Double? {
        guard let step else {
            throw DistributedError.invalidArgument(operation: operation, message: "applyGradients was called outside fit's training step")
        }
        guard !step.partSynchronized else {
            throw DistributedError.invalidArgument(
                operation: operation,
                message: "the training step called applyGradients twice: the ordered sum runs the step once per micro-shard and sums one update per batch; use reduction: .fast for a step with several updates (a GAN's generator and discriminator)")
        }
        step.partSynchronized = true
        if localExamples > 0 {
            let share = Double(localExamples) / Double(globalExamples)
            func scaled(_ tensor: Tensor) -> Tensor { share == 1 ? tensor : tensor * Tensor(share, dtype: tensor.dtype) }
            var leaf = parameters.map { parameter in
                let variable = parameter.variable
                return scaled(variable.grad.map { $0.dtype == variable.dtype ? $0 : $0.converted(to: variable.dtype) }
                              ?? Tensor.zeros(variable.shape, dtype: variable.dtype))
            }
            leaf.append(Tensor([batchLoss * share], shape: [1]))
            leaf += buffers.map { scaled($0.variable.value) }
            step.sum.add(leaf)
            for (buffer, value) in zip(buffers, step.startingBuffers) { buffer.variable.value = value }
        }
        step.remaining -= 1
        guard step.remaining == 0 else { return nil }

        let start = DispatchTime.now().uptimeNanoseconds
        let layout: [(shape: [Int], dtype: DType)] = parameters.map { ($0.variable.shape, $0.variable.dtype) }
            + [([1], .float64)] + buffers.map { ($0.variable.shape, $0.variable.dtype) }
        var total = step.sum.total
        var distance = 1
        while distance < world.size {
            let partner = world.rank ^ distance
            let received = try world.exchangeBytes(OrderedSum.encode(total, like: layout), with: partner,
                                                   "DataParallel: ordered gradient exchange", timeout: timeout)
            let theirs = OrderedSum.decode(received, like: layout)
            total = world.rank < partner ? OrderedSum.combine(total, theirs) : OrderedSum.combine(theirs, total)
            distance <<= 1
            exchanges += 1
        }
        exchangeSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // Every batch has a micro-shard, so some rank's subtree is present.
        guard let total else { preconditionFailed("\(operation): a batch without micro-shards") }
        for (parameter, gradient) in zip(parameters, total) { parameter.variable.grad = gradient }
        for (buffer, value) in zip(buffers, total.suffix(buffers.count)) { buffer.variable.value = value }
        let loss = total[parameters.count].item
        step.globalLoss = loss
        return loss
    }
}
