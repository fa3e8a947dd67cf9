import NeuronaAutograd
import NeuronaCore
@testable import NeuronaOptimizers
import Testing
import _NeuronaTestSupport

/// The optimizer state is an array aligned with the parameter list: bound by name on the first
/// step (or when the list changes), reached by position afterwards, and written by name.
struct OptimizerStateTests {
    /// Two float64 parameters with the same starting values for every run.
    static func parameters() -> (x: Variable, y: Variable) {
        (Variable(Tensor([0.5, -1.25], dtype: .float64), requiresGrad: true),
         Variable(Tensor([[2.0, 0.75]], dtype: .float64), requiresGrad: true))
    }

    /// A fixed gradient per parameter and step, so that runs can be compared element by element.
    static func setGradients(_ x: Variable, _ y: Variable, step: Int) {
        let t = Double(step)
        x.grad = Tensor([0.3 * t, -0.7 + t], dtype: .float64)
        y.grad = Tensor([[1.5 - t, 0.2 * t * t]], dtype: .float64)
    }

    @Test func slotsFollowTheirParameterWhenTheListIsReordered() {
        // Reference: three steps over [x, y] in the same order.
        let reference = Adam(learningRate: 0.1)
        let (x0, y0) = Self.parameters()
        for t in 1...3 {
            Self.setGradients(x0, y0, step: t)
            reference.step([NamedParameter("x", x0), NamedParameter("y", y0)])
        }
        // The same steps with the list reversed at step 2: each parameter keeps its own m and v.
        let adam = Adam(learningRate: 0.1)
        let (x, y) = Self.parameters()
        for t in 1...3 {
            Self.setGradients(x, y, step: t)
            let list = [NamedParameter("x", x), NamedParameter("y", y)]
            adam.step(t == 2 ? list.reversed() : list)
        }
        #expect(x.value.doubles == x0.value.doubles && y.value.doubles == y0.value.doubles)
        expectEqual(adam.state, reference.state)
        expectEqual(adam.state.entries.map(\.name), ["x", "y"])
    }

    @Test func aSubsetStepKeepsTheOtherParametersState() {
        let sgd = SGD(learningRate: 0.1, momentum: 0.9)
        let (x, y) = Self.parameters()
        Self.setGradients(x, y, step: 1)
        sgd.step([NamedParameter("x", x), NamedParameter("y", y)])
        let yMomentum = sgd.state.slots["y"]!
        // Only x this time (y frozen): y's momentum is kept and still written to a checkpoint.
        Self.setGradients(x, y, step: 2)
        sgd.step([NamedParameter("x", x)])
        expectEqual(sgd.state.slots["y"], yMomentum)
        expectEqual(Set(sgd.stateTensors().keys), ["iterations", "x.momentum", "y.momentum"])
        // Back to both: y continues from its momentum: p = g + 0.9·p₁, where p₁ = g₁ = [0.5, 0.2].
        Self.setGradients(x, y, step: 3)
        sgd.step([NamedParameter("x", x), NamedParameter("y", y)])
        let expected = [-1.5 + 0.9 * 0.5, 1.8 + 0.9 * 0.2]
        let momentum = sgd.state.slots["y"]![0].doubles
        #expect(zip(momentum, expected).allSatisfy { abs($0 - $1) < 1e-15 }, "\(momentum)")
    }

    @Test func slotsAreAllocatedOnceAndUpdatedInPlace() {
        let adam = Adam(learningRate: 0.01)
        let (x, y) = Self.parameters()
        let list = [NamedParameter("x", x), NamedParameter("y", y)]
        Self.setGradients(x, y, step: 1)
        adam.step(list)
        func addresses() -> [UnsafeRawPointer] {
            adam.state.entries.flatMap { $0.slots.map { $0.withUnsafeBufferPointer(as: Double.self) { UnsafeRawPointer($0.baseAddress!) } } }
        }
        let first = addresses()
        expectEqual(first.count, 4)
        for t in 2...4 {
            Self.setGradients(x, y, step: t)
            adam.step(list)
        }
        expectEqual(addresses(), first)
    }

    @Test func aParameterWithoutAGradientHasNoSlotsUntilItGetsOne() throws {
        let rms = RMSProp(learningRate: 0.1)
        let (x, y) = Self.parameters()
        Self.setGradients(x, y, step: 1)
        y.grad = nil
        rms.step([NamedParameter("x", x), NamedParameter("y", y)])
        expectEqual(Set(rms.stateTensors().keys), ["iterations", "x.rms"])
        // Restored for the same list, the state resumes where it was.
        let restored = RMSProp(learningRate: 0.1)
        try restored.loadStateTensors(rms.stateTensors(), for: [NamedParameter("x", x), NamedParameter("y", y)])
        #expect(restored.state == rms.state && restored.iterations == 1)
    }
}
