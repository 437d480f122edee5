import ConsoleCore
import CorralModel
import CorralSDK

/// A tour's framework: it wants `count` tasks of one size and launches one per offer, giving
/// the rest of the offer back for no time. So every task goes to whichever framework DRF puts
/// first at that moment, as in the DRF paper's example, instead of the first framework offered
/// a whole agent filling it.
actor TourFramework: Scheduler {
    let name: String
    let task: Resources
    let count: Int
    let command: String
    private var running: Set<TaskID> = []
    private var nextNumber = 1
    /// Declining every offer until then (a refuse filter to watch), when set.
    private var decliningFor: Double?
    private var subscribed = false
    private var subscriptionWaiters: [CheckedContinuation<Void, Never>] = []

    init(name: String, task: Resources, count: Int, command: String) {
        self.name = name
        self.task = task
        self.count = count
        self.command = command
    }

    func decline(for seconds: Double?) { decliningFor = seconds }

    func subscribed(_ driver: SchedulerDriver, frameworkID: FrameworkID, masterInfo: MasterInfo?) async {
        subscribed = true
        for waiter in subscriptionWaiters { waiter.resume() }
        subscriptionWaiters = []
    }

    /// Returns once the master has subscribed the framework (or `giveUp` runs first).
    func waitUntilSubscribed() async {
        guard !subscribed else { return }
        await withCheckedContinuation { subscriptionWaiters.append($0) }
    }

    /// Lets a waiter go on without the subscription (a master that never answers).
    func giveUpWaiting() {
        for waiter in subscriptionWaiters { waiter.resume() }
        subscriptionWaiters = []
    }

    func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async {
        for offer in offers {
            if let seconds = decliningFor {
                try? await driver.decline([offer.id], filters: Filters(refuseSeconds: seconds))
                continue
            }
            guard running.count < count, offer.resources.unallocated().contains(task) else {
                try? await driver.decline([offer.id], filters: Filters(refuseSeconds: 5))
                continue
            }
            let id = TaskID("\(name)-\(nextNumber)")
            nextNumber += 1
            running.insert(id)
            let info = TaskInfo(name: name, taskID: id, agentID: offer.agentID, resources: task, command: .shell(command))
            try? await driver.launch([info], on: [offer.id], filters: Filters(refuseSeconds: 0))
        }
    }

    /// A task that ended makes room for another.
    func update(_ driver: SchedulerDriver, _ status: TaskStatus) async {
        if status.state.isTerminal { running.remove(status.taskID) }
    }
}
