import ActivityKit
import Foundation

/// Activity 11's reference solution (never shown by the checker; the tests check the checker with
/// it, and subclass it to make each typical mistake).
open class NeuronSolution: NeuronExercise {
    public required init() {}

    open func sigmoid(_ x: Double) throws -> Double { 1 / (1 + exp(-x)) }

    open func neuron(inputs: [Double], weights: [Double], bias: Double) throws -> Double {
        try sigmoid(zip(inputs, weights).map(*).reduce(0, +) + bias)
    }

    open func feedforward(inputs: [Double]) throws -> Double {
        let h1 = try neuron(inputs: inputs, weights: [0, 1], bias: 0)
        let h2 = try neuron(inputs: inputs, weights: [0, 1], bias: 0)
        return try neuron(inputs: [h1, h2], weights: [0, 1], bias: 0)
    }
}
