import Foundation

/// The TensorFlow playground's input features, each a function of the point (x1, x2).
public enum PlaygroundFeature: String, CaseIterable, Codable, Sendable {
    /// The first coordinate.
    case x1
    /// The second coordinate.
    case x2
    /// x1².
    case x1Squared = "x1^2"
    /// x2².
    case x2Squared = "x2^2"
    /// x1·x2.
    case x1x2
    /// sin x1.
    case sinX1 = "sin(x1)"
    /// sin x2.
    case sinX2 = "sin(x2)"

    /// The feature's value at (x1, x2).
    public func value(_ x1: Double, _ x2: Double) -> Double {
        switch self {
        case .x1: return x1
        case .x2: return x2
        case .x1Squared: return x1 * x1
        case .x2Squared: return x2 * x2
        case .x1x2: return x1 * x2
        case .sinX1: return Foundation.sin(x1)
        case .sinX2: return Foundation.sin(x2)
        }
    }

    /// Parses `x1`, `x1^2` / `x1²` / `x1sq`, `x1x2` / `x1*x2`, `sin(x1)` / `sinx1`.
    /// - Parameter text: The feature's name as typed.
    /// - Throws: ``LabError/invalidSetting(name:message:)`` naming the text and the features.
    public init(parsing text: String) throws {
        let key = text.lowercased().filter { !" ()*·".contains($0) }.replacingOccurrences(of: "²", with: "^2")
            .replacingOccurrences(of: "sq", with: "^2")
        let all: [String: PlaygroundFeature] = ["x1": .x1, "x2": .x2, "x1^2": .x1Squared, "x2^2": .x2Squared, "x1x2": .x1x2,
                                                "sinx1": .sinX1, "sinx2": .sinX2]
        guard let feature = all[key] else {
            throw LabError.invalidSetting(name: "features", message: "unknown feature '\(text)'; the features are "
                                          + PlaygroundFeature.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = feature
    }
}
