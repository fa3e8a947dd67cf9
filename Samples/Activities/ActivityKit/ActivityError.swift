/// What can go wrong around the checks themselves (not in the student's code).
public enum ActivityError: Error, CustomStringConvertible, Equatable {
    /// No activity has that number or name.
    case unknownActivity(String, known: String)
    /// The progress file exists but cannot be read as one.
    case unreadableProgress(String, String)
    /// A file could not be written.
    case cannotWrite(String, String)
    /// The pristine copy of an exercise is missing from the resources.
    case missingPristineCopy(String)

    /// The message, naming the file or the activity.
    public var description: String {
        switch self {
        case .unknownActivity(let selector, let known):
            return "no activity '\(selector)'; the activities are \(known) (by number or name; `activities list` shows them)"
        case .unreadableProgress(let path, let reason):
            return "the progress file \(path) cannot be read (\(reason)); move it away to start afresh"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .missingPristineCopy(let file):
            return "the original copy of \(file) is missing from ActivityKit's resources (Pristine/)"
        }
    }
}
