import CorralModel

extension JobsCore {
    /// How long a run whose agent is unreachable is waited for before it counts as lost (and is
    /// retried while it has tries left). An agent that lost its identity never comes back under
    /// the old one, and the master answers TASK_UNREACHABLE for its tasks until its registry
    /// forgets the agent, two weeks later: the simulation found runs, and their jobs, waiting
    /// that long.
    public static let unreachableLimit: Duration = .seconds(300)

    mutating func noteReachability(_ status: TaskStatus, now: ClusterInstant) {
        if status.state == .unreachable {
            if unreachableSince[status.taskID] == nil { unreachableSince[status.taskID] = now }
        } else {
            unreachableSince[status.taskID] = nil
        }
    }

    /// Runs unreachable for `unreachableLimit` end as TASK_LOST. Should the agent come back, the
    /// task's updates name a run that is over, and change nothing.
    mutating func giveUpUnreachable(now: ClusterInstant) {
        let expired = unreachableSince.filter { now - $0.value >= Self.unreachableLimit }.keys.sorted()
        for taskID in expired {
            unreachableSince[taskID] = nil
            let message = "The task's agent has been unreachable for \(Int(Self.unreachableLimit.seconds)) s: the run is given up"
            update(TaskStatus(taskID: taskID, state: .lost, reason: .agentDisconnected, message: message), now: now)
        }
    }
}
