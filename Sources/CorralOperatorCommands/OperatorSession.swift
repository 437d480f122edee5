import AsyncHTTPClient
import CorralMesosJSON
import CorralModel
import CorralOperatorClient
import CorralSDKHTTP

/// What `corral task|agent|framework` do against a master, Corral's or Apache Mesos's: its v1
/// operator API, and its agents' files API for tasks' output. Every failure is an
/// `OperatorCommandError`, which says what went wrong and with which exit status to end.
public struct OperatorSession: Sendable {
    public let master: MasterAddress
    let operators: OperatorClient
    let sandboxes: RemoteSandboxReader

    /// `credentialToAgents`: whether the agents get `credential` too (see `RemoteSandboxReader`).
    public init(master: MasterAddress, credential: Credential? = nil, credentialToAgents: Bool = false, client: HTTPClient = .shared) {
        self.master = master
        operators = OperatorClient(master: master, credential: credential, client: client)
        sandboxes = RemoteSandboxReader(master: master, client: client, credential: credential, credentialToAgents: credentialToAgents)
    }

    /// The cluster as the master sees it now.
    public func snapshot() async throws(OperatorCommandError) -> ClusterSnapshot {
        try await calling { try await operators.snapshot(now: SystemClock().now.wall) }
    }

    /// The task `query` names (see `TaskLookup`), among every task the master lists; with
    /// `preferringLive`, among those that have not ended first, so that killing `web` means the
    /// `web` that runs, not also the one that ended.
    public func task(_ query: String, framework: String?, in snapshot: ClusterSnapshot, preferringLive: Bool = false) throws(OperatorCommandError) -> TaskRecord {
        let frameworks = snapshot.frameworks + snapshot.completedFrameworks
        if preferringLive, case .found(let task) = TaskLookup.find(query, framework: framework, among: snapshot.tasks, frameworks: frameworks) {
            return task
        }
        switch TaskLookup.find(query, framework: framework, among: snapshot.tasks + snapshot.completedTasks, frameworks: frameworks) {
        case .found(let task):
            return task
        case .none:
            throw .noSuchTask(query, framework: framework, master: master)
        case .ambiguous(let tasks):
            let lines = TaskLine.lines(of: snapshot, includeCompleted: true)
            throw .ambiguousTask(query, candidates: tasks.compactMap { task in lines.first { $0.task == task } })
        }
    }

    /// The latest state of the task `key` names (its newest launch), or nil when the master no
    /// longer lists it.
    func state(of key: TaskKey) async throws(OperatorCommandError) -> TaskState? {
        let tasks = try await calling { try await operators.tasks() }
        return tasks.filter { $0.key == key }.max { $0.launchedAt < $1.launchedAt }?.state
    }

    /// `body`'s failures as the command's (see `failure(_:)`).
    func calling<T>(_ body: () async throws -> T) async throws(OperatorCommandError) -> T {
        do { return try await body() } catch { throw failure(error) }
    }

    /// An error of the operator client as the command's: an answer with an error status, an
    /// answer that is not the operator API's JSON, or no answer at all.
    func failure(_ error: any Error) -> OperatorCommandError {
        switch error {
        case let refusal as SchedulerHTTPError: .masterRefused(master, status: refusal.status, message: refusal.message)
        case let malformed as MesosJSONError: .malformedAnswer(master, problem: "\(malformed)")
        default: .masterUnreachable(master, reason: describeConnectionFailure(error))
        }
    }
}
