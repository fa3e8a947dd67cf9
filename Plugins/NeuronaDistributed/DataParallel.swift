import CMPI
import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaOptimizers
import NeuronaTraining

/// Data-parallel training over a ``World`` (PyTorch's `DistributedDataParallel`, Horovod):
/// every rank holds the whole model, trains on its shard of each global batch, and the
/// gradients are averaged before each update, so every rank takes the same step.
///
/// ```swift
/// let world = try Distributed.initialize()
/// let strategy = DataParallel(world)
/// try model.fit(x: x, y: y, epochs: 5, batchSize: 32, strategy: strategy)   // 16 per rank on 2 ranks
/// ```
///
/// - Before the first step, every rank's example count, batch size, shuffling, input and target
///   shapes and dtypes, model, optimizer and loss are compared in one small exchange; a
///   difference throws ``DistributedError/mismatch(field:rank:value:primaryValue:)`` on every
///   rank, naming the rank and the field. With ``DataPlacement/sharded(_:)`` data each rank
///   holds its own part instead, and the parts' sizes are reconciled there (``DataPlacement``).
///
/// - At the start of `fit`, rank 0's weights, buffers, optimizer state and shuffling generator
///   are broadcast (one safetensors blob), so every rank starts alike, also when resuming.
/// - Each global batch of the shared shuffled order is split into contiguous shards:
///   rank `r` of `P` takes examples `r·n/P ..< (r+1)·n/P` of a batch of `n` (a remainder goes
///   the same way on every rank; a rank whose shard is empty contributes zeros).
/// - After the backward pass, each rank's gradient (of its shard's mean loss) is scaled by its
///   share `nᵣ/n` of the global batch and summed over ranks in buckets of at most
///   ``bucketCapacityBytes`` (a few large allreduces: Open MPI's blocking `MPI_Allreduce`,
///   bounded by the world's timeout through a watchdog);
///   the last bucket also carries the batch loss, so `History` shows the global loss for free.
///   The result is the gradient of the global batch's mean loss (the loss must be a mean over
///   the batch, as every built-in loss is).
/// - After each epoch, buffers (batch normalization's running statistics, which each rank
///   updates from its own shard) are averaged over ranks; during the epoch, batch
///   normalization normalizes with its rank's shard statistics (not synchronized).
///
/// That is the ``GradientReduction/fast`` sum (the default). With
/// `reduction: .ordered` the batch is cut into micro-shards instead, each backpropagated on its
/// own and summed in one fixed tree, so that 1, 2, 4 or 8 ranks train the same weights bit for
/// bit (``GradientReduction/ordered(microShard:)`` says how, and what it costs).
public final class DataParallel: TrainingStrategy {
    /// The processes training together.
    public let world: World
    /// Whether every rank holds the whole data set or its own part.
    public let data: DataPlacement
    /// Seconds each of this strategy's exchanges waits for the other ranks; `nil` for the
    /// world's ``World/timeout``.
    public let timeout: Double?
    /// With ``DataPlacement/sharded(_:)`` data, how this rank walks its part in each epoch of
    /// the current `fit` (made by ``checkAgreement(_:)`` from every rank's example count).
    public private(set) var localEpochPlan: LocalEpochPlan?
    /// How the ranks' gradients are summed: ``GradientReduction/fast`` or ``GradientReduction/ordered``.
    public let reduction: GradientReduction
    /// The largest bucket of gradients averaged by one allreduce (PyTorch DDP's 25 MiB by default).
    public let bucketCapacityBytes: Int
    /// Seconds spent averaging gradients since the last ``resetTimers()``: packing, allreduce
    /// and unpacking (fast), or the exchanges of subtrees (ordered).
    public var communicationSeconds: Double { fastSeconds + (ordered?.exchangeSeconds ?? 0) }
    /// Allreduce calls (fast) or pairwise exchanges (ordered) made for gradients since the
    /// last ``resetTimers()``.
    public var allReduceCount: Int { fastAllReduces + (ordered?.exchanges ?? 0) }

    private var fastSeconds: Double = 0
    private var fastAllReduces = 0
    /// The ordered sum's state, with ``GradientReduction/ordered(microShard:)``.
    private let ordered: OrderedReduction?

    /// The buckets of the last synchronized parameters.
    private var buckets: [GradientBucket] = []
    /// The buckets planned for each list of parameters (a step may update several in turn: a
    /// generator, then a discriminator), by the parameters' identities.
    private var plans: [[ObjectIdentifier]: [GradientBucket]] = [:]

    /// The default bucket size: 25 MiB, as PyTorch's `bucket_cap_mb`.
    public static let defaultBucketCapacityBytes = 25 << 20

