/// Where ``DataParallel``'s training data lives: the whole data set on every rank
/// (``replicated``, the default), or each rank's own part (``sharded(_:)``).
///
/// ```swift
/// DataParallel(world)                                   // every rank loads the whole data set
/// DataParallel(world, data: .sharded)                   // each rank loads its own part (pads, as DistributedSampler)
/// DataParallel(world, data: .sharded(.drop))            // ... or cuts every rank to the smallest part
/// ```
///
/// - ``replicated``: every rank holds the same examples, draws the same shuffled order, and
///   trains on its contiguous shard of each global batch of `batchSize` (the agreement check
///   refuses different example counts).
/// - ``sharded(_:)``: each rank reads only its part (a file per rank, `x[rank::size]`, a data
///   set too large for one host): PyTorch's `DistributedSampler` and Keras's
///   `distribute_datasets_from_function`. `batchSize` stays the global batch (as Keras's) and
///   must divide by the number of ranks: each rank trains `batchSize / size` of its own
///   examples per step. Every epoch each rank shuffles its own part (the permutations are drawn
///   so that every rank's generator advances alike). The ranks must take the same number of
///   steps per epoch; ``UnevenShards`` says how parts of different sizes get there, and the
///   agreement check at the start of `fit` throws
///   ``DistributedError/unevenShards(field:rank:message:)`` on every rank alike, naming the rank
///   and the field, when they cannot. The ordered sum needs ``replicated`` data (its bits are
///   defined by one global order).
public struct DataPlacement: Equatable, Sendable, CustomStringConvertible {
    /// How parts of different sizes are brought to the same steps; `nil` for replicated data.
    public let unevenShards: UnevenShards?

    private init(unevenShards: UnevenShards?) {
        self.unevenShards = unevenShards
    }

    /// Every rank holds the whole data set (the default).
    public static let replicated = DataPlacement(unevenShards: nil)

    /// Each rank holds its own part; parts of different sizes are padded to the largest
    /// (``UnevenShards/pad``, `DistributedSampler`'s default).
    public static let sharded = DataPlacement(unevenShards: .pad)

    /// Each rank holds its own part; `uneven` says how parts of different sizes are brought to
    /// the same number of steps.
    ///
    /// - Parameter uneven: Pad, drop, or keep every part as it is.
    /// - Returns: The placement.
    public static func sharded(_ uneven: UnevenShards) -> DataPlacement {
        DataPlacement(unevenShards: uneven)
    }

    /// Whether each rank holds its own part.
    public var isSharded: Bool { unevenShards != nil }

    /// `replicated` or `sharded(pad)`, `sharded(drop)`, `sharded(keep)`.
    public var description: String {
        unevenShards.map { "sharded(\($0.rawValue))" } ?? "replicated"
    }
}

/// How ``DataPlacement/sharded(_:)`` data whose parts differ in size take the same number of
/// steps per epoch on every rank (each rank trains `b = batchSize / size` examples per step).
///
/// The parts may differ by up to a factor of two with ``pad`` and ``drop`` (a larger gap is a
/// badly split data set, refused with the ranks' counts rather than silently repeating or
/// dropping most of a part).
public enum UnevenShards: String, Equatable, Sendable {
    /// Every rank's epoch is as long as the largest part: a smaller part repeats the first
    /// examples of its shuffled order to make up the difference (PyTorch's `DistributedSampler`
    /// with `drop_last=False`, the default). Those examples count twice in the epoch's loss and
    /// metrics.
    case pad
    /// Every rank's epoch is cut to the smallest part: a larger part leaves out the end of its
    /// shuffled order, other examples each epoch (`DistributedSampler(drop_last=True)`).
    case drop
    /// Every rank trains on each of its examples once per epoch, nothing repeated or left out:
    /// allowed when the parts make the same number of steps of `b` (142 and 140 examples, `b`
    /// 16: 9 steps each; the last step's global batch is then 14 + 12). Parts that do not are
    /// refused, naming the ranks' counts and steps.
    case keep
}
