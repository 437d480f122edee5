import CorralModel
import CorralSDK

/// The framework behind `corral execute`: launches one task on the first offer it fits in,
/// declines everything else, and passes the task's statuses on.
public actor ExecuteScheduler: Scheduler {
    public let task: TaskDescription
    let statuses: AsyncStream<TaskStatus>.Continuation
    public private(set) var launchedOn: AgentID?

    public struct TaskDescription: Sendable {
        public var id: TaskID
        public var name: String
        public var command: String
        public var resources: Resources
        public var user: String?

        public init(id: TaskID, name: String, command: String, resources: Resources, user: String? = nil) {
            self.id = id
            self.name = name
            self.command = command
            self.resources = resources
            self.user = user
        }
    }

    public init(task: TaskDescription, statuses: AsyncStream<TaskStatus>.Continuation) {
        self.task = task
        self.statuses = statuses
    }

    public func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async {
        var unused = offers.map(\.id)
        if launchedOn == nil, let offer = offers.first(where: { $0.resources.unallocated().contains(task.resources) }) {
            launchedOn = offer.agentID
            unused.removeAll { $0 == offer.id }
            var command = CommandInfo.shell(task.command)
            command.user = task.user
            let info = TaskInfo(name: task.name, taskID: task.id, agentID: offer.agentID, resources: task.resources, command: command)
            try? await driver.launch([info], on: [offer.id])
        }
        // One task is all this framework runs: it wants nothing more for a long while.
        try? await driver.decline(unused, filters: Filters(refuseSeconds: launchedOn == nil ? 1 : 3600))
        if launchedOn != nil { try? await driver.suppress() }
    }

    public func update(_ driver: SchedulerDriver, _ status: TaskStatus) async {
        statuses.yield(status)
        if status.state.isTerminal { statuses.finish() }
    }

    public func error(_ driver: SchedulerDriver, message: String) async {
        statuses.yield(TaskStatus(taskID: task.id, state: .error, source: .master, message: message))
        statuses.finish()
    }
}
