/// A pair of sizes given in JSON as one number (`3`) or a list (`[3, 5]`), as Keras's
/// `kernel_size`, `strides` and `pool_size`.
public struct SizePair: Codable, Equatable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The size along the rows.
    public var height: Int
    /// The size along the columns.
    public var width: Int

    /// - Parameters:
    ///   - height: The size along the first spatial axis.
    ///   - width: The size along the second.
    public init(_ height: Int, _ width: Int) {
        self.height = height
        self.width = width
    }

    /// The same size along both axes.
    /// - Parameter value: The size along both axes.
    public init(integerLiteral value: Int) { self.init(value, value) }

    /// `3` when both sizes agree, `[3, 5]` otherwise (as in JSON).
    public var description: String { height == width ? "\(height)" : "[\(height), \(width)]" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) {
            self.init(n, n)
        } else {
            let pair = try c.decode([Int].self)
            guard pair.count == 2 else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected one integer or two, found \(pair.count)")
            }
            self.init(pair[0], pair[1])
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if height == width { try c.encode(height) } else { try c.encode([height, width]) }
    }

    var tuple: (Int, Int) { (height, width) }
    var isPositive: Bool { height > 0 && width > 0 }
}
