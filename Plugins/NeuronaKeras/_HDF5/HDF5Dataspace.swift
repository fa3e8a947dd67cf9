/// A dataset's shape, from its dataspace message (versions 1 and 2): `[]` for a scalar. The
/// element count is bounded (below 2³¹, as any weight Keras writes), so nothing is allocated from
/// an unchecked dimension.
enum HDF5Dataspace {
    /// The most dimensions read (HDF5's own limit).
    static let largestRank = 32
    /// The most elements of one dataset.
    static let largestCount = Int(Int32.max)

    /// The shape in a dataspace message; `nil` for a null dataspace (no elements at all).
    static func shape(_ cursor: inout HDF5Cursor, part: String) throws -> [Int]? {
        let version = try cursor.byte()
        let rank = Int(try cursor.byte())
        try cursor.skip(1)                          // flags: maximum dimensions stored (not needed)
        guard rank <= largestRank else { throw HDF5Error("\(part): a dataspace of rank \(rank), more than \(largestRank)") }
        switch version {
        case 1: try cursor.skip(5)
        case 2:
            let type = try cursor.byte()
            if type == 2 { return nil }
        default: throw HDF5Error("\(part): dataspace version \(version) not supported (1 and 2 are)")
        }
        var shape: [Int] = []
        var count = 1
        for _ in 0..<rank {
            let dimension = try cursor.unsigned(cursor.file.sizeOfLengths)
            guard dimension <= UInt64(largestCount), case let (product, overflow) = count.multipliedReportingOverflow(by: Int(dimension)),
                  !overflow, product <= largestCount else {
                throw HDF5Error("\(part): a dataspace of more than \(largestCount) elements (a dimension of \(dimension)), too large for a weight")
            }
            count = product
            shape.append(Int(dimension))
        }
        return shape
    }
}
