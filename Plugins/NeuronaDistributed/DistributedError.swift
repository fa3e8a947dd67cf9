/// What went wrong in a collective or in starting MPI.
public enum DistributedError: Error, Equatable, CustomStringConvertible {
    /// An MPI call returned an error code (the world's error handler is `MPI_ERRORS_RETURN`).
    case mpi(operation: String, code: Int32, message: String)
    /// A collective did not complete within the world's timeout: a peer is hung, or died
    /// without the launcher ending this process.
    case timeout(operation: String, seconds: Double, rank: Int)
    /// Tensors that cannot take part in a collective (a dtype MPI is not given, shapes that differ
    /// between ranks where they must agree, a root outside the world).
    case invalidArgument(operation: String, message: String)
    /// A collective after an earlier one failed or timed out: the world cannot be used any more.
    case worldFailed(operation: String, earlier: String)
    /// The ranks do not agree on what they train (``DataParallel`` checks before the first
    /// step): `field` differs between `rank` (`value`) and rank 0 (`primaryValue`).
    case mismatch(field: String, rank: Int, value: String, primaryValue: String)
    /// Sharded data whose parts cannot take the same number of steps per epoch on every rank
    /// (``DataPlacement/sharded(_:)``): `field` of `rank` is the cause, `message` says how.
    case unevenShards(field: String, rank: Int, message: String)

    /// What failed, in which collective, and on which rank where it matters.
    public var description: String {
        switch self {
        case .mpi(let operation, let code, let message):
            return "\(operation): MPI error \(code): \(message)"
        case .timeout(let operation, let seconds, let rank):
            return "\(operation): no answer from the other ranks within \(Self.format(seconds)) s on rank \(rank) (a peer is hung or has died)"
        case .invalidArgument(let operation, let message):
            return "\(operation): \(message)"
        case .worldFailed(let operation, let earlier):
            return "\(operation): the world is unusable after an earlier failure: \(earlier)"
        case .mismatch(let field, let rank, let value, let primaryValue):
            switch field {
            case "examples":
                return "rank \(rank) has \(value) examples, rank 0 has \(primaryValue): DataParallel needs the same data on every rank, or sharded data (DataParallel(world, data: .sharded): each rank its own part)"
            case "model", "optimizer", "loss":
                return "rank \(rank)'s \(field) differs from rank 0's: every rank must build and compile the same model (rank \(rank): \(value.prefix(300)); rank 0: \(primaryValue.prefix(300)))"
            default:
                return "rank \(rank)'s \(field) is \(value), rank 0's is \(primaryValue): every rank must call fit with the same data and settings"
            }
        case .unevenShards(let field, let rank, let message):
            return "DataParallel(data: .sharded): rank \(rank)'s \(field): \(message)"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
