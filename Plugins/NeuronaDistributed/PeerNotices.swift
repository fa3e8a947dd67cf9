import CMPI
import Foundation

/// What one rank tells the others when it leaves outside a collective, on a communicator of its
/// own (a duplicate of `MPI_COMM_WORLD`, so its messages never match the collectives'):
///
/// - an **exit notice** when the process exits (its `atexit` handler, ``World/finishAtExit()``),
///   carrying how many communication calls it made. A rank that has started more calls than
///   that waits for a peer that will never join: it prints who left and when, and aborts the
///   job at once (`MPI_Abort`) instead of waiting for its timeout. Ranks that end together
///   (every rank made the same calls) meet in an exit barrier and finalize as usual.
/// - a **failure notice** from ``World/abort(after:)`` (a typed error on one rank, such as its
///   data not fitting the model): rank 0 prints the failing rank's message and acknowledges it,
///   then the failing rank aborts the job, so the message is on rank 0's output too (a log that
///   keeps only rank 0's lines, `mpirun --output-filename`).
///
/// A background thread (the ``Watchdog``'s, every 100 ms) receives the notices while the main
/// thread may be blocked inside MPI: MPI is started with `MPI_THREAD_MULTIPLE` for it. Where
/// Open MPI does not provide that level, there are no notices, and a peer's early exit is caught
/// by the collective's timeout as before.
final class PeerNotices {
    private enum Tag: Int32 {
        case exit = 1, failure = 2, acknowledgement = 3
    }

    /// The notices' communicator (`MPI_Comm_dup` of the world).
    private var communicator: MPI_Comm?
    private let rank: Int
    private let size: Int
    private let lock = NSLock()
    /// Communication calls the main thread has started (``World/checkUsable(_:)`` counts them;
    /// every rank makes the same calls in the same order, so the counts agree across ranks).
    private var started = 0
    private var startedOperation = ""
    /// Ranks that exited, with the number of calls each had made.
    private var exited: [Int: Int] = [:]
    /// Set when this process finalizes: the thread makes no more MPI calls.
    private var stopped = false
    /// This rank's exit notices in flight.
    private var sends: [MPI_Request?] = []
    /// The exit notice's payload, alive until the sends complete (never freed: one per process).
    private let exitCount = UnsafeMutablePointer<Int64>.allocate(capacity: 1)

    /// Duplicates the world's communicator (a collective: every rank calls it at start).
    init(rank: Int, size: Int) throws {
        self.rank = rank
        self.size = size
        var duplicate = cmpi_comm_null()
        let code = MPI_Comm_dup(cmpi_comm_world(), &duplicate)
        guard code == MPI_SUCCESS else {
            throw DistributedError.mpi(operation: "MPI_Comm_dup", code: code, message: World.errorString(code))
        }
        MPI_Comm_set_errhandler(duplicate, cmpi_errors_return())
        communicator = duplicate
    }

    /// Records that the main thread starts communication call `number` (`operation`).
    func starting(_ number: Int, _ operation: String) {
        lock.lock()
        started = number
        startedOperation = operation
        lock.unlock()
    }

    // MARK: The background thread

