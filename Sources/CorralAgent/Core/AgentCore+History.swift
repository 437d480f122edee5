import CorralModel

extension AgentCore {
    /// Mesos keeps 150 completed executors per framework and 50 frameworks; one bound over
    /// all of them keeps a busy agent's memory flat whatever its frameworks do.
    static let completedTaskLimit = 1000

    /// A task the agent lets go of (it ended and its end was delivered, or nobody listens any
    /// more) stays in view as completed.
    mutating func remember(_ task: AgentTask) {
        var task = task
        if task.framework == nil { task.framework = frameworks[task.frameworkID] }
        completedTasks.append(task)
        if completedTasks.count > Self.completedTaskLimit { completedTasks.removeFirst(completedTasks.count - Self.completedTaskLimit) }
    }

    /// Every task the agent tracks, by key order: those that run, those not started yet, and
    /// those that ended and wait for their end to be acknowledged.
    public var trackedTasks: [AgentTask] { tasks.values.sorted { $0.key < $1.key } }

    /// The frameworks the agent holds tasks of, as they subscribed.
    public var knownFrameworks: [FrameworkInfo] { frameworks.keys.sorted().compactMap { frameworks[$0] } }
}
