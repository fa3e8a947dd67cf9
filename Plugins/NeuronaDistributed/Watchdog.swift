import Foundation

/// Bounds the time of blocking MPI calls, which cannot be interrupted to throw: a background
/// thread checks the deadline of the call in progress every 100 ms and, once it has passed,
/// prints the ``DistributedError/timeout(operation:seconds:rank:)`` message on stderr and ends
/// the process with status 1 (then `mpirun` ends the other ranks).
///
/// The gradient allreduce uses Open MPI's blocking `MPI_Allreduce` under this watchdog because
/// its non-blocking `MPI_Iallreduce` (the libnbc component) was measured 3–8× slower on this
/// machine for 100–225 k floats; the other collectives poll a non-blocking request and throw.
final class Watchdog {
    private let lock = NSLock()
    private var deadline: UInt64 = 0
    private var message = ""
    private var started = false

    /// Runs `body` (a blocking MPI call) with a deadline of `timeout` seconds; `nil` runs it unguarded.
    func guarded<R>(_ operation: String, timeout: Double?, rank: Int, _ body: () throws -> R) rethrows -> R {
        guard let timeout else { return try body() }
        lock.lock()
        if !started {
            started = true
            let thread = Thread { [unowned self] in self.watch() }
            thread.name = "NeuronaDistributed watchdog"
            thread.start()
        }
        deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        message = "NeuronaDistributed: " + DistributedError.timeout(operation: operation, seconds: timeout, rank: rank).description + "\n"
        lock.unlock()
        defer {
            lock.lock()
            deadline = 0
            lock.unlock()
        }
        return try body()
    }

    private func watch() {
        while true {
            usleep(100_000)
            lock.lock()
            let expired = deadline != 0 && DispatchTime.now().uptimeNanoseconds > deadline
            let text = message
            lock.unlock()
            if expired {
                FileHandle.standardError.write(Data(text.utf8))
                _exit(1)
            }
        }
    }
}
