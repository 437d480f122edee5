import CorralModel
import Foundation

/// A Chronos job: a command on a schedule, or after its parents.
public struct JobDefinition: Hashable, Sendable {
    public var name: String
    public var command: String
    public var schedule: RepeatingSchedule?
    public var parents: [String]
    /// A run later than this past its time is skipped (Chronos's epsilon).
    public var epsilonSeconds: Double
    public var retries: Int
    public var cpus: Double
    public var mem: Double
    public var disabled: Bool
    public var environment: [String: String]

    public init(
        name: String, command: String, schedule: RepeatingSchedule? = nil, parents: [String] = [], epsilonSeconds: Double = 60,
        retries: Int = 2, cpus: Double = 0.1, mem: Double = 128, disabled: Bool = false, environment: [String: String] = [:]
    ) {
        self.name = name
        self.command = command
        self.schedule = schedule
        self.parents = parents
        self.epsilonSeconds = epsilonSeconds
        self.retries = retries
        self.cpus = cpus
        self.mem = mem
        self.disabled = disabled
        self.environment = environment
    }
}

/// What happened to a job: Chronos's counters and its last runs.
public struct JobHistory: Hashable, Sendable {
    public struct Run: Hashable, Sendable {
        public var taskID: TaskID
        public var startedAt: Time
        public var endedAt: Time?
        public var state: TaskState
        public var message: String?
    }

    public var successCount = 0
    public var errorCount = 0
    public var lastSuccess: Time?
    public var lastError: Time?
    public var lastRun: Time?
    public var runsSoFar = 0
    public var runs: [Run] = []
    static let kept = 20
}

public enum JobsAction: Hashable, Sendable {
    case launch(OfferID, [TaskInfo])
    case decline([OfferID], refuseSeconds: Double)
    case kill(TaskID)
}

/// Jobs' logic as a value: schedules and dependencies decide when a job is due; due runs launch
/// on offers; ends are counted, failures retried, and successes wake dependent jobs.
public struct JobsCore: Sendable {
    public private(set) var jobs: [String: JobDefinition] = [:]
    public private(set) var history: [String: JobHistory] = [:]
    public private(set) var graph = JobGraph()
    /// Runs waiting for an offer: job name and how many tries are left.
    private(set) var due: [(name: String, triesLeft: Int)] = []
    private var running: [TaskID: (name: String, triesLeft: Int)] = [:]
    private var nextNumber = 0

    public init() {}

    public mutating func put(_ job: JobDefinition) throws(JobGraphError) {
        guard (job.schedule == nil) != job.parents.isEmpty else {
            throw JobGraphError(job: job.name, problem: "a job needs exactly one of a schedule or parents")
        }
        try graph.set(job.name, parents: job.parents)
        jobs[job.name] = job
        if history[job.name] == nil { history[job.name] = JobHistory() }
    }

    public mutating func remove(_ name: String) -> [JobsAction] {
        jobs[name] = nil
        history[name] = nil
        graph.remove(name)
        due.removeAll { $0.name == name }
        return running.filter { $0.value.name == name }.keys.sorted().map { .kill($0) }
    }

    /// "Run now" (Chronos's PUT /v1/scheduler/job/NAME).
    public mutating func runNow(_ name: String) {
        guard let job = jobs[name] else { return }
        due.append((name, job.retries))
    }

    /// The time a scheduled job next runs, for the console.
    public func nextRun(of name: String, after now: Time) -> Time? {
        guard let job = jobs[name], !job.disabled, let schedule = job.schedule else { return nil }
        let after = history[name]?.lastRun.map { max($0, now + -job.epsilonSeconds) } ?? now + -job.epsilonSeconds
        return schedule.nextRun(after: Date(timeIntervalSince1970: after.seconds - 0.001), runsSoFar: history[name]?.runsSoFar ?? 0)
            .map { Time(seconds: $0.timeIntervalSince1970) }
    }

    /// Marks scheduled jobs whose time has come as due; a run later than the job's epsilon is
    /// skipped (and counted as used).
    public mutating func tick(now: Time) {
        for name in jobs.keys.sorted() {
            guard let job = jobs[name], !job.disabled, job.schedule != nil else { continue }
            while let next = nextRun(of: name, after: now + (-job.epsilonSeconds - 1)), next <= now {
                history[name]!.runsSoFar += 1
                history[name]!.lastRun = next
                if now - next <= job.epsilonSeconds { due.append((name, job.retries)) }
            }
        }
    }

    /// Launches due runs that fit in the offers.
    public mutating func offers(_ offers: [Offer], now: Time) -> [JobsAction] {
        var actions: [JobsAction] = []
        var unused: [OfferID] = []
        for offer in offers {
            var free = offer.resources.unallocated()
            var tasks: [TaskInfo] = []
            var index = 0
            while index < due.count {
                guard let job = jobs[due[index].name] else { due.remove(at: index); continue }
                let needs = Resources([.scalar("cpus", job.cpus), .scalar("mem", job.mem)])
                guard free.contains(needs) else { index += 1; continue }
                try? free.subtract(needs)
                nextNumber += 1
                let taskID = TaskID("chronos.\(job.name).\(nextNumber)")
                tasks.append(TaskInfo(name: job.name, taskID: taskID, agentID: offer.agentID, resources: needs, command: .shell(job.command, environment: job.environment)))
                running[taskID] = due.remove(at: index)
                history[job.name]!.runs.append(JobHistory.Run(taskID: taskID, startedAt: now, state: .staging))
                if history[job.name]!.runs.count > JobHistory.kept { history[job.name]!.runs.removeFirst() }
            }
            if tasks.isEmpty { unused.append(offer.id) } else { actions.append(.launch(offer.id, tasks)) }
        }
        if !unused.isEmpty { actions.append(.decline(unused, refuseSeconds: due.isEmpty ? 30 : 1)) }
        return actions
    }

    /// Counts a run's end: a success wakes the jobs that depend on this one; a failure is
    /// retried while tries are left.
    public mutating func update(_ status: TaskStatus, now: Time) {
        guard let run = running[status.taskID] else { return }
        if let index = history[run.name]?.runs.lastIndex(where: { $0.taskID == status.taskID }) {
            history[run.name]!.runs[index].state = status.state
            if status.state.isTerminal {
                history[run.name]!.runs[index].endedAt = now
                history[run.name]!.runs[index].message = status.message
            }
        }
        guard status.state.isTerminal else { return }
        running[status.taskID] = nil
        if status.state == .finished {
            history[run.name]!.successCount += 1
            history[run.name]!.lastSuccess = now
            for child in graph.children(of: run.name) where jobs[child]?.disabled == false {
                if graph.isReady(child, lastRun: history[child]?.lastRun, lastSuccess: { history[$0]?.lastSuccess }) {
                    history[child]!.lastRun = now
                    due.append((child, jobs[child]!.retries))
                }
            }
        } else {
            history[run.name]!.errorCount += 1
            history[run.name]!.lastError = now
            if run.triesLeft > 0, status.state != .killed { due.append((run.name, run.triesLeft - 1)) }
        }
    }

    public var hasDueRuns: Bool { !due.isEmpty }
}
