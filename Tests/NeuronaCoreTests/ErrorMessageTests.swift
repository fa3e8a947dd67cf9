import NeuronaCore
import Testing

/// Mistakes in the program's own tensor math stop the process with a message naming the op and
/// the shapes. Exit tests run each case in a child process and read its standard error.
struct ErrorMessageTests {
    @Test func addingIncompatibleShapesNamesTheOpAndBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]) + Tensor.zeros([4])
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("add: shapes [2, 3] and [4] cannot be broadcast together"))
    }

    @Test func matmulMismatchNamesBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]).matmul(Tensor.zeros([4, 5]))
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("matmul: shapes [2, 3] and [4, 5] do not align"))
    }

    @Test func reshapeToTheWrongCountNamesBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]).reshaped([4, -1])
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("reshape: cannot reshape shape [2, 3] (6 elements) to [4, -1]"))
    }

    @Test func raggedNestedArraysAreRejected() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor([[1, 2], [3]])
        }
    }

    @Test func axisOutOfRangeNamesTheOp() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]).sum(axes: [2])
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("sum: axis 2 is out of range for shape [2, 3]"))
    }
}
