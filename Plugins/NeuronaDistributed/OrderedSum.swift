import NeuronaCore

/// Where the micro-shards of one global batch are and which of them a rank runs, for
/// ``GradientReduction/ordered(microShard:)``.
///
/// The batch of `examples` is cut into `count` micro-shards of `microShard` examples (the last
/// may be shorter). They are the leaves of one binary tree of `leaves` slots (a power of two,
/// at least the number of ranks); the slots after the last micro-shard are absent. Rank `r` of
/// `P` runs the leaves of its contiguous subtree, slots `r·leaves/P ..< (r+1)·leaves/P`.
struct MicroShardPlan {
    let examples: Int
    let microShard: Int
    /// The number of micro-shards, `⌈examples / microShard⌉`.
    let count: Int
    /// This rank's micro-shards (possibly none: a short batch on many ranks).
    let mine: Range<Int>

    init(examples: Int, microShard: Int, rank: Int, ranks: Int) {
        self.examples = examples
        self.microShard = microShard
        count = (examples + microShard - 1) / microShard
        var leaves = 1
        while leaves < Swift.max(count, ranks) { leaves <<= 1 }
        let perRank = leaves / ranks
        mine = Swift.min(rank * perRank, count) ..< Swift.min((rank + 1) * perRank, count)
    }

    /// The examples of micro-shard `index`.
    func examples(of index: Int) -> Range<Int> {
        index * microShard ..< Swift.min((index + 1) * microShard, examples)
    }

    /// The examples of this rank's micro-shards, together.
    var myExamples: Range<Int> {
        mine.isEmpty ? examples ..< examples : examples(of: mine.lowerBound).lowerBound ..< examples(of: mine.upperBound - 1).upperBound
    }
}

/// A sum of lists of tensors (the leaves, added left to right) in one fixed binary tree: leaf
/// pairs first, then pairs of pairs, as a binary counter carries. Absent leaves after the last
/// one add nothing (a node with one present child is that child), so the result depends only on
/// the leaves and their order: a subtree summed on one rank equals the same subtree summed on
/// another, and the tree of all leaves equals the ranks' subtrees combined pairwise in rank order.
struct OrderedSum {
    /// The finished subtrees waiting for their right sibling, each with its height.
    private var pending: [(height: Int, terms: [Tensor])] = []

    /// Adds the next leaf.
    mutating func add(_ leaf: [Tensor]) {
        var node = (height: 0, terms: leaf)
        while let left = pending.last, left.height == node.height {
            pending.removeLast()
            node = (node.height + 1, OrderedSum.combine(left.terms, node.terms))
        }
        pending.append(node)
    }

    /// The tree's root: the pending subtrees joined from the right (the absent leaves that would
    /// complete the rightmost ones add nothing); `nil` when no leaf was added.
    var total: [Tensor]? {
        guard var root = pending.last?.terms else { return nil }
        for left in pending.dropLast().reversed() { root = OrderedSum.combine(left.terms, root) }
        return root
    }

    /// `left + right`, term by term (one rounding per element, whichever rank computes it).
    static func combine(_ left: [Tensor], _ right: [Tensor]) -> [Tensor] {
        zip(left, right).map { $0 + $1 }
    }

    /// `left + right` where either subtree may be absent.
    static func combine(_ left: [Tensor]?, _ right: [Tensor]?) -> [Tensor]? {
        guard let left else { return right }
        guard let right else { return left }
        return combine(left, right)
    }

    /// The bytes of a subtree for the exchange between ranks: a presence byte, then each term's
    /// elements (all zeros for an absent subtree, so that every message of a step has one length).
    static func encode(_ terms: [Tensor]?, like layout: [(shape: [Int], dtype: DType)]) -> [UInt8] {
        var bytes: [UInt8] = [terms == nil ? 0 : 1]
        bytes.reserveCapacity(1 + layout.reduce(0) { $0 + $1.shape.reduce(1, *) * $1.dtype.byteSize })
        for (index, (shape, dtype)) in layout.enumerated() {
            if let terms {
                terms[index].withUnsafeRawBytes { bytes.append(contentsOf: $0) }
            } else {
                bytes.append(contentsOf: repeatElement(0, count: shape.reduce(1, *) * dtype.byteSize))
            }
        }
        return bytes
    }

    /// The subtree ``encode(_:like:)`` wrote, or `nil` for an absent one.
    static func decode(_ bytes: [UInt8], like layout: [(shape: [Int], dtype: DType)]) -> [Tensor]? {
        guard bytes.first == 1 else { return nil }
        var offset = 1
        return layout.map { shape, dtype in
            var tensor = Tensor.zeros(shape, dtype: dtype)
            let length = tensor.count * dtype.byteSize
            bytes.withUnsafeBytes { source in
                World.withMutableBytes(&tensor) { target in
                    target?.copyMemory(from: source.baseAddress! + offset, byteCount: length)
                }
            }
            offset += length
            return tensor
        }
    }
}
