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
    /// Waiting for the subscription was given up (a timeout, a refusal): nobody waits again.
    private var gaveUp = false
    private var subscriptionWaiters: [CheckedContinuation<Void, Never>] = []
    private let notices: @Sendable (String, Bool) -> Void

    init(name: String, task: Resources, count: Int, command: String, notices: @escaping @Sendable (String, Bool) -> Void) {
        self.name = name
        self.task = task
        self.count = count
        self.command = command
        self.notices = notices
    }

    func decline(for seconds: Double?) { decliningFor = seconds }

    func subscribed(_ driver: SchedulerDriver, frameworkID: FrameworkID, masterInfo: MasterInfo?) async {
        subscribed = true
        for waiter in subscriptionWaiters { waiter.resume() }
        subscriptionWaiters = []
    }

    /// Returns once the master has subscribed the framework, or waiting was given up.
    func waitUntilSubscribed() async {
        guard !subscribed, !gaveUp else { return }
        await withCheckedContinuation { subscriptionWaiters.append($0) }
    }

    /// Lets every waiter, now and later, go on without the subscription (a master that does
    /// not answer in time, or refused the framework).
    func giveUpWaiting() {
        gaveUp = true
        for waiter in subscriptionWaiters { waiter.resume() }
        subscriptionWaiters = []
    }

    func error(_ driver: SchedulerDriver, message: String) async {
        notices("Tour: the master refused framework \(name): \(message)", true)
        giveUpWaiting()
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
