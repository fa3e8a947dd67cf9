import Foundation
import NeuronaCore
import NeuronaData
import Testing
import _NeuronaTestSupport

struct PreprocessingTests {
    @Test func splitIsSeededAndStratified() throws {
        let x = Tensor.arange(100).reshaped([100, 1])
        let y = Tensor((0..<100).map { Int64($0 < 80 ? 0 : 1) }, shape: [100])
        let split = try trainTestSplit(x, y, testFraction: 0.25, stratify: true, seed: 1)
        #expect(split.trainInputs.shape == [75, 1] && split.testInputs.shape == [25, 1])
        expectEqual(split.testTargets.sum().item, 5)   // 20 % of the test part, as in the whole
        expectEqual(Set(split.trainInputs.doubles + split.testInputs.doubles).count, 100)
        for (xi, yi) in zip(split.testInputs.doubles, split.testTargets.doubles) { expectEqual((xi >= 80 ? 1.0 : 0.0), yi) }
        let again = try trainTestSplit(x, y, testFraction: 0.25, stratify: true, seed: 1)
        expectEqual(again.testInputs, split.testInputs)
        let plain = try trainTestSplit(x, y, testFraction: 0.3, seed: 2)
        expectEqual(plain.testInputs.shape, [30, 1])
        #expect(throws: DataError.self) { _ = try trainTestSplit(x, y, testFraction: 1.5) }
    }

    @Test func scalersFitOnTrainAndApplyToTest() {
        let train = Tensor([[1, 10], [3, 10], [5, 10]], dtype: .float64)
        var standard = StandardScaler()
        let z = standard.fitTransform(train)
        expectEqual(z.mean(axes: [0]).doubles, [0, 0])
        #expect(abs(z.standardDeviation(axes: [0]).doubles[0] - 1) < 1e-12)
        expectEqual(z.doubles[1], 0)   // a constant column stays finite
        let standardized: Double = (7 - 3) / (8.0 / 3).squareRoot()   // (x − mean) / population deviation
        expectEqual(standard.transform(Tensor([[7, 10]], dtype: .float64)).doubles[0], standardized)
        #expect((standard.inverseTransform(z) - train).abs().max().item < 1e-12)
        var minmax = MinMaxScaler(low: -1, high: 1)
        expectEqual(minmax.fitTransform(train).doubles, [-1, -1, 0, -1, 1, -1])
        expectEqual(minmax.transform(Tensor([[9, 10]], dtype: .float64)).doubles, [3, -1])
    }

    @Test func encoders() throws {
        var labels = LabelEncoder()
        let codes = try labels.fitTransform(["cat", "dog", "cat", "ant"])
        #expect(labels.classes == ["ant", "cat", "dog"] && codes.scalars(as: Int64.self) == [1, 2, 1, 0])
        try expectEqual(labels.inverseTransform(codes), ["cat", "dog", "cat", "ant"])
        #expect(throws: DataError.self) { _ = try labels.transform(["eel"]) }
        var oneHot = OneHotEncoder()
        try expectEqual(oneHot.fitTransform(codes).doubles, [0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0])
        #expect(throws: DataError.self) { _ = try oneHot.transform(Tensor([Int64(5)], shape: [1])) }
    }
}

struct BundledDatasetTests {
    @Test func shapesClassesAndFirstRowsMatchScikitLearn() throws {
        let iris = try BundledDatasets.iris()
        #expect(iris.features.shape == [150, 4] && iris.targets.shape == [150])
        expectEqual(iris.targetNames, ["setosa", "versicolor", "virginica"])
        let firstRow: [Double] = [5.1, 3.5, 1.4, 0.2].map { (value: Double) in Double(Float(value)) }
        expectEqual(iris.features[0].doubles, firstRow)
        expectEqual(iris.targets.sum().item, 150)   // 50 of each of 0, 1, 2
        let cancer = try BundledDatasets.breastCancer()
        #expect(cancer.features.shape == [569, 30] && cancer.targetNames == ["malignant", "benign"])
        expectEqual(cancer.targets.sum().item, 357)   // benign
        let diabetes = try BundledDatasets.diabetes()
        #expect(diabetes.features.shape == [442, 10] && diabetes.targets.shape == [442])
        expectEqual(diabetes.targets.doubles.prefix(2), [151, 75])
        let digits = try BundledDatasets.digits()
        #expect(digits.features.shape == [1797, 64] && digits.targets.max().item == 9)
        #expect(iris.description.contains("Iris"))
    }

    @Test func syntheticSetsAreSeeded() {
        for make in [{ SyntheticDatasets.xor(count: 200, seed: $0) }, { SyntheticDatasets.circles(count: 200, noise: 0.05, seed: $0) },
                     { SyntheticDatasets.moons(count: 200, seed: $0) }, { SyntheticDatasets.spirals(count: 200, classes: 3, seed: $0) },
                     { SyntheticDatasets.blobs(count: 200, seed: $0) }] as [(UInt64) -> (features: Tensor, labels: Tensor)] {
            let a = make(1), b = make(1), c = make(2)
            #expect(a.features.shape == [200, 2] && a.labels.shape == [200])
            #expect(a.features == b.features && a.features != c.features)
        }
        let xor = SyntheticDatasets.xor(count: 100, seed: 1)
        for i in 0..<100 {
            let p = xor.features[i].doubles
            expectEqual((p[0] * p[1] < 0 ? 1.0 : 0.0), xor.labels.doubles[i])
        }
    }
}
