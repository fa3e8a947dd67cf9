import NeuronaCore

/// How ``DataParallel`` sums the gradients of a global batch over its ranks.
///
/// ```swift
/// DataParallel(world)                                          // .fast: Open MPI's allreduce
/// DataParallel(world, reduction: .ordered)                     // the same bits on 1, 2, 4, 8… ranks
/// DataParallel(world, reduction: .ordered(microShard: 16))
/// ```
///
/// - ``fast`` (the default, as PyTorch DDP and Horovod): each rank backpropagates its shard of
///   the batch in one pass and Open MPI's `MPI_Allreduce` sums the shards' gradients in an
///   order of its own choosing. The weights agree across ranks bit for bit, but a run on 2 ranks
///   and one on 4 (or one process) differ by float rounding (a few ulps per step, which
///   training carries along).
/// - ``ordered(microShard:)``: the global batch is cut into micro-shards of `microShard`
///   examples (the last may be shorter), each backpropagated in a pass of its own, whatever
///   rank runs it (the same matrix shapes, so the same bits), and their gradients, each scaled
///   by its share of the batch, are summed as one fixed binary tree over the micro-shards'
///   indices: rank `r` of `P` sums its contiguous subtree, then the ranks combine their
///   subtrees pairwise in tree order (recursive doubling). The result does not depend on the
///   number of ranks: 1, 2, 4 or 8 ranks give the same weights bit for bit (what PyTorch's
///   `torch.use_deterministic_algorithms` promises within one configuration, here also across
///   world sizes). The number of ranks must be a power of two. Batch normalization then
///   normalizes each micro-shard with its own statistics (as DDP without SyncBatchNorm does
///   with each rank's shard), and its running statistics take one update per global batch:
///   the micro-shards' updates averaged in the same tree. The price is smaller passes and the
///   tree's exchange (measured in the module's README).
public struct GradientReduction: Equatable, Sendable, CustomStringConvertible {
    /// Examples per micro-shard of the ordered sum; `nil` for the fast one.
    public let microShard: Int?

    private init(microShard: Int?) {
        self.microShard = microShard
    }

    /// Open MPI's allreduce of each rank's shard gradient: fastest, bit-identical across ranks
    /// but not across world sizes.
    public static let fast = GradientReduction(microShard: nil)

    /// The ordered sum over micro-shards of ``defaultMicroShard`` examples.
    public static let ordered = ordered(microShard: defaultMicroShard)

    /// Examples per micro-shard of ``ordered``: 8, small enough that a global batch of 32
    /// spreads over 4 ranks, large enough that each pass still multiplies matrices, not vectors.
    public static let defaultMicroShard = 8

    /// The ordered sum over micro-shards of `microShard` examples: the same weights bit for bit
    /// on any power-of-two number of ranks.
    ///
    /// - Parameter microShard: Examples per backward pass (positive). A global batch that is a
    ///   multiple of `microShard × ranks` keeps every rank equally busy.
    public static func ordered(microShard: Int) -> GradientReduction {
        checkPrecondition(microShard > 0, "GradientReduction.ordered: microShard must be positive, got \(microShard)")
        return GradientReduction(microShard: microShard)
    }

    /// `fast` or `ordered(microShard: 8)`, as written in Swift.
    public var description: String {
        microShard.map { "ordered(microShard: \($0))" } ?? "fast"
    }
}
