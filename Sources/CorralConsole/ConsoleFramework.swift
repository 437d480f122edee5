import ConsoleCore
import CorralModel
import CorralSDK

/// The framework behind the console's keyboard: it launches what the launch dialog asks for on
/// the offers it gets, kills what the user confirms, and otherwise stays out of the way
/// (suppressed, so it takes no offers it would only decline).
actor ConsoleFramework: Scheduler {
    private var pending: [TaskInfo] = []
    private var nextNumber = 1
    private var suppressed = false
    private let notices: @Sendable (String, Bool) -> Void
    /// Told the launches that wait whenever they change, so the Tasks pane can show them.
    private let waiting: @Sendable ([WaitingLaunch]) -> Void

    init(notices: @escaping @Sendable (String, Bool) -> Void, waiting: @escaping @Sendable ([WaitingLaunch]) -> Void = { _ in }) {
        self.notices = notices
        self.waiting = waiting
    }

    private func reportWaiting() {
        waiting(pending.map { WaitingLaunch(taskID: $0.taskID, name: $0.name, cpus: $0.resources.cpus, mem: $0.resources.mem) })
    }

    /// Queues `spec.instances` tasks; they launch as offers that fit arrive.
    func launch(_ spec: LaunchSpec, driver: SchedulerDriver) async {
        for _ in 0..<spec.instances {
            let id = TaskID("\(spec.name)-\(nextNumber)")
            nextNumber += 1
            pending.append(TaskInfo(
                name: spec.name, taskID: id, agentID: AgentID(""),
                resources: Resources([.scalar("cpus", spec.cpus), .scalar("mem", spec.mem)]), command: .shell(spec.command)))
        }
        reportWaiting()
        if suppressed {
            suppressed = false
            try? await driver.revive()
        }
    }

    func kill(_ key: TaskKey, agentID: AgentID, driver: SchedulerDriver) async {
        do { try await driver.kill(key.taskID, agentID: agentID) } catch { notices("Could not kill \(key.taskID): \(error)", true) }
    }

    func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async {
        let waitingBefore = pending.count
        defer { if pending.count != waitingBefore { reportWaiting() } }
        for offer in offers {
            var free = offer.resources.unallocated()
            var launch: [TaskInfo] = []
            var index = 0
            while index < pending.count {
                if free.contains(pending[index].resources) {
                    var task = pending.remove(at: index)
                    task.agentID = offer.agentID
                    try? free.subtract(task.resources)
                    launch.append(task)
                } else {
                    index += 1
                }
            }
            if launch.isEmpty {
                try? await driver.decline([offer.id], filters: Filters(refuseSeconds: 1))
            } else {
                try? await driver.launch(launch, on: [offer.id], filters: Filters(refuseSeconds: 0))
            }
        }
        if pending.isEmpty, !suppressed {
            suppressed = true
            try? await driver.suppress()
        }
    }

    func update(_ driver: SchedulerDriver, _ status: TaskStatus) async {
        if status.source == .master, status.state == .error || status.state == .dropped {
            notices("Task \(status.taskID) could not launch: \(status.message ?? status.state.rawValue)", true)
        }
    }

    func error(_ driver: SchedulerDriver, message: String) async {
        notices("The master refused the console framework: \(message)", true)
    }

    var queued: Int { pending.count }
}
