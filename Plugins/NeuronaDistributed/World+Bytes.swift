import CMPI
import Foundation

extension World {
    /// Rank `root`'s bytes on every rank (`data` is read on the root only): the length first,
    /// then the bytes. For state that is not one tensor (a safetensors blob of the model).
    func broadcastBytes(_ data: Data, root: Int = 0, timeout: Double? = nil) throws -> Data {
        let name = "broadcast(bytes, root: \(root))"
        let limit = try waitLimit(timeout, name)
        guard usesMPI else { return data }
        try checkUsable(name)
        var length = [Int64(rank == root ? data.count : 0)]
        try length.withUnsafeMutableBufferPointer { buffer in
            var request = cmpi_request_null()
            try check(name, MPI_Ibcast(buffer.baseAddress, 1, cmpi_int64(), Int32(root), cmpi_comm_world(), &request))
            try wait(&request, name, timeout: limit)
        }
        var bytes = rank == root ? [UInt8](data) : [UInt8](repeating: 0, count: Int(length[0]))
        guard !bytes.isEmpty else { return Data() }
        let count = try mpiCount(bytes.count, name)
        try bytes.withUnsafeMutableBufferPointer { buffer in
            var request = cmpi_request_null()
            try check(name, MPI_Ibcast(buffer.baseAddress, count, cmpi_byte(), Int32(root), cmpi_comm_world(), &request))
            try wait(&request, name, timeout: limit)
        }
        return Data(bytes)
    }

    /// Sums `count` elements at `buffer` over every rank, in place, with Open MPI's blocking
    /// `MPI_Allreduce` under the ``Watchdog`` (a timeout ends the process with its message).
    func allReduceInPlace(_ buffer: UnsafeMutableRawPointer, count: Int, type: MPI_Datatype?, _ name: String,
                          timeout: Double? = nil) throws {
        let limit = try waitLimit(timeout, name)
        try checkUsable(name)
        let count = try mpiCount(count, name)
        let code = watchdog.guarded(name, timeout: limit, rank: rank) {
            MPI_Allreduce(cmpi_in_place(), buffer, count, type, cmpi_sum(), cmpi_comm_world())
        }
        try check(name, code)
    }

    /// Sends `data` to rank `partner` and returns what `partner` sent in the same call (both
    /// send the same number of bytes): one step of a pairwise exchange.
    func exchangeBytes(_ data: [UInt8], with partner: Int, _ name: String, timeout: Double? = nil) throws -> [UInt8] {
        let limit = try waitLimit(timeout, name)
        guard usesMPI else { return data }
        try checkUsable(name)
        var received = [UInt8](repeating: 0, count: data.count)
        let count = try mpiCount(data.count, name)
        try data.withUnsafeBufferPointer { source in
            try received.withUnsafeMutableBufferPointer { target in
                var receiving = cmpi_request_null(), sending = cmpi_request_null()
                try check(name, MPI_Irecv(target.baseAddress, count, cmpi_byte(), Int32(partner), 0, cmpi_comm_world(), &receiving))
                try check(name, MPI_Isend(source.baseAddress, count, cmpi_byte(), Int32(partner), 0, cmpi_comm_world(), &sending))
                try wait(&sending, name, timeout: limit)
                try wait(&receiving, name, timeout: limit)
            }
        }
        return received
    }
}
