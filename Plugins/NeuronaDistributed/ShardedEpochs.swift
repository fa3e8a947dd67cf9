import NeuronaTraining

/// How the parts of ``DataPlacement/sharded(_:)`` data are reconciled into one step plan: every
/// rank computes every rank's plan from the same gathered counts, so all agree without another
/// exchange, and the same error is thrown on every rank when the parts cannot be reconciled.
enum ShardedEpochs {
    /// How far apart the parts may be with ``UnevenShards/pad`` and ``UnevenShards/drop``: the
    /// largest at most twice the smallest (padding then repeats at most the whole smaller part,
    /// dropping leaves out at most half of the larger one).
    static let largestRatio = 2

    /// This rank's plan.
    ///
    /// - Parameters:
    ///   - counts: Every rank's example count, in rank order.
    ///   - rank: This rank.
    ///   - batchSize: The global batch (`fit`'s `batchSize`): each rank trains `batchSize / size` per step.
    ///   - dropsLastBatch: Whether an epoch leaves out a last step smaller than the others.
    ///   - uneven: How parts of different sizes take the same steps.
    /// - Throws: ``DistributedError/invalidArgument(operation:message:)`` when the batch does not
    ///   split evenly over the ranks; ``DistributedError/unevenShards(field:rank:message:)``
    ///   naming the rank and the field when the parts cannot be reconciled.
    static func plan(counts: [Int], rank: Int, batchSize: Int, dropsLastBatch: Bool, uneven: UnevenShards) throws -> LocalEpochPlan {
        let size = counts.count
        guard batchSize % size == 0 else {
            throw DistributedError.invalidArgument(
                operation: "DataParallel(data: .sharded)",
                message: "batch size \(batchSize) does not split evenly over \(size) ranks: with sharded data batchSize is the global batch and each rank trains batchSize / \(size) of its own examples per step; pass a multiple of \(size)")
        }
        let perRank = batchSize / size
        if let empty = counts.firstIndex(of: 0) {
            throw DistributedError.unevenShards(field: "examples", rank: empty, message: "rank \(empty) has no examples: every rank needs a part of the data set")
        }
        let largest = counts.max()!, smallest = counts.min()!
        let largestRank = counts.firstIndex(of: largest)!, smallestRank = counts.firstIndex(of: smallest)!
        let epochExamples: [Int]
        switch uneven {
        case .pad, .drop:
            guard largest <= largestRatio * smallest else {
                let fix = "split the data set more evenly (parts may differ by a factor of \(largestRatio) at most)"
                throw uneven == .pad
                    ? DistributedError.unevenShards(field: "examples", rank: smallestRank, message: "rank \(smallestRank) has \(smallest) examples, rank \(largestRank) has \(largest): padding to \(largest) would repeat rank \(smallestRank)'s part more than once per epoch; \(fix)")
                    : DistributedError.unevenShards(field: "examples", rank: largestRank, message: "rank \(largestRank) has \(largest) examples, rank \(smallestRank) has \(smallest): dropping to \(smallest) would leave out over half of rank \(largestRank)'s part each epoch; \(fix)")
            }
            epochExamples = [Int](repeating: uneven == .pad ? largest : smallest, count: size)
        case .keep:
            epochExamples = counts
        }
        func steps(_ examples: Int) -> Int { dropsLastBatch ? examples / perRank : (examples + perRank - 1) / perRank }
        let stepCounts = epochExamples.map(steps)
        if let other = stepCounts.indices.first(where: { stepCounts[$0] != stepCounts[0] }) {
            throw DistributedError.unevenShards(
                field: "steps per epoch", rank: other,
                message: "rank \(other)'s \(counts[other]) examples make \(stepCounts[other]) steps of \(perRank) per epoch, rank 0's \(counts[0]) make \(stepCounts[0]): with .sharded(.keep) every part must make the same number of steps; use .sharded(.pad) or .sharded(.drop)")
        }
        guard stepCounts[0] > 0 else {
            throw DistributedError.unevenShards(
                field: "examples", rank: smallestRank,
                message: "rank \(smallestRank)'s \(epochExamples[smallestRank]) examples per epoch make no whole step of \(perRank) (the last partial step is dropped)")
        }
        let global = (0..<stepCounts[0]).map { step in epochExamples.reduce(0) { $0 + min(perRank, $1 - step * perRank) } }
        return LocalEpochPlan(examples: counts[rank], epochExamples: epochExamples[rank], batchSize: perRank,
                              drawnExamples: largest, globalBatchExamples: global)
    }
}
