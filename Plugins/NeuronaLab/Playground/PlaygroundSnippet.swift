import Foundation
import NeuronaLayers

/// The Swift source that rebuilds a trained playground network: its layers, its weights, and
/// the features to feed it.
public enum PlaygroundSnippet {
    /// Source code rebuilding `trainer`'s network with its current weights.
    public static func swift(for trainer: PlaygroundTrainer) -> String {
        let settings = trainer.settings
        let m = trainer.measure()
        var layers = settings.hidden.map { "    Dense(units: \($0), activation: \"\(settings.activation)\")," }
        layers.append("    Dense(units: 1, activation: \"\(trainer.data.isRegression ? "linear" : "sigmoid")\"),")
        let weights = trainer.network.weights().sorted { $0.key < $1.key }.map { name, tensor in
            let values = tensor.doubles.map { "\(Float($0))" }.joined(separator: ", ")
            return "    \"\(name)\": Tensor([\(values)], shape: \(tensor.shape), dtype: .float32),"
        }
        let features = settings.features.map { feature -> String in
            switch feature {
            case .x1: return "x1"
            case .x2: return "x2"
            case .x1Squared: return "x1 * x1"
            case .x2Squared: return "x2 * x2"
            case .x1x2: return "x1 * x2"
            case .sinX1: return "sin(x1)"
            case .sinX2: return "sin(x2)"
            }
        }
        return """
        // A network trained in the Neurona lab's playground: \(settings.dataset.rawValue), \(trainer.epoch) epochs,
        // test loss \(m.testLoss). Features: \(settings.features.map { $0.rawValue }.joined(separator: ", ")).
        import Foundation
        import Neurona

        /// The network's inputs for the point (x1, x2), in the order it was trained on.
        func playgroundFeatures(_ x1: Double, _ x2: Double) -> [Double] {
            [\(features.joined(separator: ", "))]
        }

        let network = try Sequential([
        \(layers.joined(separator: "\n"))
        ], inputShape: [\(settings.features.count)])
        try network.loadWeights([
        \(weights.joined(separator: "\n"))
        ])
        let output = network(Variable(Tensor(playgroundFeatures(1, -2), shape: [1, \(settings.features.count)], dtype: .float32)))
        print(output.value)

        """
    }
}
