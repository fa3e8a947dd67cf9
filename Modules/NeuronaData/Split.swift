import NeuronaCore

/// A data set split into a training part and a test part.
public struct TrainTestSplit {
    /// The inputs for training.
    public var trainInputs: Tensor
    /// The inputs held out for testing.
    public var testInputs: Tensor
    /// The targets for training, row for row with ``trainInputs``.
    public var trainTargets: Tensor
    /// The held-out targets, row for row with ``testInputs``.
    public var testTargets: Tensor
}

/// Splits `inputs` and `targets` (examples along the first axis) into shuffled training and
/// test parts, `testFraction` of the examples going to the test part (scikit-learn's
/// `train_test_split`). With `stratify`, each class (int64 targets) is split in the same
/// proportion, so both parts keep the class balance.
public func trainTestSplit(_ inputs: Tensor, _ targets: Tensor, testFraction: Double = 0.25,
                           stratify: Bool = false, seed: UInt64 = 0) throws -> TrainTestSplit {
    let n = inputs.shape.first ?? 0
    guard targets.shape.first == n else {
        throw DataError(.mismatch, file: "trainTestSplit", "\(n) inputs but \(targets.shape.first ?? 0) targets")
    }
    guard testFraction > 0 && testFraction < 1 else {
        throw DataError(.invalidArgument, file: "trainTestSplit", "testFraction must be in (0, 1), got \(testFraction)")
    }
    var generator = RandomGenerator(seed: seed)
    var train: [Int64] = []
    var test: [Int64] = []
    if stratify {
        guard targets.dtype == .int64 else {
            throw DataError(.invalidArgument, file: "trainTestSplit", "stratify needs int64 class targets, got \(targets.dtype)")
        }
        let labels = targets.reshaped([n, -1]).slice(axis: 1, start: 0, end: 1).scalars(as: Int64.self)
        var byClass: [Int64: [Int64]] = [:]
        for (i, c) in labels.enumerated() { byClass[c, default: []].append(Int64(i)) }
        for c in byClass.keys.sorted() {
            let members = byClass[c]!
            let order = Tensor.permutation(members.count, using: &generator).scalars(as: Int64.self)
            let testCount = Int((Double(members.count) * testFraction).rounded())
            for (k, j) in order.enumerated() {
                if k < testCount { test.append(members[Int(j)]) } else { train.append(members[Int(j)]) }
            }
        }
        train.sort()
        test.sort()
        // Shuffle across classes so batches are mixed.
        train = Tensor.permutation(train.count, using: &generator).scalars(as: Int64.self).map { train[Int($0)] }
        test = Tensor.permutation(test.count, using: &generator).scalars(as: Int64.self).map { test[Int($0)] }
    } else {
        let order = Tensor.permutation(n, using: &generator).scalars(as: Int64.self)
        let testCount = Int((Double(n) * testFraction).rounded(.up))
        test = Array(order.prefix(testCount))
        train = Array(order.dropFirst(testCount))
    }
    let trainIndex = Tensor(train, shape: [train.count]), testIndex = Tensor(test, shape: [test.count])
    return TrainTestSplit(trainInputs: inputs.indexSelect(trainIndex), testInputs: inputs.indexSelect(testIndex),
                          trainTargets: targets.indexSelect(trainIndex), testTargets: targets.indexSelect(testIndex))
}
