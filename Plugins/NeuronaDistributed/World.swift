import CMPI
import Foundation
import NeuronaCore

/// The processes of one job (MPI's `MPI_COMM_WORLD`): which one this is, how many there are,
/// and the collectives that combine their tensors.
///
/// Made by ``Distributed/initialize(timeout:)``. Every collective must be called by every rank,
/// in the same order, with tensors of the same dtype (and the shapes each collective names).
/// With one rank (a process started without `mpirun`) every collective returns its input.
///
/// A collective waits at most ``timeout`` seconds for its peers and then throws
/// ``DistributedError/timeout(operation:seconds:rank:)``; after a failure the world is unusable
/// and exiting the process aborts the whole job.
public final class World {
    /// This process's index, `0 ..< size`. Rank 0 prints and writes checkpoints in `fit`.
    public let rank: Int
    /// The number of processes.
    public let size: Int
    /// Seconds a collective waits for its peers; `nil` waits forever.
    public let timeout: Double?
    /// Whether MPI was started (the process runs under `mpirun`).
    public let usesMPI: Bool
    /// The first failure, after which every collective throws ``DistributedError/worldFailed(operation:earlier:)``.
    public private(set) var failure: String?
    private var finished = false
    /// Bounds the blocking calls (the gradient allreduce).
    let watchdog = Watchdog()

    /// The world of this process, once initialized.
    nonisolated(unsafe) static var current: World?

    /// A world of one process without MPI.
    init(single: Void) {
        rank = 0
        size = 1
        timeout = nil
        usesMPI = false
    }

    private init(rank: Int, size: Int, timeout: Double?) {
        self.rank = rank
        self.size = size
        self.timeout = timeout
        usesMPI = true
    }

    /// Starts MPI and reads this process's rank and the world's size.
    static func startMPI(timeout: Double?) throws -> World {
        var provided: Int32 = 0
        var code = MPI_Init_thread(nil, nil, Int32(MPI_THREAD_FUNNELED), &provided)
        if code != MPI_SUCCESS { throw DistributedError.mpi(operation: "MPI_Init_thread", code: code, message: errorString(code)) }
        code = MPI_Comm_set_errhandler(cmpi_comm_world(), cmpi_errors_return())
        if code != MPI_SUCCESS { throw DistributedError.mpi(operation: "MPI_Comm_set_errhandler", code: code, message: errorString(code)) }
        var rank: Int32 = 0, size: Int32 = 0
        MPI_Comm_rank(cmpi_comm_world(), &rank)
        MPI_Comm_size(cmpi_comm_world(), &size)
        return World(rank: Int(rank), size: Int(size), timeout: timeout)
    }

    /// Whether this is rank 0.
    public var isPrimary: Bool { rank == 0 }

    /// Waits until every rank has called `barrier()`.
    ///
    /// - Throws: ``DistributedError`` when MPI fails or the peers do not arrive within ``timeout``.
    public func barrier() throws {
        guard usesMPI else { return }
        try checkUsable("barrier")
        var request = cmpi_request_null()
        try check("barrier", MPI_Ibarrier(cmpi_comm_world(), &request))
        try wait(&request, "barrier")
    }

    /// Ends the whole job now with `code` (`MPI_Abort`): the launcher stops every rank. Without
    /// MPI, exits the process with `code`.
    public func abort(code: Int32 = 1) -> Never {
        if usesMPI {
            FileHandle.standardOutput.synchronizeFile()
            MPI_Abort(cmpi_comm_world(), code)
        }
        exit(code)
    }

    /// Ends the whole job now because of `error` on this rank: prints it on stderr, naming the
    /// rank, and aborts (``abort(code:)``). The launcher stops every other rank, which say so.
    public func abort(after error: Error) -> Never {
        FileHandle.standardError.write(Data("NeuronaDistributed: rank \(rank) of \(size) failed: \(error); ending the job on every rank\n".utf8))
        abort(code: 1)
    }

    /// Finalizes MPI at exit; aborts the job instead when a collective failed (a finalize
    /// would wait for peers that are gone or stuck).
    func finishAtExit() {
        guard usesMPI, !finished else { return }
        finished = true
        if failure != nil {
            MPI_Abort(cmpi_comm_world(), 1)
        } else {
            MPI_Finalize()
        }
    }

    // MARK: Calling MPI

    /// Throws when an earlier collective failed.
    func checkUsable(_ operation: String) throws {
        if let failure { throw DistributedError.worldFailed(operation: operation, earlier: failure) }
    }

    /// Throws ``DistributedError/mpi(operation:code:message:)`` unless `code` is `MPI_SUCCESS`,
    /// marking the world failed.
    func check(_ operation: String, _ code: Int32) throws {
        guard code != MPI_SUCCESS else { return }
        let error = DistributedError.mpi(operation: operation, code: code, message: World.errorString(code))
        failure = error.description
        throw error
    }

    /// Completes a non-blocking request, polling until ``timeout``.
    func wait(_ request: inout MPI_Request?, _ operation: String) throws {
        guard let timeout else {
            try check(operation, MPI_Wait(&request, cmpi_status_ignore()))
            return
        }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        var done: Int32 = 0
        var polls = 0
        while true {
            try check(operation, MPI_Test(&request, &done, cmpi_status_ignore()))
            if done != 0 { return }
            polls += 1
            // A long wait (a peer in a slow checkpoint, or gone) sleeps between looks instead of
            // spinning a core, and peers that share this core (oversubscribed runs) get to
            // compute: 100 µs naps once 100,000 polls (a few milliseconds) brought no answer.
            let napping = polls > 100_000
            if napping { usleep(100) }
            if napping || polls & 1023 == 0, DispatchTime.now().uptimeNanoseconds > deadline {
                let error = DistributedError.timeout(operation: operation, seconds: timeout, rank: rank)
                failure = error.description
                throw error
            }
        }
    }

    /// MPI's text for an error code.
    static func errorString(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: Int(MPI_MAX_ERROR_STRING) + 1)
        var length: Int32 = 0
        MPI_Error_string(code, &buffer, &length)
        return String(cString: buffer)
    }
}
