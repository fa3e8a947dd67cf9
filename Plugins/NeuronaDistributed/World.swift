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
/// A collective waits at most ``timeout`` seconds for its peers (each collective takes a
/// `timeout:` of its own too) and then throws ``DistributedError/timeout(operation:seconds:rank:)``;
/// after a failure the world is unusable and exiting the process aborts the whole job. A rank
/// whose program exits while the others still wait for it in a collective is named by them at
/// once, and the job ends (``Distributed/initialize(timeout:)`` says how).
public final class World {
    /// This process's index, `0 ..< size`. Rank 0 prints and writes checkpoints in `fit`.
    public let rank: Int
    /// The number of processes.
    public let size: Int
    /// Seconds a collective waits for its peers unless the call says otherwise; `nil` waits forever.
    public let timeout: Double?
    /// Whether MPI was started (the process runs under `mpirun`).
    public let usesMPI: Bool
    /// The first failure, after which every collective throws ``DistributedError/worldFailed(operation:earlier:)``.
    public private(set) var failure: String?
    private var finished = false
    /// Bounds the blocking calls (the gradient allreduce) and looks at the peers' notices.
    let watchdog = Watchdog()
    /// The other ranks' exits and failures, heard while this rank waits (under `mpirun` with
    /// `MPI_THREAD_MULTIPLE`).
    private let notices: PeerNotices?
    /// Communication calls started: every rank makes the same ones in the same order.
    private var calls = 0

    /// The world of this process, once initialized.
    nonisolated(unsafe) static var current: World?

    /// A world of one process without MPI.
    init(single: Void) {
        rank = 0
        size = 1
        timeout = nil
        usesMPI = false
        notices = nil
    }

    private init(rank: Int, size: Int, timeout: Double?, notices: PeerNotices?) {
        self.rank = rank
        self.size = size
        self.timeout = timeout
        self.notices = notices
        usesMPI = true
        if let notices { watchdog.start(looking: notices.poll) }
    }

    /// Starts MPI and reads this process's rank and the world's size.
    ///
    /// MPI is asked for `MPI_THREAD_MULTIPLE`: the watchdog's thread receives the other ranks'
    /// notices (``PeerNotices``) while the main thread may be blocked in a collective. Only the
    /// main thread calls the collectives.
    static func startMPI(timeout: Double?) throws -> World {
        var provided: Int32 = 0
        var code = MPI_Init_thread(nil, nil, Int32(MPI_THREAD_MULTIPLE), &provided)
        if code != MPI_SUCCESS { throw DistributedError.mpi(operation: "MPI_Init_thread", code: code, message: errorString(code)) }
        code = MPI_Comm_set_errhandler(cmpi_comm_world(), cmpi_errors_return())
        if code != MPI_SUCCESS { throw DistributedError.mpi(operation: "MPI_Comm_set_errhandler", code: code, message: errorString(code)) }
        var rank: Int32 = 0, size: Int32 = 0
        MPI_Comm_rank(cmpi_comm_world(), &rank)
        MPI_Comm_size(cmpi_comm_world(), &size)
        // Every rank is given the same level by the same library, so all make the notices' communicator or none.
        let notices = provided >= Int32(MPI_THREAD_MULTIPLE) ? try PeerNotices(rank: Int(rank), size: Int(size)) : nil
        return World(rank: Int(rank), size: Int(size), timeout: timeout, notices: notices)
    }

    /// Whether this is rank 0.
    public var isPrimary: Bool { rank == 0 }

    /// Waits until every rank has called `barrier()`.
    ///
    /// - Parameter timeout: Seconds to wait for the peers, instead of the world's ``timeout``
    ///   (`.infinity`: without limit).
    /// - Throws: ``DistributedError`` when MPI fails or the peers do not arrive in time.
    public func barrier(timeout: Double? = nil) throws {
        let limit = try waitLimit(timeout, "barrier")
        guard usesMPI else { return }
        try checkUsable("barrier")
        var request = cmpi_request_null()
        try check("barrier", MPI_Ibarrier(cmpi_comm_world(), &request))
        try wait(&request, "barrier", timeout: limit)
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
    /// Rank 0 prints the message too (it is sent there first, for up to 2 s, when the world
    /// hears notices), so a log that keeps only rank 0's output says why the job ended.
    public func abort(after error: Error) -> Never {
        FileHandle.standardError.write(Data("NeuronaDistributed: rank \(rank) of \(size) failed: \(error); ending the job on every rank\n".utf8))
        if failure == nil { notices?.announceFailure("\(error)") }
        notices?.stop()
        abort(code: 1)
    }

    /// At exit: aborts the job when a collective failed (a finalize would wait for peers that
    /// are gone or stuck). Otherwise tells the other ranks how many calls this rank made (a rank
    /// still waiting for more aborts the job at once, naming this rank: ``PeerNotices``), waits
    /// for them at an exit barrier, and finalizes MPI.
    func finishAtExit() {
        guard usesMPI, !finished else { return }
        finished = true
        guard failure == nil else {
            notices?.stop()
            MPI_Abort(cmpi_comm_world(), 1)
            return
        }
        if let notices {
            notices.announceExit(calls: calls)
            guard notices.meetAtExit() else {
                MPI_Abort(cmpi_comm_world(), 1)
                return
            }
        }
        MPI_Finalize()
    }

    // MARK: Calling MPI

    /// Throws when an earlier collective failed; counts the call (every collective and
    /// exchange calls this once, on every rank alike).
    func checkUsable(_ operation: String) throws {
        if let failure { throw DistributedError.worldFailed(operation: operation, earlier: failure) }
        calls += 1
        notices?.starting(calls, operation)
    }

    /// The seconds a call waits: its own `timeout` when given, else the world's; `nil` without
    /// limit (`.infinity`).
    ///
    /// - Throws: ``DistributedError/invalidArgument(operation:message:)`` for a timeout that is
    ///   not positive.
    func waitLimit(_ timeout: Double?, _ operation: String) throws -> Double? {
        guard let seconds = timeout ?? self.timeout else { return nil }
        guard seconds > 0 else {
            throw DistributedError.invalidArgument(operation: operation, message: "timeout must be positive seconds (or .infinity), got \(seconds)")
        }
        return seconds.isFinite ? seconds : nil
    }

    /// Throws ``DistributedError/mpi(operation:code:message:)`` unless `code` is `MPI_SUCCESS`,
    /// marking the world failed.
    func check(_ operation: String, _ code: Int32) throws {
        guard code != MPI_SUCCESS else { return }
        let error = DistributedError.mpi(operation: operation, code: code, message: World.errorString(code))
        failure = error.description
        throw error
    }

    /// Completes a non-blocking request, polling until `timeout` seconds have passed (`nil`:
    /// without limit).
    func wait(_ request: inout MPI_Request?, _ operation: String, timeout: Double?) throws {
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
