import CorralJobs
import CorralModel
import CorralSDK

/// Jobs' core as the simulation drives it; it keeps `JobsState`, as the store does.
struct JobsScheduler: SimScheduler {
    var core: JobsCore

    init(jobs: [JobDefinition], now: Time) {
        core = JobsCore()
        for job in jobs { _ = try? core.put(job, now: now) }
    }

    private init(core: JobsCore) { self.core = core }

    mutating func subscribed(now: Time) -> [FrameworkAction] { [] }
    mutating func offers(_ offers: [Offer], now: Time) -> [FrameworkAction] { core.offers(offers, now: now) }

    mutating func update(_ status: TaskStatus, now: Time) -> [FrameworkAction] {
        core.update(status, now: now)
        return []
    }

    mutating func tick(now: Time) -> [FrameworkAction] {
        core.tick(now: now)
        return []
    }

    func wantsOffers(now: Time) -> Bool { core.wantsOffers }
    var knownTasks: [ReconcileTask] { core.runningTasks }
    var liveTasks: Set<TaskID> { Set(core.runningTasks.map(\.taskID)) }
    func restarted(now: Time) -> any SimScheduler { JobsScheduler(core: JobsCore(restoring: core.state)) }
}
