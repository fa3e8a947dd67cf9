import Foundation

/// A background thread that looks every 100 ms at what the main thread cannot while it is
/// blocked inside MPI:
///
/// - the deadline of the blocking call in progress (``guarded(_:timeout:rank:_:)``): once it
///   has passed, it prints the ``DistributedError/timeout(operation:seconds:rank:)`` message on
///   stderr and ends the process with status 1 (then `mpirun` ends the other ranks). Blocking
///   MPI calls cannot be interrupted to throw.
/// - the other ranks' notices (``PeerNotices``): an exit or a failure elsewhere.
///
/// The gradient allreduce uses Open MPI's blocking `MPI_Allreduce` under this watchdog because
/// its non-blocking `MPI_Iallreduce` (the libnbc component) was measured 3–8× slower on this
/// machine for 100–225 k floats; the other collectives poll a non-blocking request and throw.
final class Watchdog {
    private let lock = NSLock()
    private var deadline: UInt64 = 0
    private var message = ""
    private var started = false
    /// Called on every look (the peers' notices), when given.
    private var onLook: (() -> Void)?

    /// Starts the thread now, calling `look` every 100 ms (the peers' notices).
    func start(looking look: @escaping () -> Void) {
        lock.lock()
        onLook = look
        lock.unlock()
        startThread()
    }

    /// Runs `body` (a blocking MPI call) with a deadline of `timeout` seconds; `nil` runs it unguarded.
    func guarded<R>(_ operation: String, timeout: Double?, rank: Int, _ body: () throws -> R) rethrows -> R {
        guard let timeout else { return try body() }
        startThread()
        lock.lock()
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

    private func startThread() {
        lock.lock()
        defer { lock.unlock() }
        guard !started else { return }
        started = true
        let thread = Thread { [unowned self] in self.watch() }
        thread.name = "NeuronaDistributed watchdog"
        thread.start()
    }

    private func watch() {
        while true {
            usleep(100_000)
            lock.lock()
            let expired = deadline != 0 && DispatchTime.now().uptimeNanoseconds > deadline
            let text = message
            let look = onLook
            lock.unlock()
            if expired {
                FileHandle.standardError.write(Data(text.utf8))
                _exit(1)
            }
            look?()
        }
    }
}