    /// Data-parallel training over `world`.
    ///
    /// - Parameters:
    ///   - world: The processes (``Distributed/initialize(timeout:)``).
    ///   - data: ``DataPlacement/replicated`` (every rank holds the whole data set, the
    ///     default) or ``DataPlacement/sharded(_:)`` (each rank its own part).
    ///   - reduction: How gradients are summed: ``GradientReduction/fast`` (Open MPI's
    ///     allreduce) or ``GradientReduction/ordered`` (the same bits on any power-of-two
    ///     number of ranks, `fit` throws on others; replicated data only).
    ///   - bucketCapacityBytes: The largest bucket of gradients one allreduce averages
    ///     (positive; the fast sum's).
    ///   - timeout: Seconds each exchange of training waits for the other ranks, instead of
    ///     the world's ``World/timeout`` (positive, `.infinity` without limit): longer when one
    ///     rank legitimately works alone between steps (a long callback).
    public init(_ world: World, data: DataPlacement = .replicated, reduction: GradientReduction = .fast,
                bucketCapacityBytes: Int = DataParallel.defaultBucketCapacityBytes, timeout: Double? = nil) {
        checkPrecondition(bucketCapacityBytes > 0, "DataParallel: bucketCapacityBytes must be positive, got \(bucketCapacityBytes)")
        checkPrecondition(timeout.map { $0 > 0 } ?? true, "DataParallel: timeout must be positive seconds (or .infinity), got \(timeout ?? 0)")
        self.world = world
        self.data = data
        self.reduction = reduction
        self.bucketCapacityBytes = bucketCapacityBytes
        self.timeout = timeout
        ordered = reduction.microShard.map { OrderedReduction(world: world, microShard: $0, timeout: timeout) }
    }

    /// Whether this is rank 0.
    public var isPrimary: Bool { world.isPrimary }

    /// The number of buckets the last synchronized parameters' gradients were split into.
    public var bucketCount: Int { buckets.count }

    /// Sets ``communicationSeconds`` and ``allReduceCount`` to zero.
    public func resetTimers() {
        fastSeconds = 0
        fastAllReduces = 0
        ordered?.exchangeSeconds = 0
        ordered?.exchanges = 0
    }

    // MARK: TrainingStrategy

    /// Every rank's facts, ``reduction`` and ``data``, gathered (each rank's JSON broadcast in
    /// turn: a few kilobytes) and compared with rank 0's; the first field that differs throws
    /// ``DistributedError/mismatch(field:rank:value:primaryValue:)`` on every rank alike. With
    /// sharded data the example counts may differ: they make ``localEpochPlan``, or throw
    /// ``DistributedError/unevenShards(field:rank:message:)`` when they cannot be reconciled.
    /// The ordered sum on a world whose size is not a power of two, or on sharded data, throws
    /// ``DistributedError/invalidArgument(operation:message:)``.
    public func checkAgreement(_ facts: TrainingFacts) throws {
        localEpochPlan = nil
        try ordered?.checkWorldSize()
        guard world.size > 1 else { return }
        struct RankFacts: Codable {
            var facts: TrainingFacts
            var reduction: String
            var data: String
            // Where the data live first: it decides whether the example counts must agree.
            var fields: [(name: String, value: String)] { [("data", data), ("reduction", reduction)] + facts.fields }
        }
        let mine = try JSONEncoder().encode(RankFacts(facts: facts, reduction: reduction.description, data: data.description))
        let all = try (0..<world.size).map { root in
            try JSONDecoder().decode(RankFacts.self, from: world.broadcastBytes(world.rank == root ? mine : Data(), root: root, timeout: timeout))
        }
        for (rank, other) in all.enumerated().dropFirst() {
            for (field, primary) in zip(other.fields, all[0].fields)
            where field.value != primary.value && !(field.name == "examples" && data.isSharded) {
                throw DistributedError.mismatch(field: field.name, rank: rank, value: field.value, primaryValue: primary.value)
            }
        }
        guard let uneven = data.unevenShards else { return }
        if ordered != nil {
            throw DistributedError.invalidArgument(
                operation: "DataParallel(data: \(data), reduction: \(reduction))",
                message: "the ordered sum's bits are defined by one global order of the whole data set, which sharded data does not have: use reduction: .fast with sharded data, or replicated data with .ordered")
        }
        localEpochPlan = try ShardedEpochs.plan(counts: all.map(\.facts.examples), rank: world.rank, batchSize: facts.batchSize,
                                                dropsLastBatch: facts.dropsLastBatch, uneven: uneven)
    }

