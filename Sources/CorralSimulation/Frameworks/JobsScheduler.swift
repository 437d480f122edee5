import CorralJobs
import CorralModel
import CorralSDK

/// Jobs' core as the simulation drives it; it keeps `JobsState`, as the store does.
struct JobsScheduler: SimScheduler {
    var core: JobsCore

    init(jobs: [JobDefinition], now: ClusterInstant) {
        core = JobsCore()
        for job in jobs { _ = try? core.put(job, now: now) }
    }

    private init(core: JobsCore) { self.core = core }

    mutating func subscribed(now: ClusterInstant) -> [FrameworkAction] { [] }
    mutating func offers(_ offers: [Offer], now: ClusterInstant) -> [FrameworkAction] { core.offers(offers, now: now) }

    mutating func update(_ status: TaskStatus, now: ClusterInstant) -> [FrameworkAction] {
        core.update(status, now: now)
        return []
    }

    mutating func tick(now: ClusterInstant) -> [FrameworkAction] {
        core.tick(now: now)
        return []
    }

    func wantsOffers(now: ClusterInstant) -> Bool { core.wantsOffers }
    func nextDeadline(now: ClusterInstant) -> ClusterInstant? { core.nextDeadline(now: now) }
    var knownTasks: [ReconcileTask] { core.runningTasks }
    var liveTasks: Set<TaskID> { Set(core.runningTasks.map(\.taskID)) }
    func restarted(now: ClusterInstant) -> any SimScheduler { JobsScheduler(core: JobsCore(restoring: core.state)) }
}
