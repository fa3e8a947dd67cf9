import NeuronaAutograd
import NeuronaCore
import NeuronaExtras
import NeuronaOptimizers
import Testing

@Suite struct LionTests {
    @Test func twoStepsFollowTheUpdateRule() {
        // By hand, lr 0.1, β₁ 0.9, β₂ 0.99, from m = 0:
        // step 1, g = (0.3, −0.1, 0): sign(0.1·g) = (1, −1, 0) → x = (0.9, −1.9, 0.5), m = 0.01·g
        // step 2, g = (−0.2, 0.4, 0.1): sign(0.9·m + 0.1·g) = sign(−0.0173, 0.0391, 0.01) = (−1, 1, 1)
        //   → x = (1.0, −2.0, 0.4), m = 0.99·m + 0.01·g = (0.00097, 0.00301, 0.001)
        let x = Variable(Tensor([1.0, -2.0, 0.5], dtype: .float64), requiresGrad: true)
        let parameters = [NamedParameter("x", x)]
        let lion = Lion(learningRate: 0.1)
        x.grad = Tensor([0.3, -0.1, 0.0], dtype: .float64)
        lion.step(parameters)
        #expect(x.value.doubles == [0.9, -1.9, 0.5])
        x.grad = Tensor([-0.2, 0.4, 0.1], dtype: .float64)
        lion.step(parameters)
        for (value, expected) in zip(x.value.doubles, [1.0, -2.0, 0.4]) { #expect(abs(value - expected) < 1e-15) }
        let momentum = lion.stateTensors()["x.momentum"]!.doubles
        for (value, expected) in zip(momentum, [0.00097, 0.00301, 0.001]) { #expect(abs(value - expected) < 1e-15) }
    }

    @Test func betasOutOfRangeAreRefused() {
        #expect(throws: OptimizerError.self) { try Lion(beta1: 1).validate() }
        #expect(throws: OptimizerError.self) { try Lion(beta2: -0.1).validate() }
    }
}
