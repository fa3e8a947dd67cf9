import NeuronaCore

/// Maps category names to integer codes 0..<k and back (scikit-learn's `LabelEncoder`; classes
/// sorted, as there).
public struct LabelEncoder: Codable, Equatable {
    public private(set) var classes: [String] = []

    public init() {}

    public mutating func fit(_ labels: [String]) {
        classes = Array(Set(labels)).sorted()
    }

    /// The int64 codes of `labels`; throws naming the first unknown label.
    public func transform(_ labels: [String]) throws -> Tensor {
        var codes: [Int64] = []
        codes.reserveCapacity(labels.count)
        for (i, label) in labels.enumerated() {
            guard let c = classes.firstIndex(of: label) else {
                throw DataError(.invalidArgument, file: "LabelEncoder", position: "item \(i)",
                                "unknown label \"\(label)\" (known: \(classes.joined(separator: ", ")))")
            }
            codes.append(Int64(c))
        }
        return Tensor(codes, shape: [codes.count])
    }

    public mutating func fitTransform(_ labels: [String]) throws -> Tensor {
        fit(labels)
        return try transform(labels)
    }

    /// The names of int64 `codes`.
    public func inverseTransform(_ codes: Tensor) -> [String] {
        codes.scalars(as: Int64.self).map { classes[Int($0)] }
    }
}

/// One-hot rows for int64 class codes (Keras's `to_categorical`).
public struct OneHotEncoder: Codable, Equatable {
    public private(set) var classCount: Int?

    public init(classCount: Int? = nil) { self.classCount = classCount }

    /// Learns the number of classes (the largest code + 1).
    public mutating func fit(_ codes: Tensor) {
        classCount = Int(codes.max().item) + 1
    }

    /// `[n, classes]` float32 rows; throws for a code outside the classes.
    public func transform(_ codes: Tensor) throws -> Tensor {
        guard let classCount else { preconditionFailure("OneHotEncoder: transform before fit") }
        let values = codes.converted(to: .int64).scalars(as: Int64.self)
        if let bad = values.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
            throw DataError(.invalidArgument, file: "OneHotEncoder", position: "item \(bad)",
                            "class \(values[bad]) is outside 0..<\(classCount)")
        }
        return codes.converted(to: .int64).oneHot(classes: classCount)
    }

    public mutating func fitTransform(_ codes: Tensor) throws -> Tensor {
        fit(codes)
        return try transform(codes)
    }
}
