/// Why a request about jobs was refused. The REST layer maps `unknownJob` to 404, `invalidJob`
/// and `malformed` to 400 and `storage` to 500; every message names the job and says what was wrong.
public enum JobsError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownJob(String)
    case invalidJob(String, problem: String)
    /// The request's JSON could not be read as a job; the text says where and why.
    case malformed(String)
    /// The change was made but could not be written to the store.
    case storage(String)

    public var description: String {
        switch self {
        case .unknownJob(let name): "job '\(name)' does not exist"
        case .invalidJob(let name, let problem): "job '\(name)': \(problem)"
        case .malformed(let problem): "the job's JSON cannot be read: \(problem)"
        case .storage(let problem): "the jobs store could not be written: \(problem)"
        }
    }
}
