/// What an agent's Prometheus `/metrics` reads at scrape time: its totals under Mesos's names
/// (`slave/tasks_running`, `slave/cpus_total`, …) and the last usage sample of each task whose
/// container runs, and of the agent as a whole.
public struct AgentMetricsReading: Hashable, Sendable {
    /// One task's container, with the executor Mesos would show it under (a command task's
    /// executor has the task's ID).
    public struct TaskUsage: Hashable, Sendable {
        public var key: TaskKey
        public var executorID: ExecutorID
        public var usage: ResourceUsage

        public init(key: TaskKey, executorID: ExecutorID, usage: ResourceUsage) {
            self.key = key
            self.executorID = executorID
            self.usage = usage
        }
    }

    public var values: [String: Double]
    /// By task.
    public var tasks: [TaskUsage]
    /// The agent's own cgroup (or, under posix, every task's processes together).
    public var total: ResourceUsage?

    public init(values: [String: Double], tasks: [TaskUsage] = [], total: ResourceUsage? = nil) {
        self.values = values
        self.tasks = tasks
        self.total = total
    }
}
