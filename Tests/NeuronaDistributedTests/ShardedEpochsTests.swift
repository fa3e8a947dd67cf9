import NeuronaCore
@testable import NeuronaDistributed
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// How sharded data's parts are reconciled into one step plan (computed alike on every rank from
/// the gathered counts; under mpirun: Tests/DistributedChecks, cases `sharded` and
/// `sharded-mismatch`). Expected values are counted by hand from the rules in `UnevenShards`.
@Suite struct ShardedEpochsTests {
    /// 100 and 90 examples, global batch 32 (16 per rank).
    @Test func padRepeatsTheSmallerPartUpToTheLargest() throws {
        let plans: [LocalEpochPlan] = try [0, 1].map { (rank: Int) in
            try ShardedEpochs.plan(counts: [100, 90], rank: rank, batchSize: 32, dropsLastBatch: false, uneven: .pad)
        }
        // Both ranks train 100 per epoch: 6 steps of 16 and one of 4, global 32 × 6 + 8.
        expectEqual(plans.map(\.epochExamples), [100, 100])
        #expect(plans[1].examples == 90 && plans[1].batchSize == 16 && plans[1].drawnExamples == 100)
        expectEqual(plans[0].globalBatchExamples, [32, 32, 32, 32, 32, 32, 8])
        // Unshuffled, rank 1's epoch is its 90 examples and then its first 10 again.
        var generator = RandomGenerator(seed: 1)
        let order: [Int64] = plans[1].order(shuffle: false, using: &generator).scalars(as: Int64.self)
        let expected: [Int64] = Array(0..<90) + Array(0..<10)
        expectEqual(order, expected)
    }

    @Test func dropCutsEveryPartToTheSmallest() throws {
        let plan = try ShardedEpochs.plan(counts: [100, 90], rank: 0, batchSize: 32, dropsLastBatch: false, uneven: .drop)
        // 90 per rank: 5 steps of 16 and one of 10.
        expectEqual(plan.epochExamples, 90)
        expectEqual(plan.globalBatchExamples, [32, 32, 32, 32, 32, 20])
        // A dropped last batch: 5 whole steps, the order cut to 80.
        let whole = try ShardedEpochs.plan(counts: [100, 90], rank: 0, batchSize: 32, dropsLastBatch: true, uneven: .drop)
        var generator = RandomGenerator(seed: 1)
        expectEqual(whole.globalBatchExamples, [32, 32, 32, 32, 32])
        expectEqual(whole.order(shuffle: true, using: &generator).count, 80)
    }

    /// 100 and 101 (the 201 examples of the 2-rank checks, split as replicated data would be):
    /// 7 steps each, the last of 4 + 5.
    @Test func keepAllowsPartsThatMakeTheSameSteps() throws {
        let plan = try ShardedEpochs.plan(counts: [100, 101], rank: 1, batchSize: 32, dropsLastBatch: false, uneven: .keep)
        expectEqual(plan.epochExamples, 101)
        expectEqual(plan.globalBatchExamples, [32, 32, 32, 32, 32, 32, 9])
    }

    /// A shuffled epoch is a permutation of this rank's part (every index once), drawn from a
    /// permutation of the largest part so that every rank's generator advances alike.
    @Test func aShuffledOrderIsAPermutationAndKeepsGeneratorsInStep() throws {
        let small = try ShardedEpochs.plan(counts: [100, 90], rank: 1, batchSize: 32, dropsLastBatch: false, uneven: .pad)
        let large = try ShardedEpochs.plan(counts: [100, 90], rank: 0, batchSize: 32, dropsLastBatch: false, uneven: .pad)
        var a = RandomGenerator(seed: 7), b = RandomGenerator(seed: 7)
        let order = small.order(shuffle: true, using: &a).scalars(as: Int64.self)
        _ = large.order(shuffle: true, using: &b)
        expectEqual(Set(order.prefix(90)), Set((0..<90).map(Int64.init)))
        expectEqual(Array(order.suffix(10)), Array(order.prefix(10)))
        expectEqual(a.state, b.state)
    }

    @Test func partsThatCannotBeReconciledAreNamed() {
        func error(_ counts: [Int], _ batch: Int, _ uneven: UnevenShards, dropsLast: Bool = false) -> String {
            do {
                _ = try ShardedEpochs.plan(counts: counts, rank: 0, batchSize: batch, dropsLastBatch: dropsLast, uneven: uneven)
                return "no error"
            } catch { return "\(error)" }
        }
        #expect(error([100, 90], 33, .pad).contains("batch size 33 does not split evenly over 2 ranks"))
        #expect(error([100, 40], 32, .pad).hasPrefix("DataParallel(data: .sharded): rank 1's examples: rank 1 has 40 examples, rank 0 has 100: padding"))
        #expect(error([100, 40], 32, .drop).hasPrefix("DataParallel(data: .sharded): rank 0's examples: rank 0 has 100 examples, rank 1 has 40: dropping"))
        #expect(error([100, 80], 32, .keep).hasPrefix("DataParallel(data: .sharded): rank 1's steps per epoch: rank 1's 80 examples make 5 steps of 16 per epoch, rank 0's 100 make 7"))
        #expect(error([100, 0, 100], 30, .pad).hasPrefix("DataParallel(data: .sharded): rank 1's examples: rank 1 has no examples"))
        #expect(error([10, 12], 32, .drop, dropsLast: true).contains("make no whole step of 16"))
    }
}
