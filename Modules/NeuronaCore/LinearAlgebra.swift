import CLAPACK

/// Why a LAPACK routine could not give an answer. The matrix came from data, so this is thrown,
/// not a stop: NumPy raises `LinAlgError` in the same places.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
    /// The matrix of shape `shape` has no inverse: pivot `pivot` of its LU factorization is zero.
    case singularMatrix(op: String, shape: [Int], pivot: Int)
    /// LAPACK reported a failure (`info` is its code).
    case lapackFailure(op: String, routine: String, info: Int)

    public var description: String {
        switch self {
        case .singularMatrix(let op, let shape, let pivot):
            return "\(op): the \(shape) matrix is singular (zero pivot at position \(pivot))"
        case .lapackFailure(let op, let routine, let info):
            return "\(op): LAPACK \(routine) failed with info = \(info)"
        }
    }
}

/// The result of ``Tensor/leastSquares(_:_:rcond:)``.
public struct LeastSquaresSolution {
    /// The `x` that minimizes ‖a·x − b‖₂ (minimum norm when `a` is rank-deficient).
    public var solution: Tensor
    /// The effective rank of `a`.
    public var rank: Int
    /// The singular values of `a`, largest first.
    public var singularValues: Tensor
}

// Linear algebra through LAPACKE. Routines run in float64 and return the input's dtype.

extension Tensor {
    /// The `x` that solves `a·x = b` for a square `a` ([n, n]) and `b` of shape [n] or [n, k]
    /// (LAPACK `gesv`: LU with partial pivoting).
    public static func solve(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let n = squareSize(a, op: "solve")
        checkPrecondition(b.rank >= 1 && b.rank <= 2 && b.shape[0] == n,
                          "solve: right-hand side of shape \(b.shape) does not match matrix \(a.shape)")
        let nrhs = b.rank == 1 ? 1 : b.shape[1]
        var lu = a.converted(to: .float64).scalars(as: Double.self)
        var x = b.converted(to: .float64).scalars(as: Double.self)
        var pivots = [Int32](repeating: 0, count: n)
        let info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, Int32(n), Int32(nrhs), &lu, Int32(n),
                                 &pivots, &x, Int32(nrhs))
        try check(info, op: "solve", routine: "dgesv", shape: a.shape)
        return Tensor(x, shape: b.shape).converted(to: a.dtype.promoted(with: b.dtype))
    }

    /// The inverse of a square matrix (LAPACK `getrf` + `getri`).
    public func inverse() throws -> Tensor {
        let n = Tensor.squareSize(self, op: "inverse")
        var m = converted(to: .float64).scalars(as: Double.self)
        var pivots = [Int32](repeating: 0, count: Swift.max(n, 1))
        let info = LAPACKE_dgetrf(LAPACK_ROW_MAJOR, Int32(n), Int32(n), &m, Int32(n), &pivots)
        try Tensor.check(info, op: "inverse", routine: "dgetrf", shape: shape)
        let info2 = LAPACKE_dgetri(LAPACK_ROW_MAJOR, Int32(n), &m, Int32(n), &pivots)
        try Tensor.check(info2, op: "inverse", routine: "dgetri", shape: shape)
        return Tensor(m, shape: shape).converted(to: dtype)
    }

    /// The determinant of a square matrix (from its LU factorization), as a 0-D tensor.
    public func determinant() -> Tensor {
        let n = Tensor.squareSize(self, op: "determinant")
        if n == 0 { return Tensor(1, dtype: dtype) }
        var m = converted(to: .float64).scalars(as: Double.self)
        var pivots = [Int32](repeating: 0, count: n)
        let info = LAPACKE_dgetrf(LAPACK_ROW_MAJOR, Int32(n), Int32(n), &m, Int32(n), &pivots)
        checkPrecondition(info >= 0, "determinant: LAPACK dgetrf failed with info = \(info)")
        var det = 1.0
        for i in 0..<n {
            det *= m[i * n + i]
            if pivots[i] != Int32(i + 1) { det = -det }
        }
        return Tensor(det, dtype: dtype)
    }

    /// The least-squares solution of `a·x ≈ b` for `a` of shape [m, n] and `b` of shape [m] or
    /// [m, k] (LAPACK `gelsd`, SVD-based: rank-deficient `a` gives the minimum-norm solution).
    /// Singular values below `rcond` times the largest count as zero (`nil`: machine precision).
    public static func leastSquares(_ a: Tensor, _ b: Tensor, rcond: Double? = nil) throws -> LeastSquaresSolution {
        checkPrecondition(a.rank == 2, "leastSquares: matrix must be 2-D, got shape \(a.shape)")
        let (m, n) = (a.shape[0], a.shape[1])
        checkPrecondition(b.rank >= 1 && b.rank <= 2 && b.shape[0] == m,
                          "leastSquares: right-hand side of shape \(b.shape) does not match matrix \(a.shape)")
        let nrhs = b.rank == 1 ? 1 : b.shape[1]
        var matrix = a.converted(to: .float64).scalars(as: Double.self)
        // gelsd overwrites b with the solution; it needs max(m, n) rows.
        let rows = Swift.max(m, n)
        var x = [Double](repeating: 0, count: rows * nrhs)
        let bValues = b.converted(to: .float64).scalars(as: Double.self)
        for i in 0..<(m * nrhs) { x[i] = bValues[i] }
        var singular = [Double](repeating: 0, count: Swift.max(1, Swift.min(m, n)))
        var rank: Int32 = 0
        let info = LAPACKE_dgelsd(LAPACK_ROW_MAJOR, Int32(m), Int32(n), Int32(nrhs),
                                  &matrix, Int32(n), &x, Int32(nrhs), &singular,
                                  rcond ?? -1, &rank)
        try check(info, op: "leastSquares", routine: "dgelsd", shape: a.shape)
        let solutionShape = b.rank == 1 ? [n] : [n, nrhs]
        let dtype = a.dtype.promoted(with: b.dtype)
        return LeastSquaresSolution(
            solution: Tensor(Array(x[0..<(n * nrhs)]), shape: solutionShape).converted(to: dtype),
            rank: Int(rank),
            singularValues: Tensor(Array(singular[0..<Swift.min(m, n)]), shape: [Swift.min(m, n)]).converted(to: dtype))
    }

    static func squareSize(_ a: Tensor, op: String) -> Int {
        checkPrecondition(a.rank == 2 && a.shape[0] == a.shape[1], "\(op): needs a square 2-D matrix, got shape \(a.shape)")
        checkPrecondition(a.dtype.isFloatingPoint || a.dtype == .int64, "\(op): needs a numeric matrix, got \(a.dtype)")
        return a.shape[0]
    }

    static func check(_ info: Int32, op: String, routine: String, shape: [Int]) throws {
        if info > 0 && routine != "dgelsd" {
            throw LinearAlgebraError.singularMatrix(op: op, shape: shape, pivot: Int(info))
        }
        if info != 0 {
            throw LinearAlgebraError.lapackFailure(op: op, routine: routine, info: Int(info))
        }
    }
}
