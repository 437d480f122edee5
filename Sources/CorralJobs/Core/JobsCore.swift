import CorralModel
import CorralSDK
import Foundation

/// Jobs' logic as a value, on a clock the caller passes in: schedules and parents decide when a
/// job is due; due runs wait in `pending` and launch on offers that fit; ends are counted,
/// failures retried, and successes wake the jobs that depend on the one that succeeded.
///
/// Every mutation returns the actions the framework must carry out on the cluster.
public struct JobsCore: Sendable {
    public internal(set) var jobs: [String: JobDefinition] = [:]
    public internal(set) var history: [String: JobHistory] = [:]
    public internal(set) var graph = JobGraph()
    /// Runs waiting for an offer, oldest first.
    public internal(set) var pending: [PendingRun] = []
    /// Parsed schedules of the scheduled jobs.
    var schedules: [String: RepeatingSchedule] = [:]
    /// The job of each task on the cluster.
    var running: [TaskID: String] = [:]
    /// Since when each running task's agent has been unreachable (see `giveUpUnreachable`).
    var unreachableSince: [TaskID: ClusterInstant] = [:]
    /// Why the last offer could not take a queued run of each job (the console's "why").
    var waitingReasons: [String: String] = [:]
    /// Task IDs carry a millisecond stamp; two launches in one millisecond get successive ones.
    var lastTaskStamp: Int64 = 0

    public init() {}

    /// What the store keeps.
    public var state: JobsState { JobsState(jobs: jobs, history: history, pending: pending) }

    // MARK: Jobs

    /// Adds a job or replaces the one of the same name, after checking it (name, resources,
    /// schedule, parents, no cycle). Returns the job as stored: an empty schedule start is
    /// filled in with `now`. A changed schedule starts counting its repetitions afresh.
    @discardableResult
    public mutating func put(_ job: JobDefinition, now: ClusterInstant) throws(JobsError) -> JobDefinition {
        let (job, schedule) = try job.validated(now: now.wall)
        do throws(JobGraphError) {
            try graph.set(job.name, parents: job.parents)
        } catch {
            throw .invalidJob(error.job, problem: error.problem)
        }
        let old = jobs[job.name]
        jobs[job.name] = job
        schedules[job.name] = schedule
        var record = history[job.name] ?? JobHistory()
        if old?.schedule != job.schedule || old?.scheduleTimeZone != job.scheduleTimeZone {
            record.runsSoFar = 0
            record.scheduledThrough = nil
        }
        history[job.name] = record
        return job
    }

    /// Deletes a job with its history and pending runs, and kills its tasks. Jobs that depended
    /// on it lose it as a parent (as in Chronos); one left without parents runs only by hand.
    public mutating func remove(_ name: String) throws(JobsError) -> [FrameworkAction] {
        guard jobs[name] != nil else { throw .unknownJob(name) }
        let kills = killTasks(of: name)
        // Their ends will not be recorded; a new job of the same name starts with none running.
        running = running.filter { $0.value != name }
        jobs[name] = nil
        history[name] = nil
        schedules[name] = nil
        waitingReasons[name] = nil
        graph.remove(name)
        for child in jobs.keys where jobs[child]!.parents.contains(name) {
            jobs[child]!.parents.removeAll { $0 == name }
        }
        return kills
    }

    /// Queues a run now, whatever the schedule says (Chronos's PUT /v1/scheduler/job/NAME).
    public mutating func runNow(_ name: String, now: ClusterInstant) throws(JobsError) {
        guard jobs[name] != nil else { throw .unknownJob(name) }
        queue(name, now: now)
    }

    /// Kills the job's tasks on the cluster and drops its queued runs. Killed runs are not
    /// retried. Runs of an `async` job whose tasks finished stop waiting for the job's report:
    /// they count as killed (else a job that never reports would hold its next runs back forever).
    public mutating func kill(_ name: String, now: ClusterInstant) throws(JobsError) -> [FrameworkAction] {
        guard jobs[name] != nil else { throw .unknownJob(name) }
        abandonReports(of: name, now: now)
        return killTasks(of: name)
    }

    private mutating func killTasks(of name: String) -> [FrameworkAction] {
        pending.removeAll { $0.name == name }
        waitingReasons[name] = nil
        return (history[name]?.runs ?? []).filter(\.isRunning).map { .kill($0.taskID, $0.agentID) }
    }

    // MARK: Time

    /// When the schedule next runs the job: the first scheduled time after the last one used (in
    /// the past when a run is overdue: the next tick queues it). Nil for disabled and dependent
    /// jobs and for schedules that have run out.
    public func nextRun(of name: String, now: ClusterInstant) -> Time? {
        guard let job = jobs[name], !job.disabled else { return nil }
        return nextScheduled(name)
    }

    private func nextScheduled(_ name: String) -> Time? {
        guard let schedule = schedules[name], let record = history[name] else { return nil }
        let floor = record.scheduledThrough.map { Date(timeIntervalSince1970: $0.seconds) } ?? .distantPast
        return schedule.nextRun(after: floor, runsSoFar: record.runsSoFar).map { Time(seconds: $0.timeIntervalSince1970) }
    }

    /// Queues a run of every job whose scheduled time has come. However many scheduled times
    /// passed unseen (a start in the past, Jobs down for a while), they collapse into one run now
    /// that uses up one repetition, and the schedule goes on from the first time after now:
    /// Chronos 3's skip-forward. The job's epsilon is kept for the API but no longer skips runs,
    /// as in Chronos 3, where a late run always runs.
    public mutating func tick(now: ClusterInstant) {
        giveUpUnreachable(now: now)
        for name in schedules.keys.sorted() {
            guard let job = jobs[name], !job.disabled, let next = nextScheduled(name), next <= now.wall else { continue }
            history[name]!.runsSoFar += 1
            history[name]!.scheduledThrough = now.wall
            queue(name, now: now)
        }
    }

    // MARK: Runs

    private mutating func queue(_ name: String, now: ClusterInstant) {
        guard let job = jobs[name] else { return }
        pending.append(PendingRun(name: name, triesLeft: job.retries, queuedAt: now.wall))
        history[name]!.lastRun = now.wall
    }

    /// Whether a run could launch on a suitable offer: one is queued and its job is not held
    /// back by a run still going.
    public var wantsOffers: Bool { pending.contains { isLaunchable($0) } }

    public var hasDueRuns: Bool { !pending.isEmpty }

    func isLaunchable(_ run: PendingRun) -> Bool {
        guard let job = jobs[run.name] else { return false }
        return job.concurrent || !isRunning(run.name)
    }

    func isRunning(_ name: String) -> Bool { running.values.contains(name) }

    /// Tasks on the cluster as far as Jobs knows, to ask the master about after a restart.
    public var runningTasks: [ReconcileTask] {
        history.values.flatMap(\.runs).filter(\.isRunning).map { ReconcileTask(taskID: $0.taskID, agentID: $0.agentID) }
            .sorted { $0.taskID < $1.taskID }
    }
}