    /// Broadcasts rank 0's weights, buffers, optimizer state and `generator` (one safetensors blob).
    public func beginTraining(model: Model, generator: inout RandomGenerator) throws {
        ordered?.buffers = model.network.namedBuffers().filter { $0.variable.dtype.isFloatingPoint }
        guard world.size > 1 else { return }
        var tensors: [String: Tensor] = [:]
        if world.isPrimary {
            for (name, tensor) in model.network.weights() { tensors["weights." + name] = tensor }
            for (name, tensor) in model.optimizer?.stateTensors() ?? [:] { tensors["optimizer." + name] = tensor }
            tensors["generator"] = Tensor(generator.state.map { Int64(bitPattern: $0) }, shape: [generator.state.count])
        }
        let blob = try world.broadcastBytes(world.isPrimary ? Safetensors.encode(tensors) : Data(), timeout: timeout)
        guard !world.isPrimary else { return }
        let received = try Safetensors.decode(blob, file: "DataParallel: rank 0's state").tensors
        var weights: [String: Tensor] = [:], state: [String: Tensor] = [:]
        for (key, tensor) in received {
            if key.hasPrefix("weights.") { weights[String(key.dropFirst(8))] = tensor }
            if key.hasPrefix("optimizer.") { state[String(key.dropFirst(10))] = tensor }
        }
        try model.network.loadWeights(weights)
        try model.optimizer?.loadStateTensors(state, for: model.parameters)
        if let words = received["generator"] {
            generator = RandomGenerator(state: words.scalars(as: Int64.self).map { UInt64(bitPattern: $0) })
        }
    }

    /// Rank `r` of `P` takes examples `r·n/P ..< (r+1)·n/P` of a global batch of `n` (fast),
    /// or the examples of its micro-shards (ordered); all of them with sharded data (the batch
    /// is already this rank's own).
    public func shard(examples: Int) -> Range<Int> {
        if data.isSharded { return 0..<examples }
        if let ordered { return ordered.shard(examples: examples) }
        return world.rank * examples / world.size ..< (world.rank + 1) * examples / world.size
    }

    /// Runs `step` on this rank's shard (fast), or once on each of its micro-shards (ordered:
    /// the logs are then the micro-shards' averaged by examples, `loss` the global batch's);
    /// on the whole batch with sharded data (it is this rank's own).
    public func runStep(on batch: TrainingBatch, _ step: (TrainingBatch) throws -> [String: Double]) throws -> [String: Double] {
        if data.isSharded { return try step(batch) }
        if let ordered { return try ordered.runStep(on: batch, step) }
        return try step(batch.part(shard(examples: batch.examples)))
    }

    /// Fast: scales this rank's gradients by its share of the global batch and sums them over
    /// the ranks in buckets; returns the global batch's mean loss. Ordered: keeps each
    /// micro-shard's gradients as a leaf of the tree and returns `nil` until the last, then
    /// combines the ranks' subtrees and returns the global batch's mean loss.
    public func synchronizeGradients(_ parameters: [NamedParameter], batchLoss: Double,
                                     localExamples: Int, globalExamples: Int) throws -> Double? {
        if let ordered {
            return try ordered.synchronize(parameters, batchLoss: batchLoss, localExamples: localExamples, globalExamples: globalExamples)
        }
        guard world.size > 1 else { return batchLoss }
        let start = DispatchTime.now().uptimeNanoseconds
        defer { fastSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        let identities = parameters.map { ObjectIdentifier($0.variable) }
        if let planned = plans[identities] {
            buckets = planned
        } else {
            buckets = GradientBucket.plan(parameters, capacityBytes: bucketCapacityBytes)
            plans[identities] = buckets
        }
        let scale = Double(localExamples) / Double(globalExamples)
        let name = "DataParallel: gradient allreduce"
        var loss = 0.0
        for bucket in buckets {
            bucket.pack(parameters, scale: scale, loss: localExamples > 0 ? batchLoss : 0)
            try world.allReduceInPlace(bucket.storage, count: bucket.count,
                                       type: bucket.dtype == .float32 ? cmpi_float() : cmpi_double(), name, timeout: timeout)
            loss += bucket.unpack(parameters)
        }
        fastAllReduces += buckets.count
        return loss
    }

    /// Every rank's rows, in rank order (``World/allGather(_:timeout:)``).
    public func gather(_ tensor: Tensor) throws -> Tensor {
        try world.allGather(tensor, timeout: timeout)
    }

    /// An error on one rank alone would leave the others waiting in their next collective until
    /// the world's timeout: on a world of several ranks, prints it and ends the job on every rank
    /// now (``World/abort(after:)``). An error of the collectives themselves is left to them
    /// (the world is already marked failed and aborts at exit).
    public func trainingFailed(_ error: Error) {
        guard world.size > 1, !(error is DistributedError) else { return }
        world.abort(after: error)
    }

    /// Averages floating-point buffers (batch-norm running statistics) over the ranks (fast;
    /// the ordered sum already made them equal after each batch); other buffers take rank 0's
    /// values.
    public func endEpoch(model: Model) throws {
        guard world.size > 1 else { return }
        for buffer in model.network.namedBuffers() where buffer.variable.dtype != .bool {
            let value = buffer.variable.value
            if ordered != nil && value.dtype.isFloatingPoint { continue }
            buffer.variable.value = value.dtype.isFloatingPoint
                ? try world.allReduce(value, .mean, timeout: timeout)
                : try world.broadcast(value, root: 0, timeout: timeout)
        }
    }
}
