import CorralModel

/// Why a request about jobs was refused. The REST layer maps `unknownJob` and `unknownTask` to
/// 404, `invalidJob` and `malformed` to 400, `reportNotAwaited` to 409 and `storage` to 500;
/// every message names the job or task and says what was wrong.
public enum JobsError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownJob(String)
    /// No run of any job has this task: it ended long ago, or never was a job's.
    case unknownTask(TaskID)
    /// A report on a run that does not wait for one: its job is not `async`, or the run is over.
    case reportNotAwaited(TaskID, job: String)
    case invalidJob(String, problem: String)
    /// The request's JSON could not be read as a job; the text says where and why.
    case malformed(String)
    /// The change was made but could not be written to the store.
    case storage(String)

    public var description: String {
        switch self {
        case .unknownJob(let name): "job '\(name)' does not exist"
        case .unknownTask(let taskID): "no run of any job has task '\(taskID)'"
        case .reportNotAwaited(let taskID, let job):
            "the run of job '\(job)' with task '\(taskID)' awaits no report: the job is not async, or the run is over"
        case .invalidJob(let name, let problem): "job '\(name)': \(problem)"
        case .malformed(let problem): "the job's JSON cannot be read: \(problem)"
        case .storage(let problem): "the jobs store could not be written: \(problem)"
        }
    }
}