    /// Receives the notices that arrived, and aborts the job when a rank that exited is awaited.
    /// Called every 100 ms by the watchdog's thread.
    func poll() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        while true {
            var flag: Int32 = 0
            var status = MPI_Status()
            guard MPI_Iprobe(cmpi_any_source(), cmpi_any_tag(), communicator, &flag, &status) == MPI_SUCCESS, flag != 0 else { break }
            receive(status)
        }
        if let (peer, calls) = exited.first(where: { $0.value < started }) {
            let line = "NeuronaDistributed: rank \(rank) of \(size) ends the job: rank \(peer) exited after \(calls) communication calls "
                + "(its program returned or called exit() where the other ranks still communicate) while this rank is in call \(started) "
                + "(\(startedOperation)), which rank \(peer) will never join\n"
            FileHandle.standardError.write(Data(line.utf8))
            MPI_Abort(cmpi_comm_world(), 1)
        }
    }

    /// Receives the notice `status` announces (the lock held).
    private func receive(_ status: MPI_Status) {
        var source = status
        var count: Int32 = 0
        MPI_Get_count(&source, cmpi_byte(), &count)
        var bytes = [UInt8](repeating: 0, count: Int(max(count, 1)))
        MPI_Recv(&bytes, count, cmpi_byte(), status.MPI_SOURCE, status.MPI_TAG, communicator, cmpi_status_ignore())
        let peer = Int(status.MPI_SOURCE)
        switch Tag(rawValue: status.MPI_TAG) {
        case .exit:
            exited[peer] = bytes.count >= 8 ? Int(bytes.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }) : 0
        case .failure:
            let message = String(decoding: bytes.prefix(Int(count)), as: UTF8.self)
            FileHandle.standardError.write(Data("NeuronaDistributed: rank \(rank) of \(size) ends the job: rank \(peer) failed: \(message)\n".utf8))
            var acknowledgement: UInt8 = 1
            MPI_Send(&acknowledgement, 1, cmpi_byte(), status.MPI_SOURCE, Tag.acknowledgement.rawValue, communicator)
        case .acknowledgement, nil:
            break
        }
    }

    // MARK: Leaving

    /// Sends `message` to rank 0 and waits up to `seconds` for rank 0 to have printed it (its
    /// acknowledgement). Rank 0 itself sends nothing: it prints its own failures.
    func announceFailure(_ message: String, seconds: Double = 2) {
        guard rank != 0 else { return }
        let bytes = Array(message.utf8)
        var sending = cmpi_request_null(), receiving = cmpi_request_null()
        var acknowledgement: UInt8 = 0
        lock.lock()
        _ = bytes.withUnsafeBufferPointer { buffer in
            MPI_Isend(buffer.baseAddress, Int32(buffer.count), cmpi_byte(), 0, Tag.failure.rawValue, communicator, &sending)
        }
        MPI_Irecv(&acknowledgement, 1, cmpi_byte(), 0, Tag.acknowledgement.rawValue, communicator, &receiving)
        lock.unlock()
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        var done: Int32 = 0
        while DispatchTime.now().uptimeNanoseconds < deadline {
            lock.lock()
            MPI_Test(&receiving, &done, cmpi_status_ignore())
            lock.unlock()
            if done != 0 { return }
            usleep(1000)
        }
    }

    /// Sends every other rank this rank's exit notice: `calls` communication calls made.
    func announceExit(calls: Int) {
        lock.lock()
        defer { lock.unlock() }
        exitCount.pointee = Int64(calls)
        sends = (0..<size).filter { $0 != rank }.map { peer in
            var request = cmpi_request_null()
            MPI_Isend(exitCount, 8, cmpi_byte(), Int32(peer), Tag.exit.rawValue, communicator, &request)
            return request
        }
    }

    /// Waits (napping, without limit: the others may legitimately still be writing files) until
    /// every rank has announced its exit, then stops the thread's MPI calls, receives the exit
    /// notices it has not yet received and completes this rank's own: `MPI_Finalize` may follow.
    /// Returns `false` when the exit barrier failed (a peer is gone): the caller aborts.
    func meetAtExit() -> Bool {
        var barrier = cmpi_request_null()
        lock.lock()
        let posted = MPI_Ibarrier(communicator, &barrier)
        lock.unlock()
        guard posted == MPI_SUCCESS else { return false }
        var done: Int32 = 0
        while done == 0 {
            lock.lock()
            let code = MPI_Test(&barrier, &done, cmpi_status_ignore())
            lock.unlock()
            if code != MPI_SUCCESS { return false }
            if done == 0 { usleep(1000) }
        }
        lock.lock()
        defer { lock.unlock() }
        stopped = true
        for peer in 0..<size where peer != rank && exited[peer] == nil {
            var count: [Int64] = [0]
            MPI_Recv(&count, 8, cmpi_byte(), Int32(peer), Tag.exit.rawValue, communicator, cmpi_status_ignore())
            exited[peer] = Int(count[0])
        }
        MPI_Waitall(Int32(sends.count), &sends, cmpi_statuses_ignore())
        return true
    }

    /// Stops the thread's MPI calls (before an abort or a finalize).
    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }
}
