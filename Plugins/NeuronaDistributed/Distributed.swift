import CMPI
import Foundation

/// The entry point of data-parallel training over Open MPI (MLX's `mx.distributed.init()`,
/// PyTorch's `init_process_group`).
///
/// ```swift
/// let world = try Distributed.initialize()
/// print("rank \(world.rank) of \(world.size)")
/// try model.fit(x: x, y: y, epochs: 5, batchSize: 32, strategy: DataParallel(world))
/// ```
///
/// Started by `mpirun -np N`, the world has `N` ranks that talk through Open MPI. Started as a
/// plain process, it has one rank, MPI is never started, and every collective returns its
/// input: the same program runs both ways.
public enum Distributed {
    /// How long a collective waits for the other ranks before it throws
    /// ``DistributedError/timeout(operation:seconds:rank:)``: a minute, long enough for a
    /// checkpoint or validation pass on one rank of the models this runs, short enough that a
    /// hung peer is named before a user gives up on the job. Waiting costs no core: after a
    /// few milliseconds the wait naps between looks. Pass another to ``initialize(timeout:)``
    /// for the whole world, to one collective (`world.allReduce(t, timeout: 300)`), or to
    /// ``DataParallel/init(_:data:reduction:bucketCapacityBytes:timeout:)`` for training.
    public static let defaultTimeout: Double = 60

    /// The world of this process: started once, the same object on every later call.
    ///
    /// Under `mpirun` (detected from Open MPI's `OMPI_COMM_WORLD_SIZE` in the environment) this
    /// calls `MPI_Init_thread` (`MPI_THREAD_MULTIPLE`: the calling thread runs the collectives,
    /// a watchdog thread listens to the other ranks), sets the `MPI_ERRORS_RETURN` error handler
    /// on `MPI_COMM_WORLD` so that MPI errors become thrown ``DistributedError``s, and installs
    /// an exit handler (`atexit`) that ends the job the right way when the process exits:
    ///
    /// - after a failed collective, it aborts the job (`MPI_Abort`): the other ranks stop too;
    /// - otherwise it tells the other ranks that this one leaves and after how many
    ///   communication calls. A rank still waiting in a later call (this rank's program returned
    ///   or called `exit()` early, on its own) prints which rank left and aborts the job at once,
    ///   instead of waiting for its timeout. Ranks that made the same calls meet at an exit
    ///   barrier and finalize MPI, however long the last one takes (rank 0 writing a model).
    ///
    /// A typed error in `fit` on one rank ends the job at once too, with its message printed by
    /// that rank and by rank 0 (``World/abort(after:)``).
    ///
    /// - Parameter timeout: Seconds a collective waits for its peers before throwing (positive;
    ///   each call may pass its own); `nil` or `.infinity` waits forever. Used only by the first call.
    /// - Throws: ``DistributedError/mpi(operation:code:message:)`` when MPI does not start;
    ///   ``DistributedError/invalidArgument(operation:message:)`` for a timeout that is not positive.
    public static func initialize(timeout: Double? = defaultTimeout) throws -> World {
        lock.lock()
        defer { lock.unlock() }
        if let world = World.current { return world }
        if let timeout, !(timeout > 0) {
            throw DistributedError.invalidArgument(operation: "Distributed.initialize", message: "timeout must be positive seconds (or nil to wait forever), got \(timeout)")
        }
        let timeout = timeout.flatMap { $0.isFinite ? $0 : nil }
        let launched = ProcessInfo.processInfo.environment["OMPI_COMM_WORLD_SIZE"] != nil
        let world = launched ? try World.startMPI(timeout: timeout) : World(single: ())
        World.current = world
        if launched {
            atexit { World.current?.finishAtExit() }
            announceTermination(rank: world.rank)
        }
        return world
    }

    private static let lock = NSLock()

    /// The line a rank prints when the launcher terminates it, prepared before any signal.
    nonisolated(unsafe) private static var terminationLine: (pointer: UnsafeMutablePointer<CChar>, length: Int)?

    /// When a rank dies, Open MPI's `mpirun` ends the others with SIGTERM (then SIGKILL): each
    /// says so on stderr before exiting with status 143, instead of vanishing silently.
    private static func announceTermination(rank: Int) {
        let line = "NeuronaDistributed: rank \(rank) terminated by mpirun (SIGTERM): another rank failed or died, or the job was interrupted\n"
        terminationLine = (strdup(line)!, line.utf8.count)
        signal(SIGTERM) { _ in
            // Only async-signal-safe calls here: write(2) and _exit(2).
            if let line = Distributed.terminationLine { _ = write(2, line.pointer, line.length) }
            _exit(128 + SIGTERM)
        }
    }
}
