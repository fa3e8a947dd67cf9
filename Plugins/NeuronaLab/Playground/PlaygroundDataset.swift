import Foundation
import NeuronaCore
import NeuronaData

/// One point of a playground data set: its coordinates and its label (class 0 or 1, or a
/// regression target in −1…1).
public struct PlaygroundPoint: Codable, Equatable, Sendable {
    /// The first coordinate.
    public var x1: Double
    /// The second coordinate.
    public var x2: Double
    /// The class (0 or 1) or the regression target.
    public var label: Double

    /// A point at (x1, x2) with `label`.
    /// - Parameters:
    ///   - x1: The first coordinate.
    ///   - x2: The second coordinate.
    ///   - label: The class (0 or 1) or the regression target.
    public init(x1: Double, x2: Double, label: Double) {
        self.x1 = x1
        self.x2 = x2
        self.label = label
    }
}

/// The points a playground network learns from, in order: the first ``PlaygroundSettings``
/// `trainRatio` of them train, the rest test.
public struct PlaygroundData: Equatable, Sendable {
    /// The points, training ones first.
    public var points: [PlaygroundPoint]
    /// Whether the labels are regression targets (a linear output and squared error) rather
    /// than classes 0/1 (a sigmoid output and binary cross-entropy).
    public var isRegression: Bool

    /// Data made of `points`.
    /// - Parameters:
    ///   - points: The points, training ones first.
    ///   - isRegression: Whether the labels are regression targets.
    public init(points: [PlaygroundPoint], isRegression: Bool) {
        self.points = points
        self.isRegression = isRegression
    }
}

/// The TensorFlow playground's data sets at its scale (about −6…6): four classification sets
/// from NeuronaData's ``SyntheticDatasets`` and the playground's two regression sets.
public enum PlaygroundDataset: String, CaseIterable, Codable, Sendable {
    /// Two concentric circles (class 1 inside).
    case circles
    /// The four quadrants, class 1 where x1·x2 < 0.
    case xor
    /// Two gaussian blobs.
    case gaussians
    /// Two interleaved spiral arms.
    case spirals
    /// Regression: the plane (x1 + x2) / 12.
    case plane
    /// Regression: six bumps of alternating sign.
    case multiGaussian = "multi-gaussian"

    /// How far the classification sets reach (their unit-scale points times this).
    public static let scale = 5.0
    /// Half the side of the square the regression sets fill, and of the heatmaps' square.
    public static let extent = 6.0

    /// Whether the labels are regression targets.
    public var isRegression: Bool { self == .plane || self == .multiGaussian }

    /// The data set named `name` (`circles`, `xor`, `gaussians`, `spirals`, `plane`, `multi-gaussian`).
    /// - Parameter name: The data set's name.
    /// - Throws: ``LabError/invalidSetting(name:message:)`` naming the data sets.
    public init(parsing name: String) throws {
        guard let dataset = PlaygroundDataset(rawValue: name.lowercased()) else {
            throw LabError.invalidSetting(name: "dataset", message: "unknown data set '\(name)'; the data sets are "
                                          + PlaygroundDataset.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = dataset
    }

    /// `count` points, seeded. `noise` is the jitter's standard deviation as a fraction of the
    /// data's radius (the playground's 0–50 %).
    public func generate(count: Int, noise: Double, seed: UInt64) -> PlaygroundData {
        let raw: (features: Tensor, labels: Tensor)
        switch self {
        case .circles: raw = SyntheticDatasets.circles(count: count, factor: 0.4, noise: noise, seed: seed)
        case .xor: raw = SyntheticDatasets.xor(count: count, noise: noise, seed: seed)
        case .gaussians: raw = SyntheticDatasets.blobs(count: count, centers: [[-0.4, -0.4], [0.4, 0.4]], spread: 0.1 + noise, seed: seed)
        case .spirals: raw = SyntheticDatasets.spirals(count: count, classes: 2, noise: noise, seed: seed)
        case .plane, .multiGaussian: return regression(count: count, noise: noise, seed: seed)
        }
        let xy = raw.features.doubles.map { $0 * Self.scale }
        let labels = raw.labels.doubles
        return PlaygroundData(points: (0..<count).map { PlaygroundPoint(x1: xy[2 * $0], x2: xy[2 * $0 + 1], label: labels[$0]) },
                              isRegression: false)
    }

    /// The playground's regression sets: points uniform in the square, the label of the point
    /// moved by the noise (so noise blurs the surface, as in the original).
    private func regression(count: Int, noise: Double, seed: UInt64) -> PlaygroundData {
        var generator = RandomGenerator(seed: seed)
        let r = Self.extent
        var points: [PlaygroundPoint] = []
        points.reserveCapacity(count)
        for _ in 0..<count {
            let x1 = (generator.nextUnitDouble() * 2 - 1) * r, x2 = (generator.nextUnitDouble() * 2 - 1) * r
            let (n1, n2) = generator.nextNormalPair()
            let a = x1 + noise * r * n1, b = x2 + noise * r * n2
            points.append(PlaygroundPoint(x1: x1, x2: x2, label: self == .plane ? Self.plane(a, b) : Self.multiGaussian(a, b)))
        }
        return PlaygroundData(points: points, isRegression: true)
    }

    /// The plane x1 + x2, scaled to −1…1 over the square.
    static func plane(_ x1: Double, _ x2: Double) -> Double { Swift.min(1, Swift.max(-1, (x1 + x2) / (2 * extent))) }

    /// Six bumps of alternating sign (the original's centres): each falls linearly from ±1 at
    /// its centre to 0 at distance 2; the largest in size wins.
    static func multiGaussian(_ x1: Double, _ x2: Double) -> Double {
        let bumps: [(Double, Double, Double)] = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]
        var label = 0.0
        for (cx, cy, sign) in bumps {
            let d = ((x1 - cx) * (x1 - cx) + (x2 - cy) * (x2 - cy)).squareRoot()
            let value = sign * Swift.min(1, Swift.max(0, 1 - d / 2))
            if Swift.abs(value) > Swift.abs(label) { label = value }
        }
        return label
    }
}
