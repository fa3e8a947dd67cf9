import Foundation
import NeuronaCore

/// A small tabular data set shipped with Neurona (copied from scikit-learn's wheel; see
/// `Resources/NOTICE.md` for origins and licences).
public struct TabularDataset {
    /// `[rows, features]`, float32 (or as asked).
    public var features: Tensor
    /// Int64 classes `[rows]` for classification, float32 values `[rows]` for regression.
    public var targets: Tensor
    /// The name of each feature column, in order.
    public var featureNames: [String]
    /// Class names by code (empty for regression).
    public var targetNames: [String]
    /// scikit-learn's description of the data set.
    public var description: String
}

/// The data sets bundled with NeuronaData.
public enum BundledDatasets {
    static func resource(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil) else {
            throw DataError(.notFound, file: name, "bundled resource missing")
        }
        return url
    }

    static func descr(_ name: String) -> String {
        (try? resource(name + ".rst")).flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? ""
    }

    /// scikit-learn's CSV layout: a first row `rows,features,class names...`, then rows of
    /// features and an integer class.
    static func classification(_ file: String, featureNames: [String], dtype: DType) throws -> TabularDataset {
        let url = try resource(file)
        let text = String(decoding: try Gzip.readFile(url), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { throw DataError(.badCSV, file: url.path, "empty file") }
        let head = lines.removeFirst().split(separator: ",").map(String.init)
        guard head.count >= 2, let rows = Int(head[0]), let columns = Int(head[1]) else {
            throw DataError(.badCSV, file: url.path, position: "line 1", "expected `rows,features,class names`")
        }
        let header = (0..<columns).map { $0 < featureNames.count ? featureNames[$0] : "f\($0)" } + ["target"]
        let table = try CSVTable.parse(header.joined(separator: ",") + "\n" + lines.joined(separator: "\n"),
                                       file: url.path, dtype: dtype)
        guard table.features.shape == [rows, columns + 1] else {
            throw DataError(.mismatch, file: url.path, "header says \(rows)×\(columns), found \(table.features.shape)")
        }
        let x = table.features.slice(axis: 1, start: 0, end: columns)
        let y = table.features.slice(axis: 1, start: columns, end: columns + 1).reshaped([rows]).converted(to: .int64)
        return TabularDataset(features: x, targets: y, featureNames: Array(header.prefix(columns)),
                              targetNames: Array(head.dropFirst(2)), description: descr(file.components(separatedBy: ".")[0]))
    }

    /// Fisher's iris: 150 flowers, 4 measurements (cm), 3 species.
    public static func iris(dtype: DType = .float32) throws -> TabularDataset {
        try classification("iris.csv", featureNames: ["sepal_length", "sepal_width", "petal_length", "petal_width"], dtype: dtype)
    }

    /// Breast Cancer Wisconsin (diagnostic): 569 tumours, 30 features, malignant (0) or benign (1).
    public static func breastCancer(dtype: DType = .float32) throws -> TabularDataset {
        let names = ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
                     "concave_points", "symmetry", "fractal_dimension"]
        let all = ["mean", "error", "worst"].flatMap { kind in names.map { "\(kind)_\($0)" } }
        return try classification("breast_cancer.csv", featureNames: all, dtype: dtype)
    }

    /// Handwritten digits: 1,797 images of 8×8 pixels (values 0–16), classes 0–9.
    public static func digits(dtype: DType = .float32) throws -> TabularDataset {
        let url = try resource("digits.csv.gz")
        let header = (0..<64).map { "pixel_\($0)" } + ["digit"]
        let text = String(decoding: try Gzip.readFile(url), as: UTF8.self)
        let table = try CSVTable.parse(header.joined(separator: ",") + "\n" + text, file: url.path, dtype: dtype)
        let n = table.features.shape[0]
        return TabularDataset(features: table.features.slice(axis: 1, start: 0, end: 64),
                              targets: table.features.slice(axis: 1, start: 64, end: 65).reshaped([n]).converted(to: .int64),
                              featureNames: Array(header.prefix(64)), targetNames: (0...9).map(String.init),
                              description: descr("digits"))
    }

    /// Efron et al.'s diabetes data: 442 patients, 10 raw features (age, sex, BMI, blood
    /// pressure, six blood serum measurements), target a measure of disease progression a year on.
    public static func diabetes(dtype: DType = .float32) throws -> TabularDataset {
        let names = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
        let dataURL = try resource("diabetes_data_raw.csv.gz"), targetURL = try resource("diabetes_target.csv.gz")
        let data = String(decoding: try Gzip.readFile(dataURL), as: UTF8.self)
        let table = try CSVTable.parse(names.joined(separator: " ") + "\n" + data, file: dataURL.path, delimiter: " ", dtype: dtype)
        let targetText = String(decoding: try Gzip.readFile(targetURL), as: UTF8.self)
        let targets = try CSVTable.parse("target\n" + targetText, file: targetURL.path, dtype: dtype).features
        guard targets.shape[0] == table.features.shape[0] else {
            throw DataError(.mismatch, file: targetURL.path, "\(targets.shape[0]) targets for \(table.features.shape[0]) rows")
        }
        return TabularDataset(features: table.features, targets: targets.reshaped([-1]), featureNames: names,
                              targetNames: [], description: descr("diabetes"))
    }
}
