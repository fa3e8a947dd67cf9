import NeuronaCore
@testable import NeuronaDistributed
import Testing
import _NeuronaTestSupport

/// The tree of the ordered sum: which micro-shards each rank runs, and that the ranks' subtrees
/// combined pairwise give the bits of one process's whole tree (simulated here in one process;
/// under mpirun: Tests/DistributedChecks, case `ordered`).
@Suite struct OrderedSumTests {
    @Test func planCutsTheBatchAndGivesEachRankASubtree() {
        // 32 examples of 8: 4 micro-shards, one per rank on 4 ranks, two on 2, all on 1.
        expectEqual(MicroShardPlan(examples: 32, microShard: 8, rank: 0, ranks: 1).mine, 0..<4)
        expectEqual(MicroShardPlan(examples: 32, microShard: 8, rank: 1, ranks: 2).mine, 2..<4)
        expectEqual(MicroShardPlan(examples: 32, microShard: 8, rank: 3, ranks: 4).myExamples, 24..<32)
        // 9 examples (the last batch of 201 in 32s): micro-shards of 8 and 1; on 4 ranks the
        // tree has 4 slots and ranks 2 and 3 run none.
        let short = (0..<4).map { MicroShardPlan(examples: 9, microShard: 8, rank: $0, ranks: 4) }
        expectEqual(short.map(\.mine), [0..<1, 1..<2, 2..<2, 2..<2])
        expectEqual(short[1].examples(of: 1), 8..<9)
        #expect(short[3].myExamples.isEmpty)
        // 48 of 8: 6 micro-shards in a tree of 8 slots; 2 ranks run 4 and 2.
        expectEqual((0..<2).map { MicroShardPlan(examples: 48, microShard: 8, rank: $0, ranks: 2).mine }, [0..<4, 4..<6])
    }

    /// float32 leaves whose sum depends on the order of additions (float32's spacing at 10⁸ is
    /// 8, so 10⁸ + 1 rounds to 10⁸): the tree adds ((a + b) + (c + d)) + e = (10⁸ + −10⁸) + 3 = 3,
    /// where left to right gives ((10⁸ + 1) − 10⁸ + 1) + 3 = 4 (and exact arithmetic 6).
    @Test func theTreeHasOneOrder() {
        let leaves: [Float] = [1e8, 1, -1e8, 1, 3]
        var sum = OrderedSum()
        for leaf in leaves { sum.add([Tensor([leaf], shape: [1])]) }
        expectEqual(sum.total!.map { $0.scalars(as: Float.self) }, [[3]])
        expectEqual(leaves.reduce(0, +), 4)
        #expect(OrderedSum().total == nil)
    }

    /// For every power-of-two world up to 8 and batches from 1 to 70 examples: the ranks'
    /// subtrees, combined pairwise in rank order as the exchange does, equal the whole tree
    /// summed in one process, bit for bit (random float32 leaves, so every order rounds differently).
    @Test func ranksSubtreesCombineToTheWholeTreesBits() {
        var generator = RandomGenerator(seed: 4)
        for examples in [1, 7, 8, 9, 24, 32, 33, 48, 70] {
            let microShard = 8
            let count = (examples + microShard - 1) / microShard
            let leaves = (0..<count).map { _ in [Tensor.normal([5], using: &generator) * 1000, Tensor.normal([2, 3], using: &generator)] }
            var whole = OrderedSum()
            for leaf in leaves { whole.add(leaf) }
            let expected = whole.total!.map { $0.withUnsafeRawBytes { Array($0) } }
            for ranks in [1, 2, 4, 8] {
                var subtrees: [[Tensor]?] = (0..<ranks).map { rank in
                    var sum = OrderedSum()
                    for index in MicroShardPlan(examples: examples, microShard: microShard, rank: rank, ranks: ranks).mine {
                        sum.add(leaves[index])
                    }
                    return sum.total
                }
                // Recursive doubling: at distance d, rank r and r ^ d both compute lower + upper.
                var distance = 1
                while distance < ranks {
                    subtrees = (0..<ranks).map { rank in
                        let partner = rank ^ distance
                        return rank < partner ? OrderedSum.combine(subtrees[rank], subtrees[partner])
                                              : OrderedSum.combine(subtrees[partner], subtrees[rank])
                    }
                    distance <<= 1
                }
                for rank in 0..<ranks {
                    #expect(subtrees[rank]!.map { $0.withUnsafeRawBytes { Array($0) } } == expected,
                            "\(examples) examples on \(ranks) ranks, rank \(rank)")
                }
            }
        }
    }

    @Test func anExchangedSubtreeKeepsItsBitsAndItsAbsence() {
        let terms = [Tensor([1.5, -2], shape: [2], dtype: .float32), Tensor([0.1], shape: [1], dtype: .float64)]
        let layout: [(shape: [Int], dtype: DType)] = [([2], .float32), ([1], .float64)]
        let bytes = OrderedSum.encode(terms, like: layout)
        expectEqual(bytes.count, 1 + 2 * 4 + 8)
        expectEqual(OrderedSum.decode(bytes, like: layout)!, terms)
        let absent = OrderedSum.encode(nil, like: layout)
        expectEqual(absent.count, bytes.count)
        #expect(OrderedSum.decode(absent, like: layout) == nil)
    }
}
