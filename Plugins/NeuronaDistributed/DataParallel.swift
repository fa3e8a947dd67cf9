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
public final class DataParallel: TrainingStrategy {
    /// The processes training together.
    public let world: World
    /// The largest bucket of gradients averaged by one allreduce (PyTorch DDP's 25 MiB by default).
    public let bucketCapacityBytes: Int
    /// Seconds spent averaging gradients (packing, allreduce, unpacking) since the last ``resetTimers()``.
    public private(set) var communicationSeconds: Double = 0
    /// Allreduce calls made for gradients since the last ``resetTimers()``.
    public private(set) var allReduceCount = 0

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
    ///   - bucketCapacityBytes: The largest bucket of gradients one allreduce averages (positive).
    public init(_ world: World, bucketCapacityBytes: Int = DataParallel.defaultBucketCapacityBytes) {
        checkPrecondition(bucketCapacityBytes > 0, "DataParallel: bucketCapacityBytes must be positive, got \(bucketCapacityBytes)")
        self.world = world
        self.bucketCapacityBytes = bucketCapacityBytes
    }

    /// Whether this is rank 0.
    public var isPrimary: Bool { world.isPrimary }

    /// The number of buckets the last synchronized parameters' gradients were split into.
    public var bucketCount: Int { buckets.count }

    /// Sets ``communicationSeconds`` and ``allReduceCount`` to zero.
    public func resetTimers() {
        communicationSeconds = 0
        allReduceCount = 0
    }

    // MARK: TrainingStrategy

    /// Every rank's facts, gathered (each rank's JSON broadcast in turn: a few kilobytes) and
    /// compared with rank 0's; the first field that differs throws
    /// ``DistributedError/mismatch(field:rank:value:primaryValue:)`` on every rank alike.
    public func checkAgreement(_ facts: TrainingFacts) throws {
        guard world.size > 1 else { return }
        let mine = try JSONEncoder().encode(facts)
        let all = try (0..<world.size).map { root in
            try JSONDecoder().decode(TrainingFacts.self, from: world.broadcastBytes(world.rank == root ? mine : Data(), root: root))
        }
        for (rank, other) in all.enumerated().dropFirst() {
            for (field, primary) in zip(other.fields, all[0].fields) where field.value != primary.value {
                throw DistributedError.mismatch(field: field.name, rank: rank, value: field.value, primaryValue: primary.value)
            }
        }
    }

    /// Broadcasts rank 0's weights, buffers, optimizer state and `generator` (one safetensors blob).
    public func beginTraining(model: Model, generator: inout RandomGenerator) throws {
        guard world.size > 1 else { return }
        var tensors: [String: Tensor] = [:]
        if world.isPrimary {
            for (name, tensor) in model.network.weights() { tensors["weights." + name] = tensor }
            for (name, tensor) in model.optimizer?.stateTensors() ?? [:] { tensors["optimizer." + name] = tensor }
            tensors["generator"] = Tensor(generator.state.map { Int64(bitPattern: $0) }, shape: [generator.state.count])
        }
        let blob = try world.broadcastBytes(world.isPrimary ? Safetensors.encode(tensors) : Data())
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

    /// Rank `r` of `P` takes examples `r·n/P ..< (r+1)·n/P` of a global batch of `n`.
    public func shard(examples: Int) -> Range<Int> {
        world.rank * examples / world.size ..< (world.rank + 1) * examples / world.size
    }

    /// Scales this rank's gradients by its share of the global batch and sums them over the
    /// ranks in buckets; returns the global batch's mean loss.
    public func synchronizeGradients(_ parameters: [NamedParameter], batchLoss: Double,
                                     localExamples: Int, globalExamples: Int) throws -> Double {
        guard world.size > 1 else { return batchLoss }
        let start = DispatchTime.now().uptimeNanoseconds
        defer { communicationSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
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
                                       type: bucket.dtype == .float32 ? cmpi_float() : cmpi_double(), name)
            loss += bucket.unpack(parameters)
        }
        allReduceCount += buckets.count
        return loss
    }

    /// Every rank's rows, in rank order (``World/allGather(_:)``).
    public func gather(_ tensor: Tensor) throws -> Tensor {
        try world.allGather(tensor)
    }

    /// An error on one rank alone would leave the others waiting in their next collective until
    /// the world's timeout: on a world of several ranks, prints it and ends the job on every rank
    /// now (``World/abort(after:)``). An error of the collectives themselves is left to them
    /// (the world is already marked failed and aborts at exit).
    public func trainingFailed(_ error: Error) {
        guard world.size > 1, !(error is DistributedError) else { return }
        world.abort(after: error)
    }

    /// Averages floating-point buffers (batch-norm running statistics) over the ranks; other
    /// buffers take rank 0's values.
    public func endEpoch(model: Model) throws {
        guard world.size > 1 else { return }
        for buffer in model.network.namedBuffers() where buffer.variable.dtype != .bool {
            let value = buffer.variable.value
            buffer.variable.value = value.dtype.isFloatingPoint
                ? try world.allReduce(value, .mean)
                : try world.broadcast(value, root: 0)
        }
    }
}
