import NeuronaAutograd
import NeuronaCore

/// The largest layers a model may build (checked before any parameter is allocated).
public enum LayerLimits {
    /// The most parameters (scalars) one layer may have: 2³¹ by default (8 GiB of float32).
    /// A JSON description with an absurd size throws naming the layer and the count instead of
    /// trying to allocate terabytes.
    public nonisolated(unsafe) static var maximumParameterCount = 1 << 31

    /// The number of scalars in tensors of `shapes`, or nil when it overflows `Int`.
    static func count(_ shapes: [[Int]]) -> Int? {
        var total = 0
        for shape in shapes {
            var n = 1
            for d in shape {
                let (p, overflow) = n.multipliedReportingOverflow(by: d)
                if overflow { return nil }
                n = p
            }
            let (s, overflow) = total.addingReportingOverflow(n)
            if overflow { return nil }
            total = s
        }
        return total
    }

    /// Throws ``LayerError/invalidConfig(layer:message:)`` naming `layer` and the count when
    /// parameters of `shapes` would pass `limit` (``maximumParameterCount`` by default).
    ///
    /// - Parameters:
    ///   - shapes: The shapes of the layer's parameters.
    ///   - layer: The layer's name, for the message.
    ///   - limit: The most parameters allowed.
    public static func check(_ shapes: [[Int]], layer: String, limit: Int = maximumParameterCount) throws {
        guard let n = count(shapes) else {
            throw LayerError.invalidConfig(layer: layer, message: "parameters of shapes \(shapes) number more than \(Int.max), past LayerLimits.maximumParameterCount (\(limit))")
        }
        guard n <= limit else {
            throw LayerError.invalidConfig(layer: layer, message: "\(n) parameters (shapes \(shapes)) pass LayerLimits.maximumParameterCount (\(limit))")
        }
    }
}
