import NeuronaCore
import Testing
import _NeuronaTestSupport

struct LinearAlgebraTests {
    @Test func solveIsCheckedBySubstitution() throws {
        var g = RandomGenerator(seed: 11)
        let a = Tensor.uniform([6, 6], low: -1, high: 1, dtype: .float64, using: &g) + Tensor.eye(6, dtype: .float64) * 3
        let b = Tensor.uniform([6, 2], dtype: .float64, using: &g)
        let x = try Tensor.solve(a, b)
        expectEqual(x.shape, [6, 2])
        #expect(isClose(a.matmul(x), b, absolute: 1e-12))
        let v = Tensor([1, 2, 3, 4, 5, 6], dtype: .float64)
        let xv = try Tensor.solve(a, v)
        expectEqual(xv.shape, [6])
        #expect(isClose(a.matmul(xv), v, absolute: 1e-12))
        // float32 in, float32 out.
        let x32 = try Tensor.solve(a.converted(to: .float32), v.converted(to: .float32))
        expectEqual(x32.dtype, .float32)
        #expect(isClose(x32.converted(to: .float64), xv, absolute: 1e-5))
    }

    @Test func inverseTimesMatrixIsIdentity() throws {
        let a = Tensor([[4, 7], [2, 6]], dtype: .float64)
        let inv = try a.inverse()
        #expect(isClose(inv, Tensor([[0.6, -0.7], [-0.2, 0.4]], dtype: .float64), absolute: 1e-15))
        #expect(isClose(a.matmul(inv), Tensor.eye(2, dtype: .float64), absolute: 1e-15))
    }

    @Test func determinantFromLU() {
        #expect(abs(Tensor([[4, 7], [2, 6]]).determinant().item - 10) < 1e-5)
        // A row swap flips the sign.
        #expect(abs(Tensor([[0, 1], [1, 0]], dtype: .float64).determinant().item + 1) < 1e-15)
        let m = Tensor([[2, -3, 1], [2, 0, -1], [1, 4, 5]], dtype: .float64)
        #expect(abs(m.determinant().item - 49) < 1e-12)
        expectEqual(Tensor([[1, 2], [2, 4]], dtype: .float64).determinant().item, 0)
    }

    @Test func singularMatricesThrow() {
        let s = Tensor([[1, 2], [2, 4]], dtype: .float64)
        #expect(throws: LinearAlgebraError.self) { try s.inverse() }
        #expect(throws: LinearAlgebraError.self) { try Tensor.solve(s, Tensor([1, 1], dtype: .float64)) }
        do {
            _ = try s.inverse()
        } catch {
            #expect("\(error)".contains("inverse: the [2, 2] matrix is singular"))
        }
    }

    @Test func leastSquaresFitsALineAndSatisfiesTheNormalEquations() throws {
        // y = 2x + 1 exactly, then with noise: the residual is orthogonal to the columns.
        let x = Tensor.linspace(0, 1, count: 10, dtype: .float64)
        let design = Tensor.stack([x, Tensor.ones([10], dtype: .float64)], axis: 1)
        let exact = try Tensor.leastSquares(design, x * 2 + 1)
        #expect(isClose(exact.solution, Tensor([2, 1], dtype: .float64), absolute: 1e-12))
        expectEqual(exact.rank, 2)
        var g = RandomGenerator(seed: 2)
        let y = x * 2 + 1 + Tensor.normal([10], standardDeviation: 0.1, dtype: .float64, using: &g)
        let fit = try Tensor.leastSquares(design, y)
        let residual = y - design.matmul(fit.solution)
        #expect(design.T.matmul(residual).abs().max().item < 1e-12)
        // XOR (lecture 002): the best linear fit is α = 1/2, β = 0.
        let xor = Tensor([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype: .float64)
        let xorFit = try Tensor.leastSquares(xor, Tensor([0, 1, 1, 0], dtype: .float64))
        #expect(isClose(xorFit.solution, Tensor([0, 0, 0.5], dtype: .float64), absolute: 1e-12))
    }

    @Test func leastSquaresOnRankDeficientMatrixGivesMinimumNorm() throws {
        let a = Tensor([[1, 1], [1, 1], [1, 1]], dtype: .float64)
        let fit = try Tensor.leastSquares(a, Tensor([2, 2, 2], dtype: .float64))
        expectEqual(fit.rank, 1)
        #expect(isClose(fit.solution, Tensor([1, 1], dtype: .float64), absolute: 1e-12))
        #expect(abs(fit.singularValues.doubles[0] - 6.0.squareRoot()) < 1e-12)
    }
}
