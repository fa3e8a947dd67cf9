import CMPI
import Foundation
import NeuronaCore

/// Collectives on tensors of float32, float64 or int64, as `torch.distributed` and MLX's
/// `mx.distributed` define them. Every rank calls each one in the same order.
extension World {
    /// Every rank's `tensor` combined element by element; the result on every rank.
    ///
    /// - Parameters:
    ///   - tensor: The same shape and dtype on every rank.
    ///   - operation: Sum, mean or maximum over ranks.
    ///   - timeout: Seconds to wait for the peers, instead of the world's ``World/timeout``
    ///     (`.infinity`: without limit).
    /// - Throws: ``DistributedError`` for an unsupported dtype, an MPI error or a timeout.
    public func allReduce(_ tensor: Tensor, _ operation: ReduceOperation = .sum, timeout: Double? = nil) throws -> Tensor {
        let name = "allReduce(\(operation.rawValue))"
        let type = try datatype(of: tensor, name)
        let limit = try waitLimit(timeout, name)
        guard usesMPI else { return tensor }
        try checkUsable(name)
        var result = Tensor.zeros(tensor.shape, dtype: tensor.dtype)
        guard tensor.count > 0 else { return result }
        let count = try mpiCount(tensor.count, name)
        try tensor.withUnsafeRawBytes { source in
            try World.withMutableBytes(&result) { target in
                var request = cmpi_request_null()
                try check(name, MPI_Iallreduce(source.baseAddress, target, count, type, mpiOperation(operation),
                                               cmpi_comm_world(), &request))
                try wait(&request, name, timeout: limit)
            }
        }
        return operation == .mean ? divided(result, by: size) : result
    }

    /// Rank `root`'s `tensor` on every rank.
    ///
    /// - Parameters:
    ///   - tensor: The same shape and dtype on every rank; only `root`'s values are read.
    ///   - root: The rank whose values are sent.
    ///   - timeout: Seconds to wait for the peers, instead of the world's ``World/timeout``
    ///     (`.infinity`: without limit).
    /// - Throws: ``DistributedError`` for a root outside the world, an unsupported dtype, an MPI
    ///   error or a timeout.
    public func broadcast(_ tensor: Tensor, root: Int = 0, timeout: Double? = nil) throws -> Tensor {
        let name = "broadcast(root: \(root))"
        let type = try datatype(of: tensor, name)
        let limit = try waitLimit(timeout, name)
        guard root >= 0 && root < size else {
            throw DistributedError.invalidArgument(operation: name, message: "root \(root) is not a rank of a world of size \(size)")
        }
        guard usesMPI else { return tensor }
        try checkUsable(name)
        var result = tensor
        guard tensor.count > 0 else { return result }
        let count = try mpiCount(tensor.count, name)
        try World.withMutableBytes(&result) { buffer in
            var request = cmpi_request_null()
            try check(name, MPI_Ibcast(buffer, count, type, Int32(root), cmpi_comm_world(), &request))
            try wait(&request, name, timeout: limit)
        }
        return result
    }

    /// Every rank's `tensor` concatenated along the first axis, in rank order, on every rank.
    ///
    /// The ranks may hold different numbers of rows (the last shard of a data set); the other
    /// dimensions and the dtype must agree. A 0-D tensor counts as one row.
    ///
    /// - Parameters:
    ///   - tensor: This rank's rows.
    ///   - timeout: Seconds to wait for the peers, instead of the world's ``World/timeout``
    ///     (`.infinity`: without limit).
    /// - Throws: ``DistributedError/invalidArgument(operation:message:)`` naming the ranks'
    ///   shapes when they do not fit together, or an MPI error or timeout.
    public func allGather(_ tensor: Tensor, timeout: Double? = nil) throws -> Tensor {
        let name = "allGather"
        let type = try datatype(of: tensor, name)
        let limit = try waitLimit(timeout, name)
        let rows = tensor.rank == 0 ? tensor.reshaped([1]) : tensor
        guard usesMPI else { return rows }
        try checkUsable(name)
        // Every rank's dtype and shape, so a mismatch is an error that names them.
        let maximumRank = 8
        guard rows.rank <= maximumRank else {
            throw DistributedError.invalidArgument(operation: name, message: "rank-\(rows.rank) tensors are not supported (at most \(maximumRank) dimensions)")
        }
        let description = [Int64(World.dtypeCode(rows.dtype)), Int64(rows.rank)] + rows.shape.map(Int64.init)
            + [Int64](repeating: 0, count: maximumRank - rows.rank)
        let all = try gatherFixed(description, name, timeout: limit)
        let width = description.count
        var shapes: [[Int]] = []
        var dtypesAgree = true
        for r in 0..<size {
            let entry = all[r * width ..< (r + 1) * width].map(Int.init)
            if entry[0] != World.dtypeCode(rows.dtype) { dtypesAgree = false }
            shapes.append(Array(entry[2 ..< 2 + entry[1]]))
        }
        let trailing = Array(rows.shape.dropFirst())
        guard dtypesAgree, shapes.allSatisfy({ $0.count == rows.rank && Array($0.dropFirst()) == trailing }) else {
            throw DistributedError.invalidArgument(
                operation: name, message: "ranks hold tensors that do not stack along the first axis: shapes \(shapes) (rank order), dtypes agree: \(dtypesAgree)")
        }
        let rowSize = trailing.reduce(1, *)
        let counts = try shapes.map { try mpiCount($0[0] * rowSize, name) }
        var offsets: [Int32] = []
        var offset = 0
        for count in counts {
            offsets.append(try mpiCount(offset, name))
            offset += Int(count)
        }
        var result = Tensor.zeros([shapes.reduce(0) { $0 + $1[0] }] + trailing, dtype: rows.dtype)
        guard result.count > 0 else { return result }
        try rows.withUnsafeRawBytes { source in
            try World.withMutableBytes(&result) { target in
                var request = cmpi_request_null()
                try check(name, MPI_Iallgatherv(source.baseAddress, counts[rank], type, target, counts, offsets, type,
                                                cmpi_comm_world(), &request))
                try wait(&request, name, timeout: limit)
            }
        }
        return result
    }

