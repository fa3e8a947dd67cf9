import NeuronaAutograd
import NeuronaCore
import Testing
import _NeuronaTestSupport

/// `Variable.value` takes a new tensor of its own shape (an optimizer's step, a dtype change) and
/// refuses any other shape: the layer that owns the variable was built for the old one.
struct VariableValueTests {
    @Test func sameShapeReplacesAndChangesDtype() {
        let v = Variable(Tensor([[1, 2], [3, 4]]), requiresGrad: true)
        v.value = Tensor([[5, 6], [7, 8]])
        expectEqual(v.value.doubles, [5, 6, 7, 8])
        v.value = v.value.converted(to: .float64)
        #expect(v.value.dtype == .float64 && v.value.shape == [2, 2])
    }

    @Test func inPlaceUpdateThroughInoutKeepsTheShape() {
        let v = Variable(Tensor([1, 2, 3]))
        func halve(_ t: inout Tensor) { t = t * 0.5 }
        halve(&v.value)
        expectEqual(v.value.doubles, [0.5, 1, 1.5])
    }

    @Test func anotherShapeStopsWithBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let kernel = Variable(Tensor.zeros([3, 4]), requiresGrad: true)
            kernel.value = Tensor.zeros([7, 7])
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("Variable.value: a tensor of shape [7, 7] cannot replace one of shape [3, 4]"), "\(text)")
    }

    @Test func anotherShapeThroughInoutStopsToo() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let kernel = Variable(Tensor.zeros([3, 4]), requiresGrad: true)
            func reshape(_ t: inout Tensor) { t = t.reshaped([12]) }
            reshape(&kernel.value)
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("Variable.value: a tensor of shape [12] cannot replace one of shape [3, 4]"), "\(text)")
    }
}
