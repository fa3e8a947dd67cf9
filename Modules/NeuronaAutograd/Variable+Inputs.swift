extension Variable {
    /// The variables `op` was computed from, in order: the recorded graph's edges, for tools
    /// that draw or walk it. Empty for a leaf, and once `backward()` has freed the graph
    /// (pass `retainGraph: true` to keep it).
    public var inputs: [Variable] { parents }
}