    /// Every rank's `tensor` combined element by element, then split along the first axis into
    /// `size` equal parts: rank `r` gets part `r` (PyTorch's `reduce_scatter_tensor`).
    ///
    /// - Parameters:
    ///   - tensor: The same shape and dtype on every rank; its first dimension a multiple of `size`.
    ///   - operation: Sum, mean or maximum over ranks.
    ///   - timeout: Seconds to wait for the peers, instead of the world's ``World/timeout``
    ///     (`.infinity`: without limit).
    /// - Throws: ``DistributedError/invalidArgument(operation:message:)`` when the first
    ///   dimension does not split evenly, or an MPI error or timeout.
    public func reduceScatter(_ tensor: Tensor, _ operation: ReduceOperation = .sum, timeout: Double? = nil) throws -> Tensor {
        let name = "reduceScatter(\(operation.rawValue))"
        let type = try datatype(of: tensor, name)
        let limit = try waitLimit(timeout, name)
        guard tensor.rank >= 1, tensor.shape[0] % size == 0 else {
            throw DistributedError.invalidArgument(
                operation: name, message: "shape \(tensor.shape) does not split along its first axis into \(size) equal parts")
        }
        guard usesMPI else { return tensor }
        try checkUsable(name)
        let part = [tensor.shape[0] / size] + tensor.shape.dropFirst()
        var result = Tensor.zeros(part, dtype: tensor.dtype)
        guard result.count > 0 else { return result }
        let count = try mpiCount(result.count, name)
        try tensor.withUnsafeRawBytes { source in
            try World.withMutableBytes(&result) { target in
                var request = cmpi_request_null()
                try check(name, MPI_Ireduce_scatter_block(source.baseAddress, target, count, type, mpiOperation(operation),
                                                          cmpi_comm_world(), &request))
                try wait(&request, name, timeout: limit)
            }
        }
        return operation == .mean ? divided(result, by: size) : result
    }

    // MARK: Helpers

    /// `values` of every rank, concatenated in rank order (each rank passes the same count).
    func gatherFixed(_ values: [Int64], _ name: String, timeout limit: Double?) throws -> [Int64] {
        var all = [Int64](repeating: 0, count: values.count * size)
        try values.withUnsafeBufferPointer { source in
            try all.withUnsafeMutableBufferPointer { target in
                var request = cmpi_request_null()
                try check(name, MPI_Iallgather(source.baseAddress, Int32(values.count), cmpi_int64(),
                                               target.baseAddress, Int32(values.count), cmpi_int64(), cmpi_comm_world(), &request))
                try wait(&request, name, timeout: limit)
            }
        }
        return all
    }

    /// The MPI datatype of `tensor`'s elements.
    func datatype(of tensor: Tensor, _ name: String) throws -> MPI_Datatype? {
        switch tensor.dtype {
        case .float32: return usesMPI ? cmpi_float() : nil
        case .float64: return usesMPI ? cmpi_double() : nil
        case .int64: return usesMPI ? cmpi_int64() : nil
        default:
            throw DistributedError.invalidArgument(operation: name, message: "\(tensor.dtype) tensors are not supported (float32, float64 or int64)")
        }
    }

    /// `count` as MPI's 32-bit count.
    func mpiCount(_ count: Int, _ name: String) throws -> Int32 {
        guard let value = Int32(exactly: count) else {
            throw DistributedError.invalidArgument(operation: name, message: "\(count) elements exceed MPI's count limit \(Int32.max)")
        }
        return value
    }

    private func mpiOperation(_ operation: ReduceOperation) -> MPI_Op? {
        operation == .max ? cmpi_max() : cmpi_sum()
    }

    /// A sum over ranks turned into their mean (int64 truncates).
    private func divided(_ tensor: Tensor, by ranks: Int) -> Tensor {
        if tensor.dtype == .int64 {
            let values = tensor.scalars(as: Int64.self).map { $0 / Int64(ranks) }
            return Tensor(values, shape: tensor.shape)
        }
        return tensor / Tensor(Double(ranks), dtype: tensor.dtype)
    }

    static func dtypeCode(_ dtype: DType) -> Int {
        switch dtype {
        case .float32: return 1
        case .float64: return 2
        case .int64: return 3
        default: return 0
        }
    }

    /// Calls `body` with the start of `tensor`'s elements, writable.
    static func withMutableBytes<R>(_ tensor: inout Tensor, _ body: (UnsafeMutableRawPointer?) throws -> R) rethrows -> R {
        switch tensor.dtype {
        case .float32: return try tensor.withUnsafeMutableBufferPointer(as: Float.self) { try body(UnsafeMutableRawPointer($0.baseAddress)) }
        case .float64: return try tensor.withUnsafeMutableBufferPointer(as: Double.self) { try body(UnsafeMutableRawPointer($0.baseAddress)) }
        case .int64: return try tensor.withUnsafeMutableBufferPointer(as: Int64.self) { try body(UnsafeMutableRawPointer($0.baseAddress)) }
        default: preconditionFailed("World.withMutableBytes: \(tensor.dtype) tensors have no MPI datatype")
        }
    }
}
