import NeuronaCore

/// Maps category names to integer codes 0..<k and back (scikit-learn's `LabelEncoder`; classes
/// sorted, as there, and numbers in numeric order: "2", "9", "10").
public struct LabelEncoder: Codable, Equatable {
    /// The class names in code order.
    public private(set) var classes: [String] = []

    /// An encoder to ``fit(_:)``.
    public init() {}

    /// Learns the classes: the distinct labels, sorted by ``sortedClasses(_:)``.
    public mutating func fit(_ labels: [String]) {
        classes = LabelEncoder.sortedClasses(labels)
    }

    /// The distinct `labels` in code order: in numeric order when every label is a number
    /// (`"10", "9", "2"` → `2, 9, 10`, as scikit-learn orders the numbers themselves), otherwise
    /// in string order. ``CSVTable`` orders its label codes by this rule too.
    public static func sortedClasses(_ labels: [String]) -> [String] {
        let distinct = Array(Set(labels))
        let numbers = distinct.map { Double($0) }
        guard !distinct.isEmpty, numbers.allSatisfy({ $0 != nil && !$0!.isNaN }) else { return distinct.sorted() }
        // Equal numbers written differently ("1", "1.0") keep a fixed order by their text.
        return zip(distinct, numbers).sorted { ($0.1!, $0.0) < ($1.1!, $1.0) }.map(\.0)
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

    /// Learns the classes of `labels` and returns their codes.
    public mutating func fitTransform(_ labels: [String]) throws -> Tensor {
        fit(labels)
        return try transform(labels)
    }

    /// The names of int64 `codes`; throws naming the first code outside the classes.
    public func inverseTransform(_ codes: Tensor) throws -> [String] {
        let values = codes.converted(to: .int64).scalars(as: Int64.self)
        if let bad = values.firstIndex(where: { $0 < 0 || $0 >= classes.count }) {
            throw DataError(.invalidArgument, file: "LabelEncoder", position: "item \(bad)",
                            "code \(values[bad]) is outside 0..<\(classes.count)")
        }
        return values.map { classes[Int($0)] }
    }
}

/// One-hot rows for int64 class codes (Keras's `to_categorical`).
public struct OneHotEncoder: Codable, Equatable {
    /// The number of classes, once fitted or given.
    public private(set) var classCount: Int?

    /// An encoder for `classCount` classes, or one that learns the count in ``fit(_:)``.
    /// - Parameter classCount: The number of classes, or `nil` to learn it from the data.
    public init(classCount: Int? = nil) { self.classCount = classCount }

    /// Learns the number of classes (the largest code + 1).
    public mutating func fit(_ codes: Tensor) {
        classCount = Int(codes.max().item) + 1
    }

    /// `[n, classes]` float32 rows; throws for a code outside the classes.
    public func transform(_ codes: Tensor) throws -> Tensor {
        guard let classCount else {
            throw DataError(.invalidArgument, file: "OneHotEncoder", "transform before fit (or pass classCount)")
        }
        let values = codes.converted(to: .int64).scalars(as: Int64.self)
        if let bad = values.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
            throw DataError(.invalidArgument, file: "OneHotEncoder", position: "item \(bad)",
                            "class \(values[bad]) is outside 0..<\(classCount)")
        }
        return codes.converted(to: .int64).oneHot(classes: classCount)
    }

    /// Fits the class count on `codes` and encodes them.
    public mutating func fitTransform(_ codes: Tensor) throws -> Tensor {
        fit(codes)
        return try transform(codes)
    }
}
