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
    /// few milliseconds the wait naps between looks. Pass another to ``initialize(timeout:)``.
    public static let defaultTimeout: Double = 60

    /// The world of this process: started once, the same object on every later call.
    ///
    /// Under `mpirun` (detected from Open MPI's `OMPI_COMM_WORLD_SIZE` in the environment) this
    /// calls `MPI_Init_thread` (funneled: only the calling thread talks to MPI), sets the
    /// `MPI_ERRORS_RETURN` error handler on `MPI_COMM_WORLD` so that MPI errors become thrown
    /// ``DistributedError``s, and finalizes MPI when the process exits (or aborts the job when
    /// a collective failed, so that the other ranks stop too).
    ///
    /// - Parameter timeout: Seconds a collective waits for its peers before throwing; `nil`
    ///   waits forever (MPI's blocking calls). Used only by the first call.
    /// - Throws: ``DistributedError/mpi(operation:code:message:)`` when MPI does not start.
    public static func initialize(timeout: Double? = defaultTimeout) throws -> World {
        lock.lock()
        defer { lock.unlock() }
        if let world = World.current { return world }
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
