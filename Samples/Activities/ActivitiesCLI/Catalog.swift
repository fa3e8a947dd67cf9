import ActivityExercises
import ActivityKit

/// Every activity, bound to the type in the student's file, in the lectures' order.
enum Catalog {
    static let all: [ActivityEntry] = [
        ActivityEntry(LinearRegressionActivity.info) { _ in LinearRegressionActivity.check(LinearRegression.self) },
        ActivityEntry(NeuronaNeuronActivity.linearInfo) { NeuronaNeuronActivity.check(LinearNeuron.self, task: .linearRegression, options: $0) },
        ActivityEntry(LogisticRegressionActivity.info) { LogisticRegressionActivity.check(LogisticRegression.self, options: $0) },
        ActivityEntry(NeuronaNeuronActivity.logisticInfo) { NeuronaNeuronActivity.check(LogisticNeuron.self, task: .logisticRegression, options: $0) },
        ActivityEntry(NesterovAdamActivity.info) { _ in NesterovAdamActivity.check(NesterovAdam.self) },
        ActivityEntry(NeuronaOptimizersActivity.info) { _ in NeuronaOptimizersActivity.check(NeuronNesterovAdam.self) },
        ActivityEntry(PlaygroundActivity.info) { _ in PlaygroundActivity.check(Playground.self) },
        ActivityEntry(ShallowNetworkActivity.info) { ShallowNetworkActivity.check(ShallowNetwork.self, options: $0) },
        ActivityEntry(MNISTExperimentsActivity.info) { MNISTExperimentsActivity.check(MNISTExperiments.self, options: $0) },
        ActivityEntry(FashionMNISTActivity.info) { FashionMNISTActivity.check(FashionMNIST.self, options: $0) },
        ActivityEntry(NeuronActivity.info) { _ in NeuronActivity.check(Neuron.self) },
        ActivityEntry(DiabetesActivity.info) { DiabetesActivity.check(Diabetes.self, options: $0) },
        ActivityEntry(XORActivity.info) { _ in XORActivity.check(XOR.self) },
        ActivityEntry(ComputationGraphActivity.info) { _ in ComputationGraphActivity.check(ComputationGraph.self) },
        ActivityEntry(AdaptiveOptimizersActivity.info) { _ in AdaptiveOptimizersActivity.check(AdaptiveOptimizers.self) },
    ]
}
